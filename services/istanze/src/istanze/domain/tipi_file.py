"""What a file is, from its content: never from its name or the type the browser claimed.

Accepted kinds: PDF (and whether it carries a digital signature, PAdES), CAdES envelopes
(.p7m, binary DER or base64/PEM text), JPEG and PNG. Anything else is ``None``: not accepted.
"""

import base64
import binascii
import re
from collections.abc import Mapping
from typing import Final, get_args

from parcelle_contracts.vocabolario import TipoFile

TIPI_FILE: Final[tuple[TipoFile, ...]] = get_args(TipoFile)

CONTENT_TYPE: Final[Mapping[TipoFile, str]] = {
    "PDF": "application/pdf",
    "PDF firmato": "application/pdf",
    "CAdES (p7m)": "application/pkcs7-mime",
    "JPEG": "image/jpeg",
    "PNG": "image/png",
}
"""The media type we serve each kind with (ours, not the uploader's claim)."""

ESTENSIONE: Final[Mapping[TipoFile, str]] = {
    "PDF": ".pdf",
    "PDF firmato": ".pdf",
    "CAdES (p7m)": ".p7m",
    "JPEG": ".jpg",
    "PNG": ".png",
}

_PDF = b"%PDF-"
_JPEG = b"\xff\xd8\xff"
_PNG = b"\x89PNG\r\n\x1a\n"
# The DER encoding of the OID 1.2.840.113549.1.7.2 (PKCS #7 / CMS signedData), with its tag
# and length: what a CAdES envelope's ContentInfo starts with.
_SIGNED_DATA = bytes.fromhex("06092a864886f70d010702")
_PEM_INIZIO = re.compile(rb"-----BEGIN (PKCS7|PKCS #7 SIGNED DATA|CMS)-----[^\n]*\n")
_BASE64 = re.compile(rb"[A-Za-z0-9+/=\s]*")
# Base64 text read to find the start of an envelope: the header we look for is 13-17 bytes,
# 64 characters decode to 48. A bound, so a huge text file costs nothing.
_BASE64_LETTI = 64
_TESTO_LETTO = 4096


def riconosci(dati: bytes) -> TipoFile | None:
    """The kind of the file whose content is ``dati``, or ``None`` if it is not one we accept.

    Give the whole file: a PDF's signature is usually at its end (an incremental update).
    """
    if dati.startswith(_PDF):
        # The PDF standard tolerates junk before the header; we do not: a file that is
        # something else first could be served as that something else.
        return "PDF firmato" if pdf_firmato(dati) else "PDF"
    if dati.startswith(_PNG):
        return "PNG"
    if dati.startswith(_JPEG):
        return "JPEG"
    if cades(dati):
        return "CAdES (p7m)"
    return None


def pdf_firmato(dati: bytes) -> bool:
    """Whether the PDF bytes carry a signature field: a ``/ByteRange`` and a ``/Sig``.

    A structural hint, not a verification: the ``firma`` service verifies signatures.
    """
    return b"/ByteRange" in dati and b"/Sig" in dati


def cades(dati: bytes) -> bool:
    """Whether ``dati`` starts a CAdES / PKCS #7 signedData envelope, in DER or base64/PEM."""
    return _cades_der(dati) or _cades_base64(dati)


def _cades_der(dati: bytes) -> bool:
    # ContentInfo ::= SEQUENCE { contentType OBJECT IDENTIFIER, content [0] EXPLICIT ANY }
    if len(dati) < 2 or dati[0] != 0x30:
        return False
    lunghezza = dati[1]
    if lunghezza <= 0x80:  # short form, or 0x80: BER indefinite length (some signers use it)
        inizio = 2
    elif lunghezza <= 0x84:  # long form: the next 1-4 bytes are the length
        inizio = 2 + (lunghezza - 0x80)
    else:
        return False
    return dati[inizio : inizio + len(_SIGNED_DATA)] == _SIGNED_DATA


def _cades_base64(dati: bytes) -> bool:
    testo = dati[:_TESTO_LETTO].lstrip()
    pem = _PEM_INIZIO.match(testo)
    if pem is not None:
        testo = testo[pem.end() :]
    caratteri = _BASE64.match(testo)  # always matches: the pattern accepts the empty string
    compatto = b"".join(caratteri.group().split() if caratteri else [])[:_BASE64_LETTI]
    compatto = compatto[: len(compatto) // 4 * 4]
    try:
        return _cades_der(base64.b64decode(compatto, validate=True))
    except binascii.Error:
        return False
