"""``parcelle stazioni crea|revoca|elenca``: scanner stations from the command line, on the
gateway's store as the environment configures it (``PARCELLE_VAR_DIR``, ``PARCELLE_STORE`` ...).

Registered through the ``parcelle.cli`` entry-point group (see ``parcelle_kit.cli``); this
module imports only the standard library until a command runs. ``crea`` writes the key alone
on standard output (``KEY=$(parcelle stazioni crea ...)``) and what it did on standard error.
"""

import argparse
import asyncio
import getpass
import sys
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeAlias
from zoneinfo import ZoneInfo

if TYPE_CHECKING:
    from gateway.stazioni.store import Stazione, StazioniStore
    from parcelle_kit.cli import Handler, Subcommands

NOME = "stazioni"
ROMA = ZoneInfo("Europe/Rome")
Azione: TypeAlias = Callable[["StazioniStore", argparse.Namespace], Awaitable[int]]


def register(commands: "Subcommands") -> "Handler":
    """Add ``parcelle stazioni`` to the command line; its handler."""
    parser = commands.add_parser(
        NOME,
        help="stazioni di scansione: crea, revoca, elenca",
        description="Le stazioni di scansione della segreteria (POST /api/v1/scanner/eventi).",
    )
    azioni = parser.add_subparsers(dest="azione", required=True, metavar="AZIONE")
    crea = azioni.add_parser(
        "crea",
        help="crea una stazione e ne mostra la chiave (una volta sola)",
        description="Crea una stazione: la chiave va su standard output, una volta sola.",
    )
    crea.add_argument("--ordine", required=True, help="codice dell'Ordine, ad esempio DEMO")
    crea.add_argument("--nome", required=True, help='nome della stazione, ad esempio "Sportello 1"')
    revoca = azioni.add_parser("revoca", help="revoca una stazione (per sempre)")
    revoca.add_argument("id", help="identificativo della stazione (vedi elenca)")
    elenca = azioni.add_parser("elenca", help="elenca le stazioni")
    elenca.add_argument("--ordine", help="solo le stazioni di questo Ordine")
    return esegui


def esegui(args: argparse.Namespace) -> int:
    azioni: dict[str, Azione] = {"crea": _crea, "revoca": _revoca, "elenca": _elenca}
    return asyncio.run(_con_archivio(azioni[args.azione], args))


async def _con_archivio(azione: Azione, args: argparse.Namespace) -> int:
    from gateway.config import GatewaySettings
    from gateway.stazioni.store import INDEXES, StazioniStore
    from parcelle_kit.settings import ConfigurationError
    from parcelle_kit.stores import build_document_store

    try:
        settings = GatewaySettings()
        store = build_document_store(settings, "gateway")
    except (ConfigurationError, ValueError) as error:
        _errore(f"configurazione non valida: {error}")
        return 2
    await store.open(INDEXES)
    try:
        return await azione(StazioniStore(store), args)
    finally:
        await store.close()


async def _crea(stazioni: "StazioniStore", args: argparse.Namespace) -> int:
    from gateway.stazioni.store import StazioneNonValidaError

    try:
        stazione, chiave = await stazioni.crea(nome=args.nome, ordine=args.ordine, da=_chi())
    except StazioneNonValidaError as error:
        for messaggio in error.campi.values():
            _errore(messaggio)
        return 1
    _info(f"stazione creata: {stazione.nome} (Ordine {stazione.ordine}), id {stazione.id}")
    _info(
        "la chiave qui sotto è mostrata ora e mai più: configurala nella stazione (intestazione "
        "X-Station-Key); Parcelle ne conserva solo l'impronta SHA-256"
    )
    _uscita(chiave)
    return 0


async def _revoca(stazioni: "StazioniStore", args: argparse.Namespace) -> int:
    prima = await stazioni.get(args.id)
    if prima is None:
        _errore(f"nessuna stazione con id {args.id}")
        return 1
    stazione = await stazioni.revoca(args.id, da=_chi())
    if not prima.attiva:
        _info(f"la stazione {stazione.nome} era già revocata il {_quando(stazione)}")
    else:
        _info(f"stazione revocata: {stazione.nome} (Ordine {stazione.ordine}), id {stazione.id}")
    return 0


async def _elenca(stazioni: "StazioniStore", args: argparse.Namespace) -> int:
    elenco = await stazioni.elenco(args.ordine)
    if not elenco:
        _info("nessuna stazione")
        return 0
    _uscita(f"{'ID':<36}  {'ORDINE':<8}  {'STATO':<8}  {'CREATA (ORA ITALIANA)':<21}  NOME")
    for stazione in elenco:
        stato = "attiva" if stazione.attiva else "revocata"
        nota = "" if stazione.attiva else f"  (revocata il {_quando(stazione)})"
        _uscita(
            f"{stazione.id:<36}  {stazione.ordine:<8}  {stato:<8}  "
            f"{_ora(stazione.creata_il):<21}  {stazione.nome}{nota}"
        )
    return 0


def _ora(quando: datetime) -> str:
    return quando.astimezone(ROMA).strftime("%d/%m/%Y %H:%M")


def _quando(stazione: "Stazione") -> str:
    if stazione.revocata_il is None:
        return ""
    return f"{_ora(stazione.revocata_il)} da {stazione.revocata_da}"


def _chi() -> str:
    """Who acts from the command line: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


# A command line talks to its user: results on standard output, the rest on standard error.
def _uscita(riga: str) -> None:
    sys.stdout.write(riga + "\n")
    sys.stdout.flush()


def _info(riga: str) -> None:
    sys.stderr.write(f"parcelle stazioni: {riga}\n")


def _errore(riga: str) -> None:
    sys.stderr.write(f"parcelle stazioni: errore: {riga}\n")
