"""Sniffing file types from content: real files from real tools, and what is not accepted."""

import base64
import zipfile
from io import BytesIO

import pytest
from hypothesis import given
from hypothesis import strategies as st

from istanze.domain.tipi_file import CONTENT_TYPE, TIPI_FILE, pdf_firmato, riconosci

from . import file_reali


def test_a_plain_pdf_is_a_pdf() -> None:
    assert riconosci(file_reali.pdf()) == "PDF"


def test_an_unsigned_signature_field_is_not_a_signature() -> None:
    dati = file_reali.pdf_con_campo_firma_vuoto()
    assert b"/Sig" in dati
    assert riconosci(dati) == "PDF"


def test_a_pades_signed_pdf_is_a_signed_pdf() -> None:
    assert riconosci(file_reali.pdf_firmato()) == "PDF firmato"


def test_the_signature_of_a_pdf_is_found_at_its_end() -> None:
    firmato = file_reali.pdf_firmato()
    assert not pdf_firmato(firmato[:500])  # the signature is an incremental update
    assert pdf_firmato(firmato)


@pytest.mark.parametrize(
    "fabbrica", [file_reali.p7m_der, file_reali.p7m_pem, file_reali.p7m_base64]
)
def test_cades_envelopes_are_recognised_in_der_pem_and_base64(fabbrica: object) -> None:
    assert callable(fabbrica)
    assert riconosci(fabbrica()) == "CAdES (p7m)"


def test_a_ber_envelope_with_indefinite_length_is_recognised() -> None:
    # What some signing tools write: SEQUENCE of indefinite length, then the signedData OID.
    dati = b"\x30\x80\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x02\xa0\x80" + b"\x00" * 32
    assert riconosci(dati) == "CAdES (p7m)"


def test_images_are_recognised() -> None:
    assert riconosci(file_reali.jpeg()) == "JPEG"
    assert riconosci(file_reali.png()) == "PNG"


def _zip() -> bytes:
    out = BytesIO()
    with zipfile.ZipFile(out, "w") as archivio:
        archivio.writestr("parcella.pdf", file_reali.pdf())
    return out.getvalue()


@pytest.mark.parametrize(
    "dati",
    [
        b"",
        b"Ciao, questa non e' una parcella",
        b"<html><body>%PDF-1.7</body></html>",  # a PDF header not at the start
        b" %PDF-1.7\n",
        b"GIF89a\x01\x00\x01\x00",
        b"MZ\x90\x00",  # a Windows executable, whatever its name
        # other CMS content types: enveloped data (1.2.840.113549.1.7.3) is not a signature
        b"\x30\x82\x01\x00\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x03",
        b"\x30\x82\x01\x00\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07",  # truncated
        base64.b64encode(b"\x30\x82\x01\x00\x06\x09\x2a\x86\x48\x86\xf7\x0d\x01\x07\x03" * 3),
        b"-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n",
    ],
)
def test_anything_else_is_not_accepted(dati: bytes) -> None:
    assert riconosci(dati) is None


def test_a_zip_is_not_accepted_even_with_a_pdf_inside() -> None:
    assert riconosci(_zip()) is None


@given(st.binary(max_size=256))
def test_random_bytes_never_crash_and_are_rarely_accepted(dati: bytes) -> None:
    tipo = riconosci(dati)
    assert tipo is None or tipo in TIPI_FILE


def test_every_kind_has_our_own_content_type() -> None:
    assert CONTENT_TYPE == {
        "PDF": "application/pdf",
        "PDF firmato": "application/pdf",
        "CAdES (p7m)": "application/pkcs7-mime",
        "JPEG": "image/jpeg",
        "PNG": "image/png",
    }
