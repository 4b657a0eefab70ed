"""The files of a deposit: the application document we generate, the signed file the lawyer
proposes, the signature found on it, and the facts of the deposit with its receipt."""

from dataclasses import dataclass
from datetime import datetime

from istanze.domain.codice_fiscale import normalizza
from istanze.domain.errori import (
    DocumentoNonAggiornatoError,
    FirmaMancanteError,
    FirmaNonValidaError,
)
from istanze.domain.persone import Avvocato
from istanze.domain.regole import RegoleOrdine
from parcelle_contracts.vocabolario import TIPI_FIRMA, TipoFirma


@dataclass(frozen=True, kw_only=True)
class DocumentoIstanza:
    """The application PDF generated from the data whose fingerprint is ``fingerprint``."""

    blob_key: str
    sha256: str
    dimensione: int
    fingerprint: str


@dataclass(frozen=True, kw_only=True)
class Firma:
    """A signature on the application: who signed, with what, over which document."""

    tipo: TipoFirma
    firmatario: str | None = None
    codice_fiscale: str | None = None
    emittente: str | None = None
    firmato_il: datetime | None = None
    documento_sha256: str
    """SHA-256 of the application PDF the signature covers."""


@dataclass(frozen=True, kw_only=True)
class FileFirmato:
    """A signed file (PAdES PDF or .p7m), verified by the ``firma`` service."""

    blob_key: str
    sha256: str
    dimensione: int
    firma: Firma


@dataclass(frozen=True, kw_only=True)
class Ricevuta:
    """The deposit receipt (with the 2D code the secretariat scans)."""

    blob_key: str
    sha256: str
    dimensione: int


@dataclass(frozen=True, kw_only=True)
class Deposito:
    """The facts of the deposit."""

    depositata_il: datetime
    firma: Firma
    ricevuta: Ricevuta | None = None


def verifica_firma_proposta(
    firma: Firma, *, documento: DocumentoIstanza | None, codice_fiscale_titolare: str | None
) -> None:
    """Raise unless ``firma`` is a digital signature, by the case's owner, over ``documento``
    (the application PDF that matches the current data; ``None`` if there is none)."""
    if firma.tipo == "autografa":
        raise FirmaNonValidaError("Un file firmato deve portare una firma digitale (PAdES o CAdES)")
    if documento is None:
        raise DocumentoNonAggiornatoError(
            "Il documento dell'istanza non corrisponde ai dati attuali: generalo di nuovo e firmalo"
        )
    if firma.documento_sha256 != documento.sha256:
        raise DocumentoNonAggiornatoError(
            "Il file firmato non contiene l'ultima versione del documento dell'istanza: firma "
            "il documento generato per ultimo"
        )
    if (
        firma.codice_fiscale is not None
        and codice_fiscale_titolare is not None
        and normalizza(firma.codice_fiscale) != normalizza(codice_fiscale_titolare)
    ):
        firmatario = firma.firmatario or firma.codice_fiscale
        raise FirmaNonValidaError(
            f"Il documento è firmato da {firmatario}, non dall'avvocato che presenta l'istanza"
        )


def firma_del_deposito(
    *,
    documento: DocumentoIstanza | None,
    firmato: FileFirmato | None,
    avvocato: Avvocato,
    regole: RegoleOrdine,
) -> Firma:
    """The signature a deposit records: that of the proposed signed file, or a hand signature
    where the Ordine accepts one. ``documento`` is the application PDF matching the current
    data (``None`` if there is none)."""
    if documento is None:
        raise DocumentoNonAggiornatoError(
            "Genera il documento dell'istanza con i dati attuali e firmalo prima del deposito"
        )
    if firmato is not None:
        if firmato.firma.documento_sha256 != documento.sha256:
            raise DocumentoNonAggiornatoError(
                "Il file firmato non corrisponde al documento attuale dell'istanza"
            )
        return firmato.firma
    if regole.firma_digitale_obbligatoria:
        raise FirmaMancanteError(
            "L'Ordine richiede l'istanza firmata digitalmente (PAdES o CAdES): firma il "
            "documento dell'istanza e caricalo"
        )
    return Firma(
        tipo="autografa",
        firmatario=avvocato.nome_completo(),
        codice_fiscale=avvocato.codice_fiscale,
        documento_sha256=documento.sha256,
    )


def descrizione_deposito(firma: Firma, chi: str | None = None) -> str:
    """The timeline's line for a deposit with ``firma`` by ``chi`` (the line names who acted
    beside it, so the signer is named only when someone else)."""
    if firma.tipo == "autografa":
        return (
            "Istanza depositata: l'originale con firma autografa va consegnato alla segreteria "
            "dell'Ordine"
        )
    return f"Istanza depositata con {_minuscola(TIPI_FIRMA[firma.tipo])}{_di(firma, chi)}"


def descrizione_firma(firma: Firma, chi: str | None = None) -> str:
    """The timeline's line for a verified signed file proposed for the deposit by ``chi``."""
    return f"Documento firmato e verificato: {_minuscola(TIPI_FIRMA[firma.tipo])}{_di(firma, chi)}"


def _di(firma: Firma, chi: str | None) -> str:
    """ " di <signer>", unless the signer is who acted (named once, beside the line)."""
    if not firma.firmatario or firma.firmatario.casefold() == (chi or "").casefold():
        return ""
    return f" di {firma.firmatario}"


def _minuscola(testo: str) -> str:
    return testo[:1].lower() + testo[1:]
