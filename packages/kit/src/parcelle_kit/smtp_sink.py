"""A local SMTP sink: accepts every message and keeps it as an ``.eml`` file under var/mail.

``parcelle up`` runs it so that the e-mail a development installation sends can be read
without any real mail server; tests run it to see exactly what was sent.
"""

import asyncio
from pathlib import Path
from typing import Any

from aiosmtpd.smtp import SMTP, Envelope, Session

from parcelle_contracts.ids import new_id
from parcelle_kit.logging import get_logger

logger = get_logger(__name__)


class _MaildirHandler:
    def __init__(self, directory: Path) -> None:
        self._directory = directory

    async def handle_DATA(self, server: SMTP, session: Session, envelope: Envelope) -> str:
        content = envelope.original_content or b""
        path = self._directory / f"{new_id()}.eml"
        await asyncio.to_thread(path.write_bytes, content)
        logger.info(
            "mail received", sender=envelope.mail_from, recipients=envelope.rcpt_tos, file=path.name
        )
        return "250 Message accepted for delivery"


class SmtpSink:
    """The sink as a process ``parcelle up`` can supervise."""

    name = "smtp-sink"

    def __init__(self, host: str, port: int, directory: Path) -> None:
        self.host = host
        self.port = port
        self.directory = directory

    async def start(self) -> asyncio.Server:
        self.directory.mkdir(parents=True, exist_ok=True)
        handler = _MaildirHandler(self.directory)

        def protocol() -> Any:
            return SMTP(handler, hostname="parcelle-smtp-sink")

        server = await asyncio.get_running_loop().create_server(protocol, self.host, self.port)
        logger.info(
            "smtp sink listening", host=self.host, port=self.port, directory=str(self.directory)
        )
        return server

    async def run(self, stop: asyncio.Event) -> None:
        server = await self.start()
        async with server:
            await stop.wait()
