"""PAdES signing of the Ordine's documents with pyhanko, on a fast path.

Where pyhanko's default path spends its time, and what this does instead
(``bench/firma_documento.py`` measures both side by side):

- the key: ``SimpleSigner`` re-parses its private key at every signature; here the key is
  loaded once (:class:`firma.adapters.keys.KeySigner`) or stays in its token or service, and
  the pyhanko signer is built once and kept;
- the signature's size: by default pyhanko signs twice, once as a dry run to measure the CMS
  it must make room for; here the room is reserved from the certificates the signature will
  carry (:func:`reserved_size`), and grown to what pyhanko says it needed (then remembered)
  if it was ever short;
- the PDF: it is parsed once, and the signature is appended in the buffer it was read into
  (``in_place``), so its bytes are not copied into a second output before being digested.

The signature is appended as an incremental update on an invisible field, so the signed file
starts with the bytes of the PDF it was given; /Name, /Reason and /Location come from the
request, the certificate (and its chain) from the signer.
"""

import asyncio
import io
import re
from collections.abc import Awaitable, Callable
from typing import Final

from asn1crypto import x509 as asn1_x509
from cryptography import x509
from pyhanko.pdf_utils import misc
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.timestamps.api import TimeStamper

from firma.adapters.trust import TrustPolicy
from firma.domain.firma import CON_DATI_DI_VALIDAZIONE, MARCATI, DatiFirma
from firma.ports import Firmato, InvalidDocumentError
from parcelle_kit.logging import get_logger

FIELD_NAME: Final = "FirmaOrdine"
_OVERHEAD: Final = 3072
"""CMS structure, signed attributes (signing certificate v2, message digest, time), padding."""
_TIMESTAMP_ROOM: Final = 12288
"""A timestamp token with its authority's chain: a few KiB; a generous allowance."""
_SHORT: Final = re.compile(r"larger than expected: .* required (\d+) bytes")
"""pyhanko's error when the CMS does not fit the room reserved for it."""

logger = get_logger(__name__)

Opener = Callable[[], Awaitable[signers.Signer]]
"""Opens the key once: loads a file, logs in to a token, fetches a remote credential."""


def reserved_size(signer: signers.Signer, *, timestamp: bool) -> int:
    """Room to reserve for the CMS, in hex digits (pyhanko's unit, two per byte): the
    certificates it embeds, the raw signature, the overhead, a timestamp token."""
    certs = {cert.dump() for cert in signer.cert_registry}
    if signer.signing_cert is not None:
        certs.add(signer.signing_cert.dump())
    key_bytes = 512
    if signer.signing_cert is not None and signer.signing_cert.public_key.algorithm == "rsa":
        key_bytes = signer.signing_cert.public_key.bit_size // 8
    size = sum(map(len, certs)) + key_bytes + _OVERHEAD + (_TIMESTAMP_ROOM if timestamp else 0)
    return 2 * size


def subject(cert: asn1_x509.Certificate) -> str:
    """The certificate's subject as RFC 4514 text."""
    return x509.load_der_x509_certificate(cert.dump()).subject.rfc4514_string()


def signature_metadata(dati: DatiFirma, context: object = None) -> signers.PdfSignatureMetadata:
    """The signature dictionary and PAdES options for ``dati`` (``context``: the validation
    context the B-LT and B-LTA levels gather their data with)."""
    return signers.PdfSignatureMetadata(
        field_name=FIELD_NAME,
        name=dati.firmatario,
        reason=dati.motivo,
        location=dati.luogo,
        subfilter=fields.SigSeedSubFilter.PADES,
        md_algorithm="sha256",
        embed_validation_info=dati.livello in CON_DATI_DI_VALIDAZIONE,
        use_pades_lta=dati.livello == "pades-b-lta",
        validation_context=context,  # type: ignore[arg-type] # a ValidationContext or None
    )


class PadesDocumentSigner:
    """Implements :class:`firma.ports.DocumentSigner` over any pyhanko signer."""

    def __init__(
        self,
        opener: Opener,
        *,
        timestamper: TimeStamper | None = None,
        trust: TrustPolicy | None = None,
        reserve: Callable[[signers.Signer, bool], int] = lambda signer, timestamp: reserved_size(
            signer, timestamp=timestamp
        ),
    ) -> None:
        self._opener = opener
        self._reserve = reserve
        self._signer: signers.Signer | None = None
        self._opening = asyncio.Lock()
        self._timestamper = timestamper
        self._trust = trust
        self._reserved: dict[bool, int] = {}

    @property
    def marca_temporale(self) -> bool:
        return self._timestamper is not None

    async def signer(self) -> signers.Signer:
        """The pyhanko signer, opened at the first call and kept."""
        if self._signer is None:
            async with self._opening:
                if self._signer is None:
                    self._signer = await self._opener()
        return self._signer

    async def sign(self, pdf: bytes, dati: DatiFirma) -> Firmato:
        signer = await self.signer()
        if signer.signing_cert is None:
            raise SigningError("the signer has no certificate")
        timestamp = dati.livello in MARCATI
        if timestamp and self._timestamper is None:
            raise SigningError(f"{dati.livello} needs a timestamp authority")
        reserved = self._reserved.get(timestamp) or self._reserve(signer, timestamp)
        try:
            signed = await self._sign(signer, pdf, dati, reserved)
        except SigningError as error:
            needed = _SHORT.search(str(error))
            if needed is None:
                raise
            # Room was short (an unusually large timestamp token, say): pyhanko said how much
            # the signature takes; sign again with that and a quarter more, and keep it.
            grown = int(needed.group(1)) * 5 // 4
            grown += grown % 2
            logger.warning("signature room grown", reserved=reserved, grown=grown)
            self._reserved[timestamp] = grown
            signed = await self._sign(signer, pdf, dati, grown)
        return Firmato(pdf=signed, certificato=subject(signer.signing_cert))

    async def _sign(
        self, signer: signers.Signer, pdf: bytes, dati: DatiFirma, reserved: int | None
    ) -> bytes:
        try:
            buffer = io.BytesIO(pdf)
            writer = IncrementalPdfFileWriter(buffer, strict=False)
            if writer.prev.encrypted:
                raise InvalidDocumentError("the PDF is encrypted")
        except (misc.PdfError, ValueError, KeyError, TypeError, IndexError) as error:
            raise InvalidDocumentError(str(error)) from error
        validation = dati.livello in CON_DATI_DI_VALIDAZIONE
        if validation and self._trust is not None:
            async with self._trust.session() as session:
                context = session.context()
                return await self._write(signer, writer, buffer, dati, reserved, context)
        return await self._write(signer, writer, buffer, dati, reserved, None)

    async def _write(
        self,
        signer: signers.Signer,
        writer: IncrementalPdfFileWriter,
        buffer: io.BytesIO,
        dati: DatiFirma,
        reserved: int | None,
        context: object,
    ) -> bytes:
        meta = signature_metadata(dati, context)
        timestamper = self._timestamper if dati.livello in MARCATI else None
        pdf_signer = signers.PdfSigner(meta, signer, timestamper=timestamper)
        try:
            await pdf_signer.async_sign_pdf(writer, bytes_reserved=reserved, in_place=True)
        except (misc.PdfError, KeyError, IndexError) as error:
            raise InvalidDocumentError(str(error)) from error
        return buffer.getvalue()

    async def close(self) -> None:
        """Release what the opener holds (a token session, an HTTP session), if anything."""
        close = getattr(self._signer, "close", None)
        if close is not None:
            result = close()
            if asyncio.iscoroutine(result):
                await result
