"""A SoftHSM2 token made by the tests in a temporary directory: the Ordine's RSA-2048 key is
generated on the token (it never leaves it) and its certificate, issued by a test CA, is
stored beside it with the CA's."""

import os
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pkcs11
from cryptography import x509
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pkcs11 import Attribute, CertificateType, KeyType, ObjectClass

from .support import Identity, issue_for_key
from .validators import require

MODULE = Path("/usr/lib/softhsm/libsofthsm2.so")
TOKEN = "parcelle-test"
KEY_LABEL = "ordine"
PIN = "4321"


@dataclass(frozen=True)
class Token:
    module: Path
    label: str
    key_label: str
    pin: str
    cert: x509.Certificate


def make_token(directory: Path, ca: Identity, common_name: str) -> Token:
    """Initialise the token under ``directory``; SOFTHSM2_CONF must name its config before
    the PKCS#11 library is first loaded in this process (see the fixture)."""
    util = require("softhsm2-util")
    if not MODULE.is_file():
        raise RuntimeError(f"{MODULE} is missing: install softhsm2")
    tokens = directory / "tokens"
    tokens.mkdir(parents=True)
    config = directory / "softhsm2.conf"
    config.write_text(
        f"directories.tokendir = {tokens}\nobjectstore.backend = file\nlog.level = ERROR\n"
    )
    os.environ["SOFTHSM2_CONF"] = str(config)
    subprocess.run(
        [util, "--init-token", "--free", "--label", TOKEN, "--so-pin", "12345678", "--pin", PIN],
        check=True,
        capture_output=True,
    )
    token = pkcs11.lib(str(MODULE)).get_token(token_label=TOKEN)
    with token.open(rw=True, user_pin=PIN) as session:
        public, _private = session.generate_keypair(
            KeyType.RSA, 2048, store=True, label=KEY_LABEL, id=b"\x01"
        )
        numbers = rsa.RSAPublicNumbers(
            int.from_bytes(public[Attribute.PUBLIC_EXPONENT], "big"),
            int.from_bytes(public[Attribute.MODULUS], "big"),
        )
        cert = issue_for_key(ca, common_name, numbers.public_key())
        for label, certificate, key_id in ((KEY_LABEL, cert, b"\x01"), ("ca", ca.cert, b"\x02")):
            session.create_object(
                {
                    Attribute.CLASS: ObjectClass.CERTIFICATE,
                    Attribute.CERTIFICATE_TYPE: CertificateType.X_509,
                    Attribute.TOKEN: True,
                    Attribute.LABEL: label,
                    Attribute.ID: key_id,
                    Attribute.SUBJECT: certificate.subject.public_bytes(),
                    Attribute.VALUE: certificate.public_bytes(serialization.Encoding.DER),
                }
            )
    return Token(module=MODULE, label=TOKEN, key_label=KEY_LABEL, pin=PIN, cert=cert)
