"""``parcelle stazioni crea|revoca|elenca``: scanner stations from the command line, on the
gateway's store as the environment configures it (``PARCELLE_VAR_DIR``, ``PARCELLE_STORE`` ...).

Registered through the ``parcelle.cli`` entry-point group (see ``parcelle_kit.cli``); this
module imports only the standard library until a command runs. ``crea`` writes the key alone
on standard output (``KEY=$(parcelle stazioni crea ...)``) and what it did on standard error.
"""

import argparse
import asyncio
from collections.abc import Awaitable, Callable
from datetime import datetime
from typing import TYPE_CHECKING, TypeAlias
from zoneinfo import ZoneInfo

from parcelle_kit.cli.terminale import Terminale, chi, con_archivio

if TYPE_CHECKING:
    from gateway.stazioni.store import Stazione, StazioniStore
    from parcelle_kit.cli import Handler, Subcommands

NOME = "stazioni"
ROMA = ZoneInfo("Europe/Rome")
Azione: TypeAlias = Callable[["StazioniStore", argparse.Namespace], Awaitable[int]]
out = Terminale(NOME)


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

    return await con_archivio(
        out,
        GatewaySettings,
        "gateway",
        INDEXES,
        lambda store: azione(StazioniStore(store), args),
    )


async def _crea(stazioni: "StazioniStore", args: argparse.Namespace) -> int:
    from gateway.stazioni.store import StazioneNonValidaError

    try:
        stazione, chiave = await stazioni.crea(nome=args.nome, ordine=args.ordine, da=chi())
    except StazioneNonValidaError as error:
        for messaggio in error.campi.values():
            out.errore(messaggio)
        return 1
    out.info(f"stazione creata: {stazione.nome} (Ordine {stazione.ordine}), id {stazione.id}")
    out.info(
        "la chiave qui sotto è mostrata ora e mai più: configurala nella stazione (intestazione "
        "X-Station-Key); Parcelle ne conserva solo l'impronta SHA-256"
    )
    out.uscita(chiave)
    return 0


async def _revoca(stazioni: "StazioniStore", args: argparse.Namespace) -> int:
    prima = await stazioni.get(args.id)
    if prima is None:
        out.errore(f"nessuna stazione con id {args.id}")
        return 1
    stazione = await stazioni.revoca(args.id, da=chi())
    if not prima.attiva:
        out.info(f"la stazione {stazione.nome} era già revocata il {_quando(stazione)}")
    else:
        out.info(f"stazione revocata: {stazione.nome} (Ordine {stazione.ordine}), id {stazione.id}")
    return 0


async def _elenca(stazioni: "StazioniStore", args: argparse.Namespace) -> int:
    elenco = await stazioni.elenco(args.ordine)
    if not elenco:
        out.info("nessuna stazione")
        return 0
    out.uscita(f"{'ID':<36}  {'ORDINE':<8}  {'STATO':<8}  {'CREATA (ORA ITALIANA)':<21}  NOME")
    for stazione in elenco:
        stato = "attiva" if stazione.attiva else "revocata"
        nota = "" if stazione.attiva else f"  (revocata il {_quando(stazione)})"
        out.uscita(
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
