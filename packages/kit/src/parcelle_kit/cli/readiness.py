"""Checks ``parcelle up`` makes before and after starting the children."""

import asyncio
import contextlib
import logging
import urllib.error
import urllib.request
from urllib.parse import urlsplit, urlunsplit

import aio_pika

from parcelle_kit.settings import Settings

BROKER_TIMEOUT = 5.0


def redacted(url: str) -> str:
    """The URL without its password, fit for a message on screen."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    netloc = f"{parts.username}:***@{parts.hostname}" + (f":{parts.port}" if parts.port else "")
    return urlunsplit(parts._replace(netloc=netloc))


async def broker_problem(settings: Settings) -> str | None:
    """None if RabbitMQ accepts a connection; otherwise one line saying what to do."""
    url = settings.amqp_url.get_secret_value()
    # The driver logs its own connection error; the line returned here says it better.
    logging.getLogger("aiormq").setLevel(logging.CRITICAL)
    try:
        connection = await asyncio.wait_for(aio_pika.connect(url), BROKER_TIMEOUT)
    except (OSError, TimeoutError, aio_pika.exceptions.AMQPError) as error:
        reason = str(error) or type(error).__name__
        return (
            f"parcelle: RabbitMQ does not answer at {redacted(url)} ({reason}). Start it with "
            "`rabbitmq-server -detached` (Debian package rabbitmq-server) or "
            "`docker compose up -d rabbitmq`, or set PARCELLE_AMQP_URL."
        )
    await connection.close()
    return None


async def wait_ready(url: str, give_up: asyncio.Event, interval: float = 0.5) -> bool:
    """Poll ``url`` until it answers 200 (True) or ``give_up`` is set (False)."""
    while not give_up.is_set():
        if await asyncio.to_thread(_answers_ok, url):
            return True
        with contextlib.suppress(TimeoutError):
            await asyncio.wait_for(give_up.wait(), timeout=interval)
    return False


def _answers_ok(url: str) -> bool:
    try:
        with urllib.request.urlopen(url, timeout=3) as response:
            return bool(response.status == 200)
    except (urllib.error.URLError, OSError):
        return False
