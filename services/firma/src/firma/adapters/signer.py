"""The demo signer: PAdES with a key and certificate from a PKCS#12 file, with pyhanko.

The signature is appended as an incremental update, as lawyers' tools do, so the signed file
starts with the bytes of the PDF it was given; the field is invisible, so nothing is drawn
over the application's content. The certificate chain travels in the signature.
"""

import asyncio
import io
from collections.abc import Callable
from pathlib import Path

from pyhanko.pdf_utils import misc
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers

from firma.ports import InvalidDocumentError

REASON = "Istanza di opinamento"
FIELD_NAME = "FirmaRichiedente"


class Pkcs12Signer:
    """Signs PDFs with the key in a PKCS#12 file, read once at the first signature."""

    def __init__(self, path: Path, password: str, *, ready: Callable[[], object]) -> None:
        self._path = path
        self._password = password.encode()
        self._ready = ready  # makes sure the file exists (the demo PKI) before reading it
        self._signer: signers.SimpleSigner | None = None

    def _load(self) -> signers.SimpleSigner:
        if self._signer is None:
            self._ready()
            self._signer = signers.SimpleSigner.load_pkcs12_data(
                self._path.read_bytes(), other_certs=[], passphrase=self._password
            )
        return self._signer

    async def sign(self, pdf: bytes, *, location: str) -> bytes:
        return await asyncio.to_thread(self._sign_in_thread, pdf, location)

    def _sign_in_thread(self, pdf: bytes, location: str) -> bytes:
        return asyncio.run(self.sign_here(pdf, location=location))

    async def sign_here(self, pdf: bytes, *, location: str) -> bytes:
        """The signature itself, on the running loop."""
        signer = self._load()
        meta = signers.PdfSignatureMetadata(
            field_name=FIELD_NAME,
            reason=REASON,
            location=location,
            subfilter=fields.SigSeedSubFilter.PADES,
            md_algorithm="sha256",
        )
        try:
            writer = IncrementalPdfFileWriter(io.BytesIO(pdf), strict=False)
            if writer.prev.encrypted:
                raise InvalidDocumentError("the PDF is encrypted")
            output = await signers.PdfSigner(meta, signer).async_sign_pdf(writer)
        except (misc.PdfError, ValueError, KeyError, TypeError, IndexError) as error:
            raise InvalidDocumentError(str(error)) from error
        signed: bytes = output.getvalue()
        return signed
