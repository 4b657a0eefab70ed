"""Signing a document of the Ordine (the liquidation order) with the Ordine's key (PAdES).

The signed file is kept in the transfer area under a key derived from the command's message
id, with the certificate and the level as its metadata: a redelivered command finds it there
and answers with it, without signing again (a remote signing service is asked once).
"""

from firma.domain import errors
from firma.domain.firma import DatiFirma, livello_applicato
from firma.handlers.base import key_segment, read
from firma.handlers.firma_demo import PDF, luogo
from firma.ports import Dependencies, InvalidDocumentError, StoredBlob
from parcelle_contracts.firma import FirmaApposta, FirmaDocumento
from parcelle_contracts.vocabolario import LIVELLI_FIRMA, LivelloFirma

CERTIFICATO = "certificato"
LIVELLO = "livello"


def _apposta(stored: StoredBlob) -> FirmaApposta | None:
    """The reply recorded with a stored result, or None if it is not one of ours."""
    certificato = stored.metadata.get(CERTIFICATO)
    livello = stored.metadata.get(LIVELLO)
    if certificato is None or livello not in LIVELLI_FIRMA:
        return None
    applied: LivelloFirma = livello  # type: ignore[assignment] # checked just above
    return FirmaApposta(documento=stored.ref, certificato=certificato, livello=applied)


async def firma_documento(message: FirmaDocumento, deps: Dependencies) -> FirmaApposta:
    """The signed PDF, left in the transfer area, with the certificate and level applied."""
    signer = deps.document_signer
    if signer is None:
        raise errors.firma_non_configurata()
    key = f"firma/{key_segment(message.message_id)}.pdf"
    stored = await deps.blobs.stored(key)
    if stored is not None and (first := _apposta(stored)) is not None:
        return first
    dati = DatiFirma(
        firmatario=message.firmatario,
        motivo=message.motivo,
        luogo=message.luogo or luogo(message.ordine),
        livello=livello_applicato(message.livello, marca_temporale=signer.marca_temporale),
    )
    pdf = await read(deps, message.documento, "documento")
    try:
        firmato = await signer.sign(pdf, dati)
    except InvalidDocumentError:
        raise errors.non_pdf("documento") from None
    ref = await deps.blobs.publish(
        key,
        firmato.pdf,
        content_type=PDF,
        metadata={CERTIFICATO: firmato.certificato, LIVELLO: dati.livello},
    )
    return FirmaApposta(documento=ref, certificato=firmato.certificato, livello=dati.livello)
