"""The transactional outbox: events are stored with the state change that caused them, then
published by a relay, so a crash between the two loses nothing.

:func:`stage` writes messages into the ``_outbox`` collection inside the caller's transaction.
:class:`OutboxRelay` takes them out in order, leases a batch (so two replicas of a service do
not both publish it), publishes each with a broker confirm, and only then deletes the batch. A
relay that dies after publishing but before deleting leaves a lease that expires; the batch is
then published again, which idempotent consumers absorb (at-least-once, effectively once).
"""

import asyncio
import contextlib
import random
from collections.abc import Awaitable, Callable, Iterable
from datetime import timedelta
from functools import partial

from parcelle_contracts.envelope import Message, utcnow
from parcelle_contracts.ids import new_id
from parcelle_kit.bus.outgoing import Outgoing
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import ASCENDING, Document, DocumentStore, Transaction

OUTBOX = "_outbox"
LEASE = timedelta(seconds=15)
"""How long a relay holds a batch it is publishing; a relay that died holding one delays that
batch by at most this long."""

logger = get_logger(__name__)

Send = Callable[[Outgoing], Awaitable[None]]


async def stage(tx: Transaction, messages: Iterable[Message]) -> int:
    """Store ``messages`` for publication, in order, as part of the transaction ``tx``."""
    staged_at = utcnow().isoformat()
    count = 0
    for position, message in enumerate(messages):
        document = Outgoing.of(message).to_document()
        document.update(staged_at=staged_at, position=position, lease_until="", lease_owner="")
        await tx.insert(OUTBOX, document)
        count += 1
    return count


class OutboxRelay:
    """Publishes what :func:`stage` stored, oldest first."""

    def __init__(
        self,
        store: DocumentStore,
        send: Send,
        *,
        batch_size: int = 100,
        poll_interval: float = 1.0,
        lease: timedelta = LEASE,
    ) -> None:
        self._store = store
        self._send = send
        self._batch_size = batch_size
        self._poll_interval = poll_interval
        self._lease = lease
        self._wakeup = asyncio.Event()
        self._owner = new_id()
        self._stopping = asyncio.Event()

    def wake(self) -> None:
        """Something was staged: publish now rather than at the next poll."""
        self._wakeup.set()

    async def drain(self) -> int:
        """Publish everything pending that no other relay holds; returns how many were sent."""
        sent = 0
        while batch := await self._store.run(self._lease_batch):
            for document in batch:
                await self._send(Outgoing.from_document(document))
            await self._store.run(partial(_delete_all, ids=[d["_id"] for d in batch]))
            sent += len(batch)
        return sent

    def stop(self) -> None:
        """End :meth:`run` after one more drain (it publishes what was staged until now)."""
        self._stopping.set()
        self._wakeup.set()

    async def run(self) -> None:
        """Drain on every wake-up and at least every ``poll_interval`` seconds; once stopped,
        drain a last time and return. Cancelling ends it at once."""
        failures = 0
        while True:
            self._wakeup.clear()
            stopping = self._stopping.is_set()  # read before draining: nothing staged is missed
            try:
                await self.drain()
                failures = 0
            except Exception:
                if stopping:
                    raise
                failures += 1
                logger.exception("outbox relay could not publish; will retry", failures=failures)
                pause = min(30.0, 0.5 * 2**failures) * random.uniform(0.5, 1.0)
                with contextlib.suppress(TimeoutError):
                    await asyncio.wait_for(self._stopping.wait(), timeout=pause)
                continue
            if stopping:
                return
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(self._wakeup.wait(), timeout=self._poll_interval)

    async def _lease_batch(self, tx: Transaction) -> list[Document]:
        now = utcnow()
        pending = await tx.find(
            OUTBOX,
            sort=[("staged_at", ASCENDING), ("position", ASCENDING)],
            limit=self._batch_size,
        )
        leased = []
        for document in pending:
            held = document["lease_until"] and document["lease_until"] > now.isoformat()
            if held and document["lease_owner"] != self._owner:
                # Held by another relay; keep order by not overtaking it.
                break
            document["lease_until"] = (now + self._lease).isoformat()
            document["lease_owner"] = self._owner
            leased.append(await tx.update(OUTBOX, document))
        return leased


async def _delete_all(tx: Transaction, ids: list[str]) -> None:
    for id in ids:
        await tx.delete(OUTBOX, id)
