"""A service's stores as its use-case tests run them: real SQLite and filesystem stores in the
test's own directory, and an idempotent consumer whose events stay in the outbox (unit tests
do not publish; they read what would be sent with :func:`in_uscita`)."""

from collections.abc import AsyncIterator, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.bus.outgoing import Outgoing
from parcelle_kit.consumer import IdempotentConsumer
from parcelle_kit.outbox import OUTBOX, OutboxRelay
from parcelle_kit.store.ports import ASCENDING, DocumentStore, Index
from parcelle_kit.store.sqlite import SqliteStore


@dataclass(frozen=True)
class Locali:
    store: SqliteStore
    blobs: FilesystemBlobStore
    """The service's own blob area."""
    transfer: FilesystemBlobStore
    consumer: IdempotentConsumer


@asynccontextmanager
async def locali(directory: Path, service: str, indexes: Sequence[Index]) -> AsyncIterator[Locali]:
    """The stores of ``service`` under ``directory``, open, closed when the test ends."""
    store = SqliteStore(directory / f"{service}.sqlite")
    blobs = FilesystemBlobStore(directory / "blobs" / service)
    transfer = FilesystemBlobStore(directory / "blobs" / "transfer")
    await store.open(indexes)
    await blobs.open()
    await transfer.open()

    async def send(_: Outgoing) -> None:
        raise AssertionError("unit tests do not publish")

    try:
        yield Locali(store, blobs, transfer, IdempotentConsumer(store, OutboxRelay(store, send)))
    finally:
        await store.close()
        await blobs.close()
        await transfer.close()


async def in_uscita(store: DocumentStore) -> list[dict[str, Any]]:
    """The messages staged for publication, oldest first, as the relay would send them."""
    documenti = await store.run(
        lambda tx: tx.find(OUTBOX, sort=[("staged_at", ASCENDING), ("position", ASCENDING)])
    )
    return [
        {"routing_key": d["routing_key"], **Outgoing.from_document(d).payload()} for d in documenti
    ]
