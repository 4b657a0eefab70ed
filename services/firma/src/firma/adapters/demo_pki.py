"""The demo PKI (development only): a root CA, the demo lawyer's and the Ordine's certificates.

Layout under ``var/demo/`` (``parcelle_kit.demo.directory``)::

    ca.pem              the demo root, trusted by default in development       0644
    avvocato.p12        the demo lawyer's key and certificate (+ the root)     0600
    ordine.p12          the Ordine DEMO's key and certificate (+ the root)     0600
    private/ca-key.pem  the root's private key                                 0600 (dir 0700)
    .pki.lock           serialises generation between processes

Generation is idempotent and safe when several processes start at once (``parcelle up``
starts them together): they take an exclusive ``flock`` on ``.pki.lock``, look again, and only
then create what is missing. Each file is written in full to a temporary file in the same
directory and published with ``link``, which fails if the name exists, so readers never see a
half-written file and a file once published is never replaced by another process's.

The lawyer's certificate looks like an Italian qualified signing certificate where it matters
to us: subject ``serialNumber`` ``TINIT-<codice fiscale>`` (ETSI EN 319 412-1), given name,
surname, country IT, key usage non-repudiation and digital signature (critical).
"""

import contextlib
import datetime as dt
import fcntl
import os
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from cryptography.x509.oid import NameOID

from parcelle_kit.demo import DemoUser

_KEY_BITS = 2048
_CA_YEARS = 10
_LEAF_YEARS = 3  # Italian qualified signing certificates usually last three years
_BACKDATE = dt.timedelta(days=1)  # tolerate clocks that are a little behind


@dataclass(frozen=True)
class DemoPkiFiles:
    """Where the demo PKI's files are."""

    directory: Path
    ca: Path
    avvocato: Path
    ordine: Path
    ca_key: Path

    @classmethod
    def under(cls, directory: Path) -> "DemoPkiFiles":
        return cls(
            directory=directory,
            ca=directory / "ca.pem",
            avvocato=directory / "avvocato.p12",
            ordine=directory / "ordine.p12",
            ca_key=directory / "private" / "ca-key.pem",
        )

    def complete(self) -> bool:
        return all(path.is_file() for path in (self.ca, self.avvocato, self.ordine, self.ca_key))


@contextlib.contextmanager
def _locked(path: Path) -> Iterator[None]:
    descriptor = os.open(path, os.O_RDWR | os.O_CREAT, 0o600)
    try:
        fcntl.flock(descriptor, fcntl.LOCK_EX)
        yield
    finally:
        os.close(descriptor)  # closing releases the lock


def _publish(path: Path, data: bytes, mode: int, *, replace: bool = False) -> None:
    """Write ``data`` to ``path`` atomically; keep an existing file unless ``replace``."""
    descriptor, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(descriptor, "wb") as file:
            os.fchmod(file.fileno(), mode)
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
        if replace:
            os.replace(temporary, path)
        else:
            with contextlib.suppress(FileExistsError):  # first writer wins
                os.link(temporary, path)
    finally:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temporary)


def _now() -> dt.datetime:
    return dt.datetime.now(dt.UTC)


def _key_usage(*, signing: bool) -> x509.KeyUsage:
    return x509.KeyUsage(
        digital_signature=signing,
        content_commitment=signing,  # nonRepudiation
        key_encipherment=False,
        data_encipherment=False,
        key_agreement=False,
        key_cert_sign=not signing,
        crl_sign=not signing,
        encipher_only=False,
        decipher_only=False,
    )


def _issue_ca(key: rsa.RSAPrivateKey) -> x509.Certificate:
    name = x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, "Parcelle (dimostrazione)"),
            x509.NameAttribute(NameOID.COMMON_NAME, "Parcelle Demo CA"),
        ]
    )
    start = _now() - _BACKDATE
    return (
        x509.CertificateBuilder()
        .subject_name(name)
        .issuer_name(name)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(start + dt.timedelta(days=365 * _CA_YEARS))
        .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
        .add_extension(_key_usage(signing=False), critical=True)
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(key, hashes.SHA256())
    )


