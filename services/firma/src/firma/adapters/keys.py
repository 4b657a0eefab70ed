"""A key held in memory, loaded once: the Ordine's key from a PKCS#12 file.

pyhanko's ``SimpleSigner`` keeps the key as ASN.1 and parses it again at every signature (about
29 ms for RSA-2048 on a 2-core machine, most of a signature's time); this signer parses it
once, when the file is opened, and signs with the parsed key.
"""

import asyncio
from collections.abc import Callable
from pathlib import Path

from asn1crypto import x509 as asn1_x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec, padding, rsa
from cryptography.hazmat.primitives.serialization import pkcs12
from pyhanko.sign import signers
from pyhanko.sign.general import SigningError
from pyhanko_certvalidator.registry import SimpleCertificateStore

from firma.adapters.pades_signer import Opener

_HASHES: dict[str, hashes.HashAlgorithm] = {
    "sha256": hashes.SHA256(),
    "sha384": hashes.SHA384(),
    "sha512": hashes.SHA512(),
}


def _asn1(cert: object) -> asn1_x509.Certificate:
    der = cert.public_bytes(serialization.Encoding.DER)  # type: ignore[attr-defined]
    return asn1_x509.Certificate.load(der)


class KeySigner(signers.Signer):
    """A pyhanko signer over a parsed RSA (PKCS#1 v1.5) or EC key."""

    def __init__(
        self,
        key: rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey,
        cert: asn1_x509.Certificate,
        chain: list[asn1_x509.Certificate],
    ) -> None:
        registry = SimpleCertificateStore.from_certs([cert, *chain])  # type: ignore[no-untyped-call]  # pyhanko: unannotated
        super().__init__(signing_cert=cert, cert_registry=registry)
        self._key = key

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        algorithm = _HASHES.get(digest_algorithm)
        if algorithm is None:
            raise SigningError(f"unsupported digest {digest_algorithm}")
        if isinstance(self._key, rsa.RSAPrivateKey):
            return self._key.sign(data, padding.PKCS1v15(), algorithm)
        return self._key.sign(data, ec.ECDSA(algorithm))


def load_pkcs12(path: Path, password: bytes | None) -> KeySigner:
    """The key and certificates of a PKCS#12 file (ValueError if it holds no usable key)."""
    key, cert, others = pkcs12.load_key_and_certificates(path.read_bytes(), password)
    if cert is None or not isinstance(key, rsa.RSAPrivateKey | ec.EllipticCurvePrivateKey):
        raise ValueError(f"{path} holds no RSA or EC key with its certificate")
    return KeySigner(key, _asn1(cert), [_asn1(other) for other in others])


def pkcs12_opener(
    path: Path, password: bytes | None, *, ready: Callable[[], object] = lambda: None
) -> Opener:
    """An opener for the file, read and decrypted off the event loop; ``ready`` makes sure the
    file exists first (the demo PKI)."""

    def load() -> signers.Signer:
        ready()
        return load_pkcs12(path, password)

    async def open_file() -> signers.Signer:
        return await asyncio.to_thread(load)

    return open_file
