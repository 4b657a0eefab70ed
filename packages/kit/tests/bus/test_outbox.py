"""The outbox on the real broker: a crash between write and publish loses nothing, and the
event is published once."""

import json
import signal
import subprocess
import sys
from pathlib import Path

import pytest

from parcelle_kit.bus import Topology
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.probe import FattoAvvenuto

from .helpers import bind_probe_queue, channel, drain

pytestmark = pytest.mark.integration
WORKER = str(Path(__file__).with_name("outbox_worker.py"))


def worker(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, WORKER, *args], capture_output=True, text=True, timeout=60, check=False
    )


async def test_event_survives_a_kill_between_write_and_publish(
    tmp_path: Path, amqp_url: str, bus_namespace: str
) -> None:
    db = tmp_path / "probe.sqlite"
    topology = Topology(namespace=bus_namespace, queue_expires_ms=120_000)
    async with channel(amqp_url) as ch:
        tap = await bind_probe_queue(ch, topology, FattoAvvenuto.routing_key())

        died = worker("write-and-die", str(db))
        assert died.returncode == -signal.SIGKILL, died.stderr
        store = SqliteStore(db)
        await store.open()
        state = await store.run(lambda tx: tx.get("pratiche", "p1"))
        pending = await store.run(lambda tx: tx.find("_outbox"))
        await store.close()
        assert state is not None
        assert state["stato"] == "depositata"
        assert len(pending) == 1
        assert await drain(tap, settle=0.2) == []

        restarted = worker("relay", amqp_url, bus_namespace, str(db))
        assert restarted.returncode == 0, restarted.stderr
        assert restarted.stdout.split() == ["1"]
        again = worker("relay", amqp_url, bus_namespace, str(db))
        assert again.returncode == 0, again.stderr
        assert again.stdout.split() == ["0"]

        (message,) = await drain(tap)
        body = json.loads(message.body)
        assert message.message_id == body["message_id"] == pending[0]["_id"]
        assert FattoAvvenuto.model_validate(body).numero == 1
