# pyHanko's writer and certificate store have unannotated constructors; nothing else here is
# untyped.
# mypy: disable-error-code="no-untyped-call"
"""Real files made on the spot by real tools: a PDF and its PAdES-signed copy (pyHanko), CAdES
envelopes (cryptography's PKCS #7 builder) in DER, PEM and bare base64, JPEG and PNG (Pillow).
The signing key is a throw-away self-signed one: these files are for sniffing, not trust."""

import base64
import datetime as dt
import io
from functools import cache

from asn1crypto import keys as asn1_keys
from asn1crypto import x509 as asn1_x509
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.serialization import pkcs7
from cryptography.x509.oid import NameOID
from PIL import Image
from pyhanko.pdf_utils import generic
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.pdf_utils.writer import PageObject, PdfFileWriter
from pyhanko.sign import fields, signers
from pyhanko_certvalidator.registry import SimpleCertificateStore


@cache
def _identita() -> tuple[ec.EllipticCurvePrivateKey, x509.Certificate]:
    chiave = ec.generate_private_key(ec.SECP256R1())
    nome = x509.Name(
        [
            x509.NameAttribute(NameOID.COMMON_NAME, "Giulia Bianchi"),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, "TINIT-BNCGLI85M41H501Y"),
        ]
    )
    adesso = dt.datetime.now(dt.UTC)
    certificato = (
        x509.CertificateBuilder()
        .subject_name(nome)
        .issuer_name(nome)
        .public_key(chiave.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(adesso - dt.timedelta(days=1))
        .not_valid_after(adesso + dt.timedelta(days=30))
        .sign(chiave, hashes.SHA256())
    )
    return chiave, certificato


@cache
def pdf() -> bytes:
    """A one-page PDF with a line of text."""
    writer = PdfFileWriter()
    font = generic.DictionaryObject(
        {
            generic.pdf_name("/Type"): generic.pdf_name("/Font"),
            generic.pdf_name("/Subtype"): generic.pdf_name("/Type1"),
            generic.pdf_name("/BaseFont"): generic.pdf_name("/Helvetica"),
        }
    )
    risorse = generic.DictionaryObject(
        {
            generic.pdf_name("/Font"): generic.DictionaryObject(
                {generic.pdf_name("/F1"): writer.add_object(font)}
            )
        }
    )
    testo = generic.StreamObject(stream_data=b"BT /F1 12 Tf 72 720 Td (Istanza) Tj ET")
    pagina = PageObject(
        contents=writer.add_object(testo), media_box=[0, 0, 595, 842], resources=risorse
    )
    writer.insert_page(pagina)
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@cache
def pdf_con_campo_firma_vuoto() -> bytes:
    """:func:`pdf` with a signature field nobody has signed yet (as forms often come)."""
    writer = IncrementalPdfFileWriter(io.BytesIO(pdf()))
    fields.append_signature_field(writer, fields.SigFieldSpec("Firma", on_page=0))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()


@cache
def pdf_firmato() -> bytes:
    """:func:`pdf` signed PAdES in an incremental update."""
    chiave, certificato = _identita()
    chiave_der = chiave.private_bytes(
        serialization.Encoding.DER,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    cert_asn1 = asn1_x509.Certificate.load(certificato.public_bytes(serialization.Encoding.DER))
    firmatario = signers.SimpleSigner(
        signing_cert=cert_asn1,
        signing_key=asn1_keys.PrivateKeyInfo.load(chiave_der),
        cert_registry=SimpleCertificateStore.from_certs([cert_asn1]),
    )
    meta = signers.PdfSignatureMetadata(
        field_name="Firma", subfilter=fields.SigSeedSubFilter.PADES, md_algorithm="sha256"
    )
    out = signers.sign_pdf(IncrementalPdfFileWriter(io.BytesIO(pdf())), meta, signer=firmatario)
    firmato: bytes = out.getvalue()
    return firmato


def _p7m(codifica: serialization.Encoding) -> bytes:
    chiave, certificato = _identita()
    return (
        pkcs7.PKCS7SignatureBuilder()
        .set_data(pdf())
        .add_signer(certificato, chiave, hashes.SHA256())
        .sign(codifica, [pkcs7.PKCS7Options.Binary])
    )


@cache
def p7m_der() -> bytes:
    """A CAdES-style envelope (CMS signedData, content attached) around :func:`pdf`."""
    return _p7m(serialization.Encoding.DER)


@cache
def p7m_pem() -> bytes:
    """The same envelope as PEM text (``-----BEGIN PKCS7-----``)."""
    return _p7m(serialization.Encoding.PEM)


def p7m_base64() -> bytes:
    """The same envelope as bare base64 in 64-character lines, as some tools save it."""
    testo = base64.b64encode(p7m_der())
    return b"\r\n".join(testo[i : i + 64] for i in range(0, len(testo), 64)) + b"\r\n"


def _immagine(formato: str) -> bytes:
    out = io.BytesIO()
    Image.new("RGB", (4, 4), (200, 30, 30)).save(out, format=formato)
    return out.getvalue()


@cache
def jpeg() -> bytes:
    return _immagine("JPEG")


@cache
def png() -> bytes:
    return _immagine("PNG")
