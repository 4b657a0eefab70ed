"""Use cases of `firma`: take a request and the ports, return the reply's data.

Both requests are answered through ``parcelle_kit.requests.answer``: a handler returns the data
or raises a :class:`~firma.domain.errors.RichiestaRifiutata`, which the caller receives as
``Esito(ok=False)``. Verification changes nothing, so a redelivered request is simply verified
again; a demo signature is stored under a key derived from the request's message id, so a
redelivery returns the file the first attempt stored.
"""

import hashlib
import re
from dataclasses import dataclass

from firma.domain import errors
from firma.domain.esame import Impronta
from firma.domain.verdetto import valuta
from firma.ports import (
    BlobMissingError,
    Blobs,
    BlobTooLargeError,
    DemoSigner,
    InvalidDocumentError,
    SignatureVerifier,
)
from parcelle_contracts.common import BlobRef
from parcelle_contracts.firma import EsitoVerifica, FirmaDemo, Problema, VerificaFirma
from parcelle_kit import demo

PDF = "application/pdf"
_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9_-]{1,100}")


@dataclass(frozen=True)
class Ports:
    """What the handlers work with; built by the composition root (bootstrap)."""

    verifier: SignatureVerifier
    blobs: Blobs
    demo_signer: DemoSigner | None
    """None outside development: demo signing does not exist in production."""
    max_file_size: int


async def _read(ports: Ports, ref: BlobRef, campo: str) -> bytes:
    if ref.size > ports.max_file_size:
        raise errors.file_troppo_grande(campo, ports.max_file_size)
    try:
        data = await ports.blobs.read(ref, max_size=ports.max_file_size)
    except BlobMissingError:
        raise errors.file_non_trovato(campo) from None
    except BlobTooLargeError:
        raise errors.file_troppo_grande(campo, ports.max_file_size) from None
    # The reference is the sender's claim: what we verify must be what they meant.
    if not Impronta(ref.sha256, ref.size).corrisponde(data):
        raise errors.file_non_corrispondente(campo)
    return data


async def verifica_firma(message: VerificaFirma, ports: Ports) -> EsitoVerifica:
    """Does the signed file carry a valid signature by the applicant over the original?"""
    firmato = await _read(ports, message.firmato, "firmato")
    originale = Impronta(message.originale.sha256, message.originale.size)
    esame = await ports.verifier.examine(firmato, originale, message.codice_fiscale)
    verdetto = valuta(esame, message.codice_fiscale)
    return EsitoVerifica(
        valida=verdetto.valida,
        tipo=verdetto.tipo,
        firmatario=verdetto.firmatario,
        codice_fiscale=verdetto.codice_fiscale,
        emittente=verdetto.emittente,
        firmato_il=verdetto.firmato_il,
        problemi=[Problema(codice=p.codice, messaggio=p.messaggio) for p in verdetto.problemi],
    )


def _key_segment(message_id: str) -> str:
    """The message id if it is a safe key segment (a UUID is), else its SHA-256: the id is
    the sender's and must not be able to name another object."""
    if _SAFE_SEGMENT.fullmatch(message_id):
        return message_id
    return hashlib.sha256(message_id.encode()).hexdigest()


def luogo(ordine: str) -> str:
    """The signature's location: the Ordine the application is addressed to."""
    return demo.ORDINE_NOME if ordine == demo.ORDINE else f"Ordine degli Avvocati {ordine}"


async def firma_demo(message: FirmaDemo, ports: Ports) -> BlobRef:
    """Development only: sign the PDF with the demo lawyer's certificate (PAdES)."""
    if ports.demo_signer is None:
        raise errors.non_disponibile()
    pdf = await _read(ports, message.documento, "documento")
    try:
        signed = await ports.demo_signer.sign(pdf, location=luogo(message.ordine))
    except InvalidDocumentError:
        raise errors.non_pdf("documento") from None
    key = f"firma-demo/{_key_segment(message.message_id)}.pdf"
    # On a redelivery the key is taken: the first attempt's signed file is the answer.
    return await ports.blobs.publish(key, signed, content_type=PDF)
