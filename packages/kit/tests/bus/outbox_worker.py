"""Run as a separate process by test_outbox.py.

``write-and-die DB``: commit a state change and its event in one transaction, then start the
relay and get killed (SIGKILL) at the very moment it would publish.
``relay AMQP NAMESPACE DB``: a restarted relay; publishes what is pending and prints how many.
"""

import asyncio
import os
import signal
import sys
from datetime import timedelta
from pathlib import Path

from opentelemetry.sdk.trace import TracerProvider
from pydantic import SecretStr

from parcelle_kit.bus import Outgoing, Publisher, build_broker, topology_of
from parcelle_kit.outbox import OutboxRelay, stage
from parcelle_kit.settings import Settings
from parcelle_kit.store.ports import Transaction
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.probe import FattoAvvenuto

LEASE = timedelta(seconds=1)


async def write_and_die(db: Path) -> None:
    store = SqliteStore(db)
    await store.open()

    async def unit(tx: Transaction) -> None:
        await tx.insert("pratiche", {"_id": "p1", "stato": "depositata"})
        await stage(tx, [FattoAvvenuto(correlation_id="p1", ordine="DEMO", numero=1)])

    await store.run(unit)

    async def die(_: Outgoing) -> None:
        os.kill(os.getpid(), signal.SIGKILL)

    await OutboxRelay(store, die, lease=LEASE).drain()


async def relay(amqp_url: str, namespace: str, db: Path) -> None:
    settings = Settings(amqp_url=SecretStr(amqp_url), bus_namespace=namespace, var_dir=db.parent)
    broker = build_broker(settings, process="probe", tracer_provider=TracerProvider())
    await broker.connect()
    store = SqliteStore(db)
    await store.open()
    outbox = OutboxRelay(store, Publisher(broker, topology_of(settings)).send, lease=LEASE)
    sent = 0
    async with asyncio.timeout(10):
        # A lease left by the killed relay holds the batch back until it expires.
        while (sent := sent + await outbox.drain()) == 0 and await _pending(store):
            await asyncio.sleep(0.2)
    print(sent)
    await store.close()
    await broker.stop()


async def _pending(store: SqliteStore) -> int:
    return await store.run(lambda tx: tx.count("_outbox"))


if __name__ == "__main__":
    if sys.argv[1] == "write-and-die":
        asyncio.run(write_and_die(Path(sys.argv[2])))
    else:
        asyncio.run(relay(sys.argv[2], sys.argv[3], Path(sys.argv[4])))
