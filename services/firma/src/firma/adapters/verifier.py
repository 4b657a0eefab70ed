"""The signature verifier port implemented with pyhanko: PAdES or CAdES, told by content.

A .p7m is a DER ``ContentInfo`` holding ``SignedData``, or its base64 text, with or without
PEM armour; a PDF has ``%PDF-`` within its first KiB (as readers allow). The envelope is tried
first, since it carries the PDF, header included, within its first bytes. The file name is
never asked.

Verification is CPU work (hashing, parsing, difference analysis) done by pyhanko's async API;
it runs in a worker thread with an event loop of its own, so the service's loop keeps serving
the broker meanwhile. Each verification opens and closes its own HTTP session for CRLs/OCSP.
"""

import asyncio
import zlib

from pyhanko.pdf_utils import misc

from firma.adapters import cades, pades
from firma.adapters.trust import TrustPolicy
from firma.domain.esame import EsameFirma, Impronta, Tipo
from parcelle_kit.logging import get_logger

_PDF_HEADER_WINDOW = 1024
_DAMAGED = "Il file è danneggiato e non può essere letto: carica di nuovo il file firmato."
# What parsing a damaged PDF or DER structure raises from deep inside pyhanko and asn1crypto.
# A damaged upload must get an answer, not a retried and dead-lettered request.
_PARSE_ERRORS = (
    misc.PdfError,
    zlib.error,
    ValueError,
    TypeError,
    KeyError,
    IndexError,
    AttributeError,
    NotImplementedError,
    ArithmeticError,  # decimal.InvalidOperation from a malformed number, overflows
    RecursionError,  # absurdly nested objects
    AssertionError,  # pyhanko asserts some structural expectations while parsing
)
logger = get_logger(__name__)


def is_pdf(data: bytes) -> bool:
    return b"%PDF-" in data[:_PDF_HEADER_WINDOW]


class PyhankoVerifier:
    """Examines signed files against the trust policy."""

    def __init__(self, policy: TrustPolicy) -> None:
        self._policy = policy

    async def examine(self, firmato: bytes, originale: Impronta, codice_fiscale: str) -> EsameFirma:
        return await asyncio.to_thread(self._examine_in_thread, firmato, originale, codice_fiscale)

    def _examine_in_thread(
        self, firmato: bytes, originale: Impronta, codice_fiscale: str
    ) -> EsameFirma:
        return asyncio.run(self.examine_here(firmato, originale, codice_fiscale))

    async def examine_here(
        self, firmato: bytes, originale: Impronta, codice_fiscale: str
    ) -> EsameFirma:
        """The examination itself, on the running loop (tests call this directly)."""
        # The envelope first: a .p7m holds the PDF near its start, "%PDF-" included.
        signed_data = cades.parse(firmato)
        tipo: Tipo | None = "cades" if signed_data is not None else None
        if tipo is None and is_pdf(firmato):
            tipo = "pades"
        try:
            if signed_data is not None:
                return await cades.examine(signed_data, originale, codice_fiscale, self._policy)
            if tipo == "pades":
                return await pades.examine(firmato, originale, codice_fiscale, self._policy)
        except _PARSE_ERRORS:
            logger.warning("signed file not readable", tipo=tipo, exc_info=True)
            return EsameFirma(tipo=tipo, formato_dettaglio=_DAMAGED)
        return EsameFirma(tipo=None)
