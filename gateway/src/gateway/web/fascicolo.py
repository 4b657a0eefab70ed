"""The case file (fascicolo) in front of the clerk and the councillor: every document of the
application as ``istanze`` keeps it (the application as signed, its PDF, the deposit receipt,
each attachment: fee note, proof of sending it, the others), the client's observations as
``acquisizione`` keeps them, each with its SHA-256 and, for the signed application, the
signature as verified at the deposit; and the amounts requested, phase by phase.

Pure presentation plus the one request to ``istanze``; the routes of each area serve the files
(``{base}/documenti/{quale}``, ``{base}/allegati/{id}``, ``{base}/osservazioni/{n}``), opened in
the browser with ``?apri=1`` and downloaded without it.
"""

from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal

from fastapi import Request, Response

from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.files import GatewayFiles
from gateway.ports import IstanzePort, QualeFile
from parcelle_contracts.acquisizione import Pratica
from parcelle_contracts.common import Attore, FileRef
from parcelle_contracts.istanze import Firma, Istanza
from parcelle_contracts.vocabolario import CATEGORIE_ALLEGATO, FASI, TIPI_FIRMA

DOCUMENTI: dict[str, QualeFile] = {
    "firmata": "firmato",
    "istanza": "documento",
    "ricevuta": "ricevuta",
}
"""The application's own files, by the name of their address."""
APRIBILI = frozenset({"application/pdf", "image/jpeg", "image/png"})
"""What a browser shows by itself: the others (a .p7m) are only downloaded."""
NON_DISPONIBILE = (
    "I documenti dell'istanza non sono disponibili in questo momento (il servizio delle istanze "
    "non risponde): ricarica la pagina tra poco."
)


@dataclass(frozen=True)
class FirmaVerificata:
    """The signature on the deposited application, as ``istanze`` verified it at the deposit."""

    tipo: str
    firmatario: str | None
    codice_fiscale: str | None
    emittente: str | None
    firmato_il: datetime | None
    digitale: bool


@dataclass(frozen=True)
class Documento:
    """A line of the case file."""

    nome: str
    """What it is, in words ("Istanza firmata digitalmente", "Parcella (notula)")."""
    file: str | None
    """The file's own name, where it has one."""
    href: str
    sha256: str | None
    dimensione: int | None = None
    tipo: str | None = None
    caricato_il: datetime | None = None
    apribile: bool = True
    firma: FirmaVerificata | None = None


@dataclass(frozen=True)
class Importo:
    """An amount requested for a phase (or an item of ``altro``)."""

    voce: str
    importo: Decimal
    motivazione: str | None


async def istanza_del_fascicolo(
    istanze: IstanzePort, attore: Attore, istanza_id: str
) -> Istanza | None:
    """The application as ``istanze`` shows it to the Ordine's staff; None when the service
    does not answer or does not know the case (the page then says the file is unavailable)."""
    try:
        return await istanze.dettaglio(attore, istanza_id)
    except ServiceUnavailableError:
        return None
    except RichiestaRifiutataError as rifiuto:
        if rifiuto.errore.codice in ("non_trovata", "non_autorizzata"):
            return None
        raise


def _firma(firma: Firma) -> FirmaVerificata:
    return FirmaVerificata(
        tipo=TIPI_FIRMA.get(firma.tipo, firma.tipo),
        firmatario=firma.firmatario,
        codice_fiscale=firma.codice_fiscale,
        emittente=firma.emittente,
        firmato_il=firma.firmato_il,
        digitale=firma.tipo != "autografa",
    )


