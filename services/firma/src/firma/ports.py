"""Interfaces (``typing.Protocol``) the handlers of `firma` need from the outside world, and
the bundle of them the composition root hands to the handlers."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Protocol

from firma.domain.esame import EsameFirma, Impronta
from firma.domain.firma import DatiFirma
from parcelle_contracts.common import BlobRef


class BlobMissingError(Exception):
    """No object under the key a message names."""


class BlobTooLargeError(Exception):
    """The object is larger than the caller accepts; it was not read."""


class InvalidDocumentError(Exception):
    """The document to sign is not a PDF that can be signed."""


class SignatureVerifier(Protocol):
    """Finds the facts of a signed file; judging them is the domain's job."""

    async def examine(self, firmato: bytes, originale: Impronta, codice_fiscale: str) -> EsameFirma:
        """Examine ``firmato`` as a signed copy of ``originale``.

        ``codice_fiscale`` only picks which signature to examine when there are several.
        """
        ...


class DemoSigner(Protocol):
    """Signs a PDF (PAdES) with the demo lawyer's certificate."""

    async def sign(self, pdf: bytes, *, location: str) -> bytes:
        """The signed PDF (the original plus an incremental update), or
        :class:`InvalidDocumentError`."""
        ...


@dataclass(frozen=True)
class Firmato:
    """A PDF signed by the Ordine's key."""

    pdf: bytes
    certificato: str
    """Subject of the signer's certificate (RFC 4514)."""


class DocumentSigner(Protocol):
    """Signs PDFs (PAdES) with the Ordine's key: a PKCS#12 file, a PKCS#11 token, a remote
    service; the key is opened once and kept."""

    @property
    def marca_temporale(self) -> bool:
        """Whether a timestamp authority is configured (levels B-T and above)."""
        ...

    async def sign(self, pdf: bytes, dati: DatiFirma) -> Firmato:
        """``pdf`` with the signature appended (incremental update), at ``dati.livello``; or
        :class:`InvalidDocumentError`. Any other error is a failure of the signer (retried)."""
        ...


@dataclass(frozen=True)
class StoredBlob:
    """An object already in the transfer area, with the metadata it was left with."""

    ref: BlobRef
    metadata: Mapping[str, str] = field(default_factory=dict)


class DemoPki(Protocol):
    """The demo PKI: created once, then reused (development only)."""

    def ensure(self) -> object:
        """Create whatever is missing; idempotent and safe across processes."""
        ...


class Blobs(Protocol):
    """Payloads by claim check (:class:`BlobRef`), in whichever area they lie."""

    async def read(self, ref: BlobRef, *, max_size: int) -> bytes:
        """The object's bytes; :class:`BlobMissingError` if there is none,
        :class:`BlobTooLargeError` (without reading it) if it exceeds ``max_size``. The caller
        checks the bytes against the reference's fingerprint."""
        ...

    async def publish(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str,
        metadata: Mapping[str, str] | None = None,
    ) -> BlobRef:
        """Leave ``data`` in the transfer area under ``key``; if the key is taken (a redelivered
        request), the object already there is kept and its reference returned."""
        ...

    async def stored(self, key: str) -> StoredBlob | None:
        """What the transfer area holds under ``key``, or None."""
        ...


@dataclass(frozen=True)
class Dependencies:
    """What the handlers work with; built by the composition root (bootstrap)."""

    verifier: SignatureVerifier
    blobs: Blobs
    demo_signer: DemoSigner | None
    """None outside development: demo signing does not exist in production."""
    max_file_size: int
    document_signer: DocumentSigner | None = None
    """The Ordine's signer; None when none is configured (signing answers non_disponibile)."""
