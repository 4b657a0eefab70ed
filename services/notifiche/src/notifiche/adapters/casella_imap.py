"""The Ordine's PEC mailbox over IMAP (the standard library's ``imaplib``, run in a thread):
messages are read with ``BODY.PEEK[]`` (left unread for people), those kept as receipts are
moved to an archive folder (``MOVE``, or copy, delete and expunge on a server without it), the
refused ones get a keyword and stay in the inbox; the search skips both, so each is read once.
"""

import asyncio
import imaplib
import re
import ssl
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from notifiche.adapters.segreti import Segreti
from notifiche.domain.errori import SegretoMancanteError
from parcelle_contracts.ordini import ImpostazioniPosta

SCARTATA = "$ParcelleScartata"
ARCHIVIO = "Ricevute-Parcelle"
_UID = re.compile(rb"UID (\d+)")


@dataclass(frozen=True)
class CasellaImap:
    host: str
    porta: int
    utente: str
    password: str
    tls: bool = True
    cartella: str = "INBOX"
    archivio: str = ARCHIVIO
    timeout: float = 30.0

    async def nuove(self, limite: int) -> Sequence[tuple[str, bytes]]:
        return await asyncio.to_thread(self._nuove, limite)

    async def concludi(self, archiviate: Sequence[str], scartate: Sequence[str]) -> None:
        await asyncio.to_thread(self._concludi, list(archiviate), list(scartate))

    def _apri(self) -> imaplib.IMAP4:
        if self.tls:
            contesto = ssl.create_default_context()
            imap: imaplib.IMAP4 = imaplib.IMAP4_SSL(
                self.host, self.porta, ssl_context=contesto, timeout=self.timeout
            )
        else:
            imap = imaplib.IMAP4(self.host, self.porta, timeout=self.timeout)
        try:
            imap.login(self.utente, self.password)
            # what the server offers once logged in (imaplib keeps the greeting's list)
            offerte = _ok(imap.capability())[-1]
            imap.capabilities = tuple(bytes(offerte).decode("ascii", "replace").upper().split())
            _ok(imap.select(_quota(self.cartella)))
        except BaseException:
            imap.shutdown()
            raise
        return imap

    def _nuove(self, limite: int) -> list[tuple[str, bytes]]:
        imap = self._apri()
        try:
            dati = _ok(imap.uid("SEARCH", "UNDELETED", "UNKEYWORD", SCARTATA))
            uids = [u.decode() for u in (dati[0] or b"").split()][:limite]
            messaggi = []
            for uid in uids:
                risposta = _ok(imap.uid("FETCH", uid, "(BODY.PEEK[])"))
                for parte in risposta:
                    if isinstance(parte, tuple) and _UID.search(parte[0]):
                        messaggi.append((uid, bytes(parte[1])))
            return messaggi
        finally:
            _chiudi(imap)

    def _concludi(self, archiviate: list[str], scartate: list[str]) -> None:
        imap = self._apri()
        try:
            if scartate:
                _ok(imap.uid("STORE", ",".join(scartate), "+FLAGS", f"({SCARTATA})"))
            if archiviate:
                imap.create(_quota(self.archivio))  # NO when it exists already: fine
                insieme = ",".join(archiviate)
                if "MOVE" in imap.capabilities:
                    _ok(imap.uid("MOVE", insieme, _quota(self.archivio)))
                else:
                    _ok(imap.uid("COPY", insieme, _quota(self.archivio)))
                    _ok(imap.uid("STORE", insieme, "+FLAGS", r"(\Deleted)"))
                    imap.expunge()
        finally:
            _chiudi(imap)


def casella_di(
    posta: ImpostazioniPosta, segreti: Segreti, *, tls: bool = True
) -> CasellaImap | None:
    """The mailbox the Ordine's settings name, or None when they name none (or its password,
    the secret ``pec_segreto`` names in this service's environment or secrets directory, is
    not set)."""
    if not posta.pec_imap_host or not posta.pec_utente or not posta.pec_segreto:
        return None
    try:
        password = segreti.leggi(posta.pec_segreto)
    except SegretoMancanteError:
        return None
    return CasellaImap(
        host=posta.pec_imap_host,
        porta=posta.pec_imap_porta,
        utente=posta.pec_utente,
        password=password,
        tls=tls,
    )


def _quota(nome: str) -> str:
    return '"' + nome.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _ok(risposta: tuple[str, list[Any]]) -> list[Any]:
    stato, dati = risposta
    if stato != "OK":
        raise ConnectionError(f"IMAP: {stato} {dati!r}"[:300])
    return dati


def _chiudi(imap: imaplib.IMAP4) -> None:
    try:
        imap.logout()
    except Exception:  # the connection may be gone already; nothing to tell anyone
        imap.shutdown()
