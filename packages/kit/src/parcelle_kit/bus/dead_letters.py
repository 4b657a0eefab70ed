"""A service's dead-letter queue as an operator handles it: read it without changing it,
send a message back to the queue it came from, or delete it.

A replayed message keeps its message id (and body and headers, less what the failure added),
so the service's idempotent consumer gives one effect however many times it was delivered.
Whatever a command reads but does not act on is left in the queue: it is never acknowledged,
and goes back when the channel closes.
"""

import json
from collections.abc import AsyncIterator, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass
from typing import Any

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage

from parcelle_kit.bus.retry import ATTEMPTS, FAILED_AT, QUEUE, REASON, clean_headers
from parcelle_kit.bus.topology import Topology

CONFIRM_TIMEOUT = 10.0


@dataclass(frozen=True)
class DeadLetter:
    """One message of a dead-letter queue, as an operator reads it."""

    message_id: str
    message_type: str
    queue: str
    """The queue it came from, where a replay sends it."""
    reason: str
    attempts: int
    failed_at: str
    headers: dict[str, Any]
    body: bytes

    @classmethod
    def of(cls, message: AbstractIncomingMessage) -> "DeadLetter":
        headers = dict(message.headers or {})
        # A message the broker dead-lettered itself (the delivery limit, the last resort)
        # carries the broker's x-first-death-* headers instead of ours.
        return cls(
            message_id=message.message_id or "",
            message_type=str(headers.get("message_type", "")),
            queue=str(headers.get(QUEUE) or headers.get("x-first-death-queue") or ""),
            reason=str(headers.get(REASON) or headers.get("x-first-death-reason") or ""),
            attempts=int(str(headers.get(ATTEMPTS) or 0)),
            failed_at=str(headers.get(FAILED_AT) or ""),
            headers=headers,
            body=message.body,
        )

    def payload(self) -> Any:
        try:
            return json.loads(self.body)
        except ValueError:
            return self.body.decode("utf-8", "replace")


class DeadLetters:
    """The dead-letter queue of ``service`` on the broker at ``amqp_url``."""

    def __init__(self, amqp_url: str, topology: Topology, service: str) -> None:
        self._url = amqp_url
        self.queue_name = topology.dead_letter_queue(service).name

    async def elenco(self) -> list[DeadLetter]:
        """Every dead letter, oldest first; the queue stays as it was."""
        async with self._reading() as (_, messages):
            return [DeadLetter.of(message) for message in messages]

    async def rimetti(self, message_ids: Sequence[str] | None) -> list[DeadLetter]:
        """Send back to its queue each dead letter named (every one, for None)."""

        async def back(channel: AbstractChannel, message: AbstractIncomingMessage) -> None:
            letter = DeadLetter.of(message)
            await channel.default_exchange.publish(
                aio_pika.Message(
                    letter.body,
                    headers=clean_headers(letter.headers),
                    message_id=message.message_id,
                    correlation_id=message.correlation_id,
                    content_type=message.content_type,
                    delivery_mode=aio_pika.DeliveryMode.PERSISTENT,
                ),
                routing_key=letter.queue,
                timeout=CONFIRM_TIMEOUT,
            )

        return await self._act(message_ids, back)

    async def elimina(self, message_ids: Sequence[str] | None) -> list[DeadLetter]:
        """Delete each dead letter named (every one, for None)."""

        async def nothing(_: AbstractChannel, __: AbstractIncomingMessage) -> None:
            return None

        return await self._act(message_ids, nothing)

    async def _act(
        self,
        message_ids: Sequence[str] | None,
        action: Callable[[AbstractChannel, AbstractIncomingMessage], Any],
    ) -> list[DeadLetter]:
        done = []
        async with self._reading() as (channel, messages):
            for message in messages:
                if message_ids is None or message.message_id in message_ids:
                    await action(channel, message)
                    await message.ack()
                    done.append(DeadLetter.of(message))
        return done

    @asynccontextmanager
    async def _reading(
        self,
    ) -> AsyncIterator[tuple[AbstractChannel, list[AbstractIncomingMessage]]]:
        """Every message of the queue, received and not acknowledged: what the caller does
        not acknowledge goes back to the queue when the channel closes."""
        connection = await aio_pika.connect(self._url, timeout=5)
        try:
            channel = await connection.channel(publisher_confirms=True)
            queue = await channel.declare_queue(self.queue_name, passive=True)
            messages = []
            while (message := await queue.get(no_ack=False, fail=False)) is not None:
                messages.append(message)
            yield channel, messages
            await channel.close()
        finally:
            await connection.close()
