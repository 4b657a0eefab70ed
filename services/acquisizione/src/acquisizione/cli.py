"""``parcelle ordini mostra|imposta``: an Ordine's settings from the command line, on
`acquisizione`'s store (their owner's) as the environment configures it.

``imposta`` changes only what it is given: the name, address and PEC printed on the notice, the
days of the procedure and of the client's observations, the reporting councillors (the whole
list, each ``USERNAME=Nome Cognome[:PESO]``), automatic assignment, stamp duty with a
hand-signed deposit, what an application needs (a digital signature, the largest file), whether
a decision waits for the client's observations term and the council fee's rule. A
term already running keeps the days it started with. Each change is stored with the next
version and announced (``ImpostazioniOrdineCambiate``) in the same transaction: the running
service's outbox relay publishes it to the other services. Registered through the
``parcelle.cli`` entry-point group; standard library only until a command runs.
"""

import argparse
import asyncio
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from parcelle_kit.cli.terminale import Terminale, con_archivio

if TYPE_CHECKING:
    from parcelle_contracts.ordini import ImpostazioniOrdine, Relatore
    from parcelle_kit.cli import Handler, Subcommands
    from parcelle_kit.store.ports import DocumentStore

NOME = "ordini"
out = Terminale(NOME)
SI_NO = {"si": True, "sì": True, "no": False}


def register(commands: "Subcommands") -> "Handler":
    """Add ``parcelle ordini`` to the command line; its handler."""
    parser = commands.add_parser(
        NOME,
        help="impostazioni degli Ordini: mostra, imposta",
        description="Termini, relatori, assegnazione, marca da bollo e regole delle istanze di "
        "ciascun Ordine.",
    )
    azioni = parser.add_subparsers(dest="azione", required=True, metavar="AZIONE")
    mostra = azioni.add_parser("mostra", help="mostra le impostazioni di un Ordine (JSON)")
    mostra.add_argument("ordine", type=_ordine, help="codice dell'Ordine, ad esempio DEMO")
    imposta = azioni.add_parser(
        "imposta",
        help="cambia le impostazioni indicate, lascia le altre",
        description="Cambia solo le impostazioni indicate; le altre restano come sono. Ogni "
        "modifica è annunciata agli altri servizi con la versione successiva.",
    )
    imposta.add_argument("ordine", type=_ordine, help="codice dell'Ordine, ad esempio DEMO")
    _impostazioni_segreteria(imposta)
    _regole_istanze(imposta)
    _regole_revisione(imposta)
    return esegui


def _impostazioni_segreteria(imposta: argparse.ArgumentParser) -> None:
    """The options of what the secretariat and the notice use."""
    imposta.add_argument("--nome", help='ad esempio "Ordine degli Avvocati di Roma"')
    imposta.add_argument("--indirizzo", help="indirizzo della segreteria (per le osservazioni)")
    imposta.add_argument("--pec", help="PEC dell'Ordine (per le osservazioni)")
    imposta.add_argument(
        "--termine-giorni", type=_giorni(1, 3650), help="giorni del procedimento (1-3650)"
    )
    imposta.add_argument(
        "--giorni-osservazioni",
        type=_giorni(1, 365),
        help="giorni per le osservazioni del cliente (1-365)",
    )
    imposta.add_argument(
        "--relatore",
        action="append",
        type=_relatore,
        metavar="USERNAME=NOME[:PESO]",
        help='un consigliere relatore, ad esempio "consigliere.rossi=Maria Rossi:2"; ripetibile: '
        "l'elenco dato sostituisce quello registrato",
    )
    imposta.add_argument(
        "--senza-relatori", action="store_true", help="togli tutti i consiglieri relatori"
    )
    imposta.add_argument(
        "--assegnazione-automatica",
        type=_si_no,
        metavar="si|no",
        help="assegna il relatore all'acquisizione (a turno, pesato sulle pratiche aperte)",
    )
    imposta.add_argument(
        "--marca-da-bollo",
        type=_si_no,
        metavar="si|no",
        help="per le istanze con firma autografa serve anche la marca da bollo",
    )