def documenti(
    istanza: Istanza | None, pratica: Pratica, base: str, provvedimento: FileRef | None = None
) -> list[Documento]:
    """Every document of the case, in the order a reader goes through a file: the application
    as signed, its PDF, the receipt, the attachments by category, the client's observations,
    and the signed order once there is one."""
    righe: list[Documento] = []
    if istanza is not None:
        firma = istanza.firma
        if firma is not None and firma.tipo != "autografa":
            righe.append(
                Documento(
                    nome="Istanza firmata digitalmente",
                    file=None,
                    href=f"{base}/documenti/firmata",
                    sha256=firma.sha256,
                    tipo=TIPI_FIRMA[firma.tipo],
                    apribile=firma.tipo == "pades",
                    firma=_firma(firma),
                )
            )
        autografa = firma is not None and firma.tipo == "autografa"
        righe.append(
            Documento(
                nome="Istanza (PDF generato da Parcelle)",
                file=None,
                href=f"{base}/documenti/istanza",
                sha256=istanza.documento_sha256,
                tipo="PDF",
                firma=_firma(firma) if autografa and firma is not None else None,
            )
        )
        if istanza.ricevuta_sha256 or istanza.depositata_il:
            righe.append(
                Documento(
                    nome="Ricevuta di deposito",
                    file=None,
                    href=f"{base}/documenti/ricevuta",
                    sha256=istanza.ricevuta_sha256,
                    tipo="PDF",
                    caricato_il=istanza.depositata_il,
                )
            )
        ordine = list(CATEGORIE_ALLEGATO)
        for allegato in sorted(istanza.allegati, key=lambda a: ordine.index(a.categoria)):
            righe.append(
                Documento(
                    nome=CATEGORIE_ALLEGATO.get(allegato.categoria, allegato.categoria),
                    file=allegato.nome_file,
                    href=f"{base}/allegati/{allegato.id}",
                    sha256=allegato.sha256,
                    dimensione=allegato.dimensione,
                    tipo=allegato.tipo,
                    caricato_il=allegato.caricato_il,
                    apribile=allegato.content_type in APRIBILI,
                )
            )
    for numero, file in enumerate(pratica.osservazioni, start=1):
        righe.append(osservazioni(file, numero, base))
    if provvedimento is not None:
        righe.append(
            Documento(
                nome="Provvedimento firmato",
                file=provvedimento.nome_file,
                href=f"{base}/provvedimento",
                sha256=provvedimento.blob.sha256,
                dimensione=provvedimento.blob.size,
                tipo="PDF firmato dall'Ordine",
            )
        )
    return righe


def osservazioni(file: FileRef, numero: int, base: str) -> Documento:
    return Documento(
        nome="Osservazioni del cliente",
        file=file.nome_file,
        href=f"{base}/osservazioni/{numero}",
        sha256=file.blob.sha256,
        dimensione=file.blob.size,
        tipo="PDF",
        apribile=file.content_type in APRIBILI,
    )


def importi(istanza: Istanza | None) -> list[Importo]:
    """The amounts requested, phase by phase, as the application states them."""
    if istanza is None:
        return []
    righe = []
    for voce in istanza.contenuto.voci or []:
        nome = FASI.get(voce.fase, voce.fase)
        if voce.descrizione:
            nome = f"{nome}: {voce.descrizione}"
        righe.append(Importo(nome, voce.importo, voce.motivazione))
    return righe


def contesto(
    istanza: Istanza | None, pratica: Pratica, base: str, provvedimento: FileRef | None = None
) -> dict[str, object]:
    """What ``templates/pratica/_fascicolo.html`` and ``_importi.html`` need."""
    return {
        "istanza": istanza,
        "documenti": documenti(istanza, pratica, base, provvedimento),
        "importi": importi(istanza),
        "fascicolo_assente": NON_DISPONIBILE if istanza is None else None,
    }


def apri(request: Request) -> bool:
    """The address asks to open the file in the browser (``?apri=1``), not to download it."""
    return request.query_params.get("apri") == "1"


async def invia(request: Request, files: GatewayFiles, file: FileRef) -> Response:
    """The file, opened in the browser when asked and it can be, else downloaded."""
    return await files.send(file, inline=apri(request) and file.content_type in APRIBILI)
