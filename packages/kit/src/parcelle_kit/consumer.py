"""The idempotent consumer: a message's effect happens once, however often it is delivered.

The id of every processed message is recorded in the ``_processed`` collection in the same
transaction as the effect and the events it causes. A redelivery finds the record and is
acknowledged without a second effect; if the message asked for a reply, the reply recorded the
first time is given again.
"""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

from parcelle_contracts.envelope import Message, utcnow
from parcelle_kit.logging import get_logger
from parcelle_kit.outbox import OutboxRelay, stage
from parcelle_kit.store.ports import Document, DocumentStore, DuplicateKeyError, Transaction

PROCESSED = "_processed"

logger = get_logger(__name__)


@dataclass(frozen=True)
class Outcome:
    """What a handler did: the events to publish and, for a request, the reply (JSON)."""

    events: Sequence[Message] = ()
    reply: dict[str, Any] | None = None


@dataclass(frozen=True)
class Processed:
    """The result of :meth:`IdempotentConsumer.handle`."""

    reply: dict[str, Any] | None = None
    duplicate: bool = False
    events: Sequence[Message] = field(default=())


Work = Callable[[Transaction], Awaitable[Outcome]]


class IdempotentConsumer:
    """Runs a handler's unit of work at most once per message id."""

    def __init__(self, store: DocumentStore, relay: OutboxRelay) -> None:
        self._store = store
        self._relay = relay

    @staticmethod
    async def processed(
        tx: Transaction, message: Message, *, step: str | None = None
    ) -> Document | None:
        """The record of ``message`` (and ``step``) when it was processed already, with the
        reply it got: a use case that answers some requests without writing looks here first."""
        return await tx.get(PROCESSED, _key(message, step))

    async def handle(self, message: Message, work: Work, *, step: str | None = None) -> Processed:
        """Run ``work`` in one transaction with the processed-record and the staged events.

        A use case that commits more than once for one message (a file checked and kept, then
        the deposit) names each ``step``, so each is done once and none is taken for another.
        """
        key = _key(message, step)

        async def unit(tx: Transaction) -> Processed:
            seen = await tx.get(PROCESSED, key)
            if seen is not None:
                return Processed(reply=seen.get("reply"), duplicate=True)
            outcome = await work(tx)
            await tx.insert(
                PROCESSED,
                {
                    "_id": key,
                    "message_type": type(message).__name__,
                    "processed_at": utcnow().isoformat(),
                    "reply": outcome.reply,
                },
            )
            await stage(tx, outcome.events)
            return Processed(reply=outcome.reply, events=outcome.events)

        try:
            processed = await self._store.run(unit)
        except DuplicateKeyError:
            # Two deliveries of the same message raced; the loser finds the winner's record.
            # Any other duplicate key is the handler's own and is re-raised.
            seen = await self._store.run(lambda tx: tx.get(PROCESSED, key))
            if seen is None:
                raise
            processed = Processed(reply=seen.get("reply"), duplicate=True)
        if processed.duplicate:
            logger.info("duplicate delivery acknowledged without effect")
        elif processed.events:
            self._relay.wake()
        return processed


def _key(message: Message, step: str | None) -> str:
    return message.message_id if step is None else f"{message.message_id}/{step}"
