"""A real SMTP server (aiosmtpd) for the tests, in the test's own event loop: it keeps what it
receives, and answers as a test tells it to (a refusal, a temporary failure)."""

import asyncio
import socket
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from email import message_from_bytes, policy
from email.message import EmailMessage
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session


@dataclass
class Ricevuto:
    mittente: str
    destinatari: list[str]
    dati: bytes

    def mail(self) -> EmailMessage:
        letto = message_from_bytes(self.dati, policy=policy.default)
        assert isinstance(letto, EmailMessage)
        return letto


@dataclass
class Gestore:
    ricevuti: list[Ricevuto] = field(default_factory=list)
    risposte: list[str] = field(default_factory=list)
    """Replies to DATA, one per message, before accepting again (``"550 ..."``, ``"451 ..."``)."""

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        if self.risposte:
            return self.risposte.pop(0)
        self.ricevuti.append(
            Ricevuto(
                str(envelope.mail_from),
                [str(r) for r in envelope.rcpt_tos],
                envelope.original_content or b"",
            )
        )
        return "250 Message accepted for delivery"


def porta_libera() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port: int = s.getsockname()[1]
        return port


@dataclass
class ServerSmtp:
    porta: int
    gestore: Gestore
    _server: asyncio.Server | None = None

    async def avvia(self) -> None:
        gestore = self.gestore

        def protocollo() -> Any:
            return SMTP(gestore, hostname="test-smtp")

        loop = asyncio.get_running_loop()
        self._server = await loop.create_server(protocollo, "127.0.0.1", self.porta)

    async def ferma(self) -> None:
        if self._server is not None:
            self._server.close()
            await self._server.wait_closed()
            self._server = None


@asynccontextmanager
async def server_smtp(porta: int | None = None) -> AsyncIterator[ServerSmtp]:
    server = ServerSmtp(porta or porta_libera(), Gestore())
    await server.avvia()
    try:
        yield server
    finally:
        await server.ferma()