def _regole_istanze(imposta: argparse.ArgumentParser) -> None:
    """The options of what an application needs (checked by ``istanze``)."""
    imposta.add_argument(
        "--firma-digitale",
        type=_si_no,
        metavar="si|no",
        help="si: si depositano solo istanze firmate digitalmente; no: anche con firma autografa "
        "(originale consegnato in segreteria)",
    )
    imposta.add_argument(
        "--max-file-mb",
        type=_numero(1, 1024, "MB"),
        metavar="N",
        help="dimensione massima di ciascun allegato di un'istanza, in MB (1-1024)",
    )


DIRITTI = (
    ("percentuale", "percentuale dei diritti sul compenso liquidato (es. 2)"),
    ("percentuale_difesa_ufficio", "percentuale per la difesa d'ufficio (es. 1)"),
    ("diritto_fisso", "diritto fisso dovuto in ogni caso, in euro (es. 50)"),
    ("soglia", "compenso fino al quale si applica la percentuale, in euro (es. 100000)"),
    ("percentuale_oltre_soglia", "percentuale sul compenso oltre la soglia (es. 1)"),
    ("esenzione_sotto", "sotto questo compenso è dovuto solo il diritto fisso, in euro"),
    ("minimo", "diritti minimi, in euro"),
    ("massimo", "diritti massimi, in euro"),
)
"""The council fee's settings (``revisione.diritti``): each an option ``--diritti-<name>``;
``nessuno`` clears an optional one."""


def _regole_revisione(imposta: argparse.ArgumentParser) -> None:
    """The options of the councillor's review and of the council fee (``revisione``)."""
    imposta.add_argument(
        "--attendi-osservazioni",
        type=_si_no,
        metavar="si|no",
        help="si: la decisione attende la scadenza del termine per le osservazioni del cliente",
    )
    for campo, aiuto in DIRITTI:
        imposta.add_argument(
            f"--diritti-{campo.replace('_', '-')}",
            dest=f"diritti_{campo}",
            type=_euro,
            metavar="IMPORTO|nessuno",
            help=aiuto,
        )


def esegui(args: argparse.Namespace) -> int:
    from acquisizione.bootstrap import service
    from acquisizione.config import AcquisizioneSettings

    azione = _mostra if args.azione == "mostra" else _imposta
    return asyncio.run(
        con_archivio(
            out,
            AcquisizioneSettings,
            service.name,
            service.indexes,
            lambda store: azione(store, args),
        )
    )


async def _mostra(store: "DocumentStore", args: argparse.Namespace) -> int:
    from acquisizione.bootstrap import unit_of_work
    from acquisizione.handlers.base import impostazioni_ordine

    impostazioni = await store.run(lambda tx: impostazioni_ordine(unit_of_work(tx), args.ordine))
    out.uscita(_json(impostazioni))
    return 0


async def _imposta(store: "DocumentStore", args: argparse.Namespace) -> int:
    from acquisizione.bootstrap import unit_of_work
    from acquisizione.handlers.ordini import imposta

    if args.relatore and args.senza_relatori:
        out.errore("indica i relatori oppure --senza-relatori, non entrambi")
        return 1
    cambi = cambi_richiesti(args)
    try:
        # Read, written and announced in one transaction: a concurrent change makes it retry.
        dopo = await store.run(lambda tx: imposta(unit_of_work(tx), args.ordine, cambi))
    except ValueError as error:
        out.errore(_in_italiano(error))
        return 1
    out.info(f"impostazioni dell'Ordine {args.ordine} salvate (versione {dopo.versione})")
    out.uscita(_json(dopo))
    return 0


