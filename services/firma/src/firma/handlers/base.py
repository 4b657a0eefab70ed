"""What the use cases of `firma` share: reading a payload by claim check, checked against the
fingerprint its sender gave; the key a result is kept under."""

import hashlib
import re

from firma.domain import errors
from firma.domain.esame import Impronta
from firma.ports import BlobMissingError, BlobTooLargeError, Dependencies
from parcelle_contracts.common import BlobRef

_SAFE_SEGMENT = re.compile(r"[A-Za-z0-9_-]{1,100}")


def key_segment(message_id: str) -> str:
    """The message id if it is a safe key segment (a UUID is), else its SHA-256: the id is
    the sender's and must not be able to name another object."""
    if _SAFE_SEGMENT.fullmatch(message_id):
        return message_id
    return hashlib.sha256(message_id.encode()).hexdigest()


async def read(deps: Dependencies, ref: BlobRef, campo: str) -> bytes:
    """The bytes ``ref`` names, refused with the field ``campo`` when too large, missing or not
    what the sender described."""
    if ref.size > deps.max_file_size:
        raise errors.file_troppo_grande(campo, deps.max_file_size)
    try:
        data = await deps.blobs.read(ref, max_size=deps.max_file_size)
    except BlobMissingError:
        raise errors.file_non_trovato(campo) from None
    except BlobTooLargeError:
        raise errors.file_troppo_grande(campo, deps.max_file_size) from None
    # The reference is the sender's claim: what we verify must be what they meant.
    if not Impronta(ref.sha256, ref.size).corrisponde(data):
        raise errors.file_non_corrispondente(campo)
    return data
