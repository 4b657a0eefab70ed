"""What interrupted test runs left on the broker, cleared when a new run starts.

A test deletes its own queues when it ends, but a run that is killed (kill -9, a closed
terminal, a CI limit) leaves them, and the broker, left to expire many quorum queues at once,
stalls and refuses connections for as long as that takes: a later run then fails for
nothing it did. Each test's namespace starts with the second it was made, so a new run
deletes, before its first test, the queues and exchanges of namespaces older than any test
can last, and never those of a test going on beside it.
"""

import asyncio
import re
import secrets
import shutil
import subprocess
import time
from collections.abc import Iterable
from urllib.parse import urlsplit

import aio_pika

TIMEOUTS_OF_AGE = 6
"""A namespace older than this many times the longest a test may last belongs to no live
test."""
_NAMESPACE = re.compile(r"^t(?:(?P<made>[0-9a-f]{8})[0-9a-f]{6}|[0-9a-f]{10})(?:\.|$)")
"""A test namespace: ``t`` + the second it was made (hex) + random; or the older form, ten
random digits, which no run makes any more."""


def new_namespace(now: float | None = None) -> str:
    """A test's own bus namespace: the second it was made, then six random hex digits."""
    made = int(time.time() if now is None else now)
    return f"t{made:08x}{secrets.token_hex(3)}"


def stale(names: Iterable[str], now: float, max_age: float) -> list[str]:
    """The names (queues or exchanges) of test namespaces made more than ``max_age`` ago."""
    found = []
    for name in names:
        match = _NAMESPACE.match(name)
        if match is None:
            continue
        made = match["made"]
        if made is None or now - int(made, 16) > max_age:
            found.append(name)
    return sorted(found)


def _listed(what: str) -> list[str]:
    """``rabbitmqctl list_<what> name``: empty where the broker is not this machine's."""
    if shutil.which("rabbitmqctl") is None:
        return []
    command = ["rabbitmqctl", "-q", f"list_{what}", "--no-table-headers", "name"]
    try:
        done = subprocess.run(command, capture_output=True, text=True, timeout=120, check=False)
    except subprocess.TimeoutExpired:
        return []
    return done.stdout.split() if done.returncode == 0 else []


async def _delete(url: str, queues: list[str], exchanges: list[str]) -> None:
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel()
        for queue in queues:
            await channel.queue_delete(queue)
        for exchange in exchanges:
            await channel.exchange_delete(exchange)


def clear_leftovers(url: str, test_timeout: float) -> int:
    """Delete the stale test queues and exchanges of the local broker, those of namespaces older
    than :data:`TIMEOUTS_OF_AGE` times ``test_timeout`` (seconds); how many queues."""
    if urlsplit(url).hostname not in {"127.0.0.1", "localhost", "::1"}:
        return 0
    now, max_age = time.time(), TIMEOUTS_OF_AGE * test_timeout
    queues = stale(_listed("queues"), now, max_age)
    exchanges = stale(_listed("exchanges"), now, max_age)
    if queues or exchanges:
        asyncio.run(_delete(url, queues, exchanges))
    return len(queues)
