"""Development only: sign an application PDF with the demo lawyer's certificate (PAdES).

The signed file is stored under a key derived from the request's message id, so a redelivery
returns the file the first attempt stored."""

from firma.domain import errors
from firma.handlers.base import key_segment, read
from firma.ports import Dependencies, InvalidDocumentError
from parcelle_contracts.common import BlobRef
from parcelle_contracts.firma import FirmaDemo
from parcelle_kit import demo

PDF = "application/pdf"


def luogo(ordine: str) -> str:
    """The signature's location: the Ordine the application is addressed to."""
    return demo.ORDINE_NOME if ordine == demo.ORDINE else f"Ordine degli Avvocati {ordine}"


async def firma_demo(message: FirmaDemo, deps: Dependencies) -> BlobRef:
    """The signed PDF, left in the transfer area."""
    if deps.demo_signer is None:
        raise errors.non_disponibile()
    pdf = await read(deps, message.documento, "documento")
    try:
        signed = await deps.demo_signer.sign(pdf, location=luogo(message.ordine))
    except InvalidDocumentError:
        raise errors.non_pdf("documento") from None
    key = f"firma-demo/{key_segment(message.message_id)}.pdf"
    # On a redelivery the key is taken: the first attempt's signed file is the answer.
    return await deps.blobs.publish(key, signed, content_type=PDF)