def _issue_leaf(
    subject: x509.Name, ca: x509.Certificate, ca_key: rsa.RSAPrivateKey
) -> tuple[rsa.RSAPrivateKey, x509.Certificate]:
    key = rsa.generate_private_key(public_exponent=65537, key_size=_KEY_BITS)
    start = _now() - _BACKDATE
    certificate = (
        x509.CertificateBuilder()
        .subject_name(subject)
        .issuer_name(ca.subject)
        .public_key(key.public_key())
        .serial_number(x509.random_serial_number())
        .not_valid_before(start)
        .not_valid_after(min(start + dt.timedelta(days=365 * _LEAF_YEARS), ca.not_valid_after_utc))
        .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
        .add_extension(_key_usage(signing=True), critical=True)
        .add_extension(
            x509.AuthorityKeyIdentifier.from_issuer_public_key(ca_key.public_key()),
            critical=False,
        )
        .add_extension(x509.SubjectKeyIdentifier.from_public_key(key.public_key()), critical=False)
        .sign(ca_key, hashes.SHA256())
    )
    return key, certificate


def avvocato_subject(avvocato: DemoUser) -> x509.Name:
    """The lawyer's subject: as an Italian qualified certificate names a natural person."""
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
            x509.NameAttribute(NameOID.GIVEN_NAME, avvocato.nome),
            x509.NameAttribute(NameOID.SURNAME, avvocato.cognome),
            x509.NameAttribute(NameOID.SERIAL_NUMBER, f"TINIT-{avvocato.codice_fiscale}"),
            x509.NameAttribute(NameOID.COMMON_NAME, f"{avvocato.nome} {avvocato.cognome}"),
        ]
    )


def ordine_subject(ordine_nome: str) -> x509.Name:
    return x509.Name(
        [
            x509.NameAttribute(NameOID.COUNTRY_NAME, "IT"),
            x509.NameAttribute(NameOID.ORGANIZATION_NAME, ordine_nome),
            x509.NameAttribute(NameOID.COMMON_NAME, ordine_nome),
        ]
    )


class FilesystemDemoPki:
    """Creates the demo PKI under ``directory`` once; see the module docstring."""

    def __init__(
        self, directory: Path, *, password: str, avvocato: DemoUser, ordine_nome: str
    ) -> None:
        if not avvocato.codice_fiscale:
            raise ValueError("the demo lawyer needs a codice fiscale")
        self.files = DemoPkiFiles.under(directory)
        self._password = password.encode()
        self._avvocato = avvocato
        self._ordine_nome = ordine_nome

    def ensure(self) -> DemoPkiFiles:
        """Create whatever is missing (nothing, usually) and return the files' paths."""
        files = self.files
        if files.complete():
            return files
        files.directory.mkdir(parents=True, exist_ok=True)
        files.ca_key.parent.mkdir(mode=0o700, exist_ok=True)
        with _locked(files.directory / ".pki.lock"):
            if not files.complete():  # another process may have finished while we waited
                self._generate()
        return files

    def _generate(self) -> None:
        files = self.files
        fresh = not files.ca_key.is_file()
        if fresh:
            ca_key = rsa.generate_private_key(public_exponent=65537, key_size=_KEY_BITS)
            pem = ca_key.private_bytes(
                serialization.Encoding.PEM,
                serialization.PrivateFormat.PKCS8,
                serialization.NoEncryption(),
            )
            _publish(files.ca_key, pem, 0o600, replace=True)
        else:
            loaded = serialization.load_pem_private_key(files.ca_key.read_bytes(), None)
            if not isinstance(loaded, rsa.RSAPrivateKey):
                raise TypeError(f"{files.ca_key} does not hold an RSA key")
            ca_key = loaded
        if fresh or not files.ca.is_file():
            # A new root key invalidates whatever was issued under the old one.
            ca = _issue_ca(ca_key)
            _publish(files.ca, ca.public_bytes(serialization.Encoding.PEM), 0o644, replace=fresh)
        ca = x509.load_pem_x509_certificate(files.ca.read_bytes())
        leaves = (
            (files.avvocato, b"avvocato", avvocato_subject(self._avvocato)),
            (files.ordine, b"ordine", ordine_subject(self._ordine_nome)),
        )
        for path, friendly_name, subject in leaves:
            if fresh or not path.is_file():
                key, certificate = _issue_leaf(subject, ca, ca_key)
                bundle = pkcs12.serialize_key_and_certificates(
                    friendly_name,
                    key,
                    certificate,
                    [ca],
                    serialization.BestAvailableEncryption(self._password),
                )
                _publish(path, bundle, 0o600, replace=fresh)
