"""The development PKI of the simulated PEC provider: a CA and the provider's signing
certificate (S/MIME: digitalSignature, emailProtection), made on first use under a directory
of ``var/`` (never committed) and read back afterwards. Tests make their own in ``tmp_path``.

Everything it issues says SIMULAZIONE in its subject: nobody may take it for a real provider."""

import os
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import ExtendedKeyUsageOID, NameOID

CA = "ca.pem"
CERTIFICATO = "gestore.pem"
CHIAVE = "gestore-chiave.pem"


@dataclass(frozen=True)
class Gestore:
    """A provider's signing identity and the CA that vouches for it."""

    certificato: x509.Certificate
    chiave: ec.EllipticCurvePrivateKey
    ca: Path
    """The CA certificate (PEM): the trusted bundle of a development ``notifiche``."""


def pki_simulata(cartella: Path, nome: str = "Gestore PEC SIMULAZIONE") -> Gestore:
    """The PKI under ``cartella``, made now if it is not there."""
    if not (cartella / CHIAVE).is_file():
        _crea(cartella, nome)
    chiave = serialization.load_pem_private_key((cartella / CHIAVE).read_bytes(), password=None)
    if not isinstance(chiave, ec.EllipticCurvePrivateKey):
        raise ValueError(f"{cartella / CHIAVE}: not an EC key")
    certificato = x509.load_pem_x509_certificate((cartella / CERTIFICATO).read_bytes())
    return Gestore(certificato=certificato, chiave=chiave, ca=cartella / CA)


def _nome(testo: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Parcelle SIMULAZIONE"),
            x509.NameAttribute(NameOID.COMMON_NAME, testo),
        ]
    )


def _crea(cartella: Path, nome: str) -> None:
    cartella.mkdir(parents=True, exist_ok=True)
    ora = datetime.now(UTC) - timedelta(minutes=5)
    chiave_ca = ec.generate_private_key(ec.SECP256R1())
    soggetto_ca = _nome(f"{nome} - CA")
    ca = (
        x509.CertificateBuilder()
        .subject_name(soggetto_ca)
        .issuer_name(soggetto_ca)
        .public_key(chiave_ca.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(ora)
        .not_valid_after(ora + timedelta(days=3650))
        .add_extension(x509.BasicConstraints(ca=True, path_length=0), critical=True)
        .add_extension(_uso_ca(), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(chiave_ca.public_key()), False)
        .sign(chiave_ca, hashes.SHA256())
    )
    chiave = ec.generate_private_key(ec.SECP256R1())
    certificato = (
        x509.CertificateBuilder()
        .subject_name(_nome(nome))
        .issuer_name(soggetto_ca)
        .public_key(chiave.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(ora)
        .not_valid_after(ora + timedelta(days=1825))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_uso_firma(), critical=True)
        .add_extension(x509.ExtendedKeyUsage([ExtendedKeyUsageOID.EMAIL_PROTECTION]), False)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(chiave_ca.public_key()), False
        )
        .sign(chiave_ca, hashes.SHA256())
    )
    (cartella / CA).write_bytes(ca.public_bytes(serialization.Encoding.PEM))
    (cartella / CERTIFICATO).write_bytes(certificato.public_bytes(serialization.Encoding.PEM))
    pem = chiave.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    descrittore = os.open(cartella / CHIAVE, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(descrittore, "wb") as file:
        file.write(pem)


def _uso_ca() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=False,
        content_commitment=False,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=True,
        crl_sign=True,
        encipher_only=False,
        decipher_only=False,
    )


def _uso_firma() -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=True,
        content_commitment=True,
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=False,
        crl_sign=False,
        encipher_only=False,
        decipher_only=False,
    )
