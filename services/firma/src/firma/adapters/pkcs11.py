"""The Ordine's key on a PKCS#11 token or HSM, through pyhanko's PKCS#11 support
(python-pkcs11).

The session is opened and logged in once, when the signer is first used, and kept; the key
handle and the certificates are looked up once. A PKCS#11 session runs one operation at a
time, so signatures on it are serialised.
"""

import asyncio
from pathlib import Path

from pkcs11 import Session
from pyhanko.config.pkcs11 import TokenCriteria
from pyhanko.sign import signers
from pyhanko.sign.pkcs11 import PKCS11Signer, open_pkcs11_session

from firma.adapters.pades_signer import Opener


class TokenSigner(PKCS11Signer):
    """pyhanko's PKCS#11 signer, one signature at a time on its session."""

    def __init__(self, session: Session, key_label: str) -> None:
        # other_certs_to_pull=None: the chain too, when the token keeps it beside the key.
        super().__init__(session, key_label=key_label, other_certs_to_pull=None)
        self._one_at_a_time = asyncio.Lock()

    async def async_sign_raw(
        self, data: bytes, digest_algorithm: str, dry_run: bool = False
    ) -> bytes:
        if dry_run:
            # pyhanko 0.38 calls its size estimate (a property) as a method on this path.
            return bytes(512)
        async with self._one_at_a_time:
            signature: bytes = await super().async_sign_raw(data, digest_algorithm)
            return signature

    def close(self) -> None:
        """Log out and close the session."""
        self.pkcs11_session.close()


def pkcs11_opener(module: Path, *, token: str, key_label: str, pin: str) -> Opener:
    """Opens the session (off the event loop) and loads the key handle and certificates."""

    async def open_token() -> signers.Signer:
        session = await asyncio.to_thread(
            open_pkcs11_session,
            str(module),
            token_criteria=TokenCriteria(label=token),
            user_pin=pin,
        )
        signer = TokenSigner(session, key_label)
        await signer.ensure_objects_loaded()  # type: ignore[no-untyped-call]  # pyhanko: unannotated
        return signer

    return open_token