def cambi_richiesti(args: argparse.Namespace) -> dict[str, Any]:
    """What ``imposta`` was given, as changes of the settings (see ``handlers.ordini``)."""
    cambi: dict[str, Any] = {
        campo: getattr(args, campo)
        for campo in (
            "nome",
            "indirizzo",
            "pec",
            "termine_giorni",
            "giorni_osservazioni",
            "assegnazione_automatica",
            "marca_da_bollo",
        )
        if getattr(args, campo) is not None
    }
    if args.relatore:
        cambi["relatori"] = tuple(args.relatore)
    if args.senza_relatori:
        cambi["relatori"] = ()
    regole: dict[str, Any] = {}
    if args.firma_digitale is not None:
        regole["firma_digitale_obbligatoria"] = args.firma_digitale
    if args.max_file_mb is not None:
        from parcelle_contracts.vocabolario import MB

        regole["max_dimensione_file"] = args.max_file_mb * MB
    if regole:
        cambi["istanze"] = regole
    revisione: dict[str, Any] = {}
    if getattr(args, "attendi_osservazioni", None) is not None:
        revisione["attendi_osservazioni"] = args.attendi_osservazioni
    diritti = {
        campo: (None if valore == NESSUNO else valore)
        for campo, _ in DIRITTI
        if (valore := getattr(args, f"diritti_{campo}", None)) is not None
    }
    if diritti:
        revisione["diritti"] = diritti
    if revisione:
        cambi["revisione"] = revisione
    return cambi


def _json(impostazioni: "ImpostazioniOrdine") -> str:
    return impostazioni.model_dump_json(indent=2)


def _in_italiano(error: ValueError) -> str:
    testo = str(error)
    if "automatic assignment" in testo:
        return "l'assegnazione automatica richiede almeno un consigliere relatore"
    if "listed once" in testo:
        return "ciascun consigliere relatore va indicato una volta sola"
    if "threshold" in testo:
        return "la soglia dei diritti richiede la percentuale oltre la soglia, e viceversa"
    if "minimum council fee" in testo:
        return "i diritti minimi non possono superare i massimi"
    if "size limit cannot be below" in testo:
        return "un allegato non può superare la dimensione massima dell'intera istanza"
    return f"impostazioni non valide: {testo}"


def _giorni(minimo: int, massimo: int) -> Callable[[str], int]:
    return _numero(minimo, massimo, "giorni")


def _numero(minimo: int, massimo: int, unita: str) -> Callable[[str], int]:
    def numero(testo: str) -> int:
        try:
            valore = int(testo)
        except ValueError:
            raise argparse.ArgumentTypeError(f"«{testo}» non è un numero di {unita}") from None
        if not minimo <= valore <= massimo:
            raise argparse.ArgumentTypeError(f"indica da {minimo} a {massimo} {unita}")
        return valore

    return numero


NESSUNO = "nessuno"


def _euro(testo: str) -> object:
    """An amount or rate as typed (``1.500,50`` or ``1500.50``), or ``nessuno``."""
    from decimal import Decimal, InvalidOperation

    pulito = testo.strip().lower()
    if pulito == NESSUNO:
        return NESSUNO
    if "," in pulito:
        pulito = pulito.replace(".", "").replace(",", ".")
    try:
        valore = Decimal(pulito)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"«{testo}» non è un importo") from None
    if not valore.is_finite() or valore < 0:
        raise argparse.ArgumentTypeError(f"«{testo}»: indica un importo non negativo")
    return valore


def _ordine(testo: str) -> str:
    from parcelle_kit.codes import ordine_valido

    ordine = testo.strip().upper()
    if not ordine_valido(ordine):
        raise argparse.ArgumentTypeError(f"«{testo}»: da 2 a 32 lettere, ad esempio DEMO")
    return ordine


def _si_no(testo: str) -> bool:
    try:
        return SI_NO[testo.strip().lower()]
    except KeyError:
        raise argparse.ArgumentTypeError(f"«{testo}»: indica si oppure no") from None


def _relatore(testo: str) -> "Relatore":
    from parcelle_contracts.ordini import Relatore

    username, uguale, resto = testo.partition("=")
    nome, _, peso = resto.rpartition(":") if ":" in resto else (resto, "", "1")
    if not uguale or not username.strip() or not nome.strip():
        raise argparse.ArgumentTypeError(f"«{testo}»: scrivi USERNAME=Nome Cognome[:PESO]")
    if not peso.isdigit() or not 1 <= int(peso) <= 10:
        raise argparse.ArgumentTypeError(f"«{testo}»: il peso va da 1 a 10")
    return Relatore(username=username.strip(), nome=nome.strip(), peso=int(peso))
