"""The provider's S/MIME signature on a PEC receipt, verified by OpenSSL (Debian's ``openssl``,
``smime -verify``): it reads clear-signed (multipart/signed) and opaque (pkcs7-mime) messages
alike, canonicalises the signed part as the S/MIME rules say, checks the digest, and builds
the signer's chain to the trusted PEC provider CAs only (the system's store is left out with
``-no-CApath -no-CAstore``). What it answers is the signed content: the receipt is read from
what the signature covers, never from headers a relay could have changed."""

import asyncio
from pathlib import Path

from notifiche.domain.errori import FirmaNonValidaError
from parcelle_kit.logging import get_logger

logger = get_logger(__name__)
MASSIMO = 50 * 1024 * 1024
"""The largest receipt read (a complete delivery receipt carries the original message)."""


class VerificaSmime:
    """Verifies against the PEM bundle ``autorita`` (the trusted PEC provider CAs)."""

    def __init__(self, autorita: Path | None, *, openssl: str = "openssl", timeout: float = 30):
        self._autorita = autorita
        self._openssl = openssl
        self._timeout = timeout

    async def verifica(self, grezza: bytes) -> bytes:
        """The signed content of ``grezza``; :class:`FirmaNonValidaError` when it does not
        verify (tampered, unsigned, untrusted signer)."""
        if self._autorita is None or not self._autorita.is_file():
            raise FirmaNonValidaError("nessuna autorità di certificazione PEC è configurata")
        if len(grezza) > MASSIMO:
            raise FirmaNonValidaError("il messaggio è troppo grande")
        processo = await asyncio.create_subprocess_exec(
            self._openssl,
            "smime",
            "-verify",
            "-CAfile",
            str(self._autorita),
            "-no-CApath",
            "-no-CAstore",
            stdin=asyncio.subprocess.PIPE,
            stdout=asyncio.subprocess.PIPE,
            stderr=asyncio.subprocess.PIPE,
        )
        try:
            contenuto, errori = await asyncio.wait_for(processo.communicate(grezza), self._timeout)
        except TimeoutError:
            processo.kill()
            await processo.wait()
            raise
        if processo.returncode != 0:
            motivo = _motivo(errori.decode("utf-8", "replace"))
            logger.warning("PEC receipt signature refused", reason=motivo)
            raise FirmaNonValidaError(motivo)
        return contenuto


def _motivo(errori: str) -> str:
    """OpenSSL's complaint said in Italian, for the refusal; its own words go to the log."""
    testo = errori.lower()
    if "digest failure" in testo or "bad signature" in testo or "signature failure" in testo:
        return "il contenuto è stato alterato dopo la firma"
    if "certificate verify error" in testo or "unable to get" in testo:
        return "il firmatario non è un gestore PEC di fiducia"
    if "expired" in testo:
        return "il certificato del gestore è scaduto"
    if "no content type" in testo or "reading s/mime" in testo or "not signed" in testo:
        return "il messaggio non è firmato S/MIME"
    return "la firma S/MIME non è verificabile"
