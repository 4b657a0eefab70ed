"""What the end-to-end benchmarks share: ``parcelle up`` with a fresh var directory, its own bus
namespace and ports. The demo lawyer's applications are prepared through the REST API with the
helpers of :mod:`parcelle_testing.avvocato`."""

import asyncio
import os
import secrets
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import aio_pika

from parcelle_kit.bus.topology import Topology
from parcelle_testing.comando import PARCELLE, free_port

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
AMQP_URL = "amqp://guest:guest@127.0.0.1:5672/"


@contextmanager
def parcelle_up() -> Iterator[tuple[str, Path]]:
    """The whole system with demo data, quiet; its address and its var directory."""
    port = free_port()
    namespace = f"bench{secrets.token_hex(3)}"
    with tempfile.TemporaryDirectory() as var:
        env = {
            **os.environ,
            "PARCELLE_VAR_DIR": var,
            "PARCELLE_BUS_NAMESPACE": namespace,
            "PARCELLE_QUEUE_EXPIRES_MS": "60000",
            "PARCELLE_GATEWAY_PORT": str(port),
            "PARCELLE_SMTP_SINK_PORT": str(free_port()),
            "PARCELLE_LOG_LEVEL": "WARNING",
            "PARCELLE_DEMO_PASSWORD": "demo",
        }
        with subprocess.Popen(
            [PARCELLE, "up"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        ) as process:
            try:
                _wait_ready(process)
                yield f"http://127.0.0.1:{port}", Path(var)
            finally:
                process.terminate()
                process.wait(timeout=60)
                asyncio.run(delete_exchanges(env.get("PARCELLE_AMQP_URL", AMQP_URL), namespace))


async def delete_exchanges(url: str, namespace: str) -> None:
    """The run's exchanges; its queues expire on their own a minute after it stops."""
    connection = await aio_pika.connect(url)
    async with connection:
        channel = await connection.channel()
        for exchange in Topology(namespace=namespace).exchanges:
            await channel.exchange_delete(exchange.name)


def _wait_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    for output in process.stdout:
        if "ready at" in output:
            return
    raise SystemExit(f"parcelle up ended without becoming ready (code {process.wait()})")
