"""Following a message nobody waits an answer for: an event, or a command sent and forgotten;
and the messages of one's own that were given up on (dead-lettered)."""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from faststream.rabbit import RabbitMessage, RabbitRouter

from parcelle_contracts.envelope import Message
from parcelle_kit.bus.retry import QUEUE, REASON
from parcelle_kit.bus.topology import Topology
from parcelle_kit.logging import get_logger

logger = get_logger(__name__)

M = TypeVar("M", bound=Message)


def follow(
    router: RabbitRouter,
    topology: Topology,
    service: str,
    message_type: type[M],
    handle: Callable[[M], Awaitable[None]],
) -> None:
    """Subscribe ``handle`` to ``message_type`` on ``service``'s own durable queue.

    A message ``handle`` raises on is redelivered, and dead-lettered at the delivery limit;
    ``handle`` makes a redelivery harmless (the idempotent consumer).
    """
    queue = topology.queue(service, message_type.name, routing_key=message_type.routing_key())

    async def receive(message: Any) -> None:
        await handle(message)

    # FastStream decodes the body into the type annotated on the handler's first parameter.
    receive.__annotations__["message"] = message_type
    receive.__name__ = receive.__qualname__ = message_type.__name__
    router.subscriber(queue, topology.exchange, title=message_type.routing_key())(receive)


def follow_dead_letters(
    router: RabbitRouter,
    topology: Topology,
    service: str,
    message_type: type[M],
    handle: Callable[[M, str], Awaitable[None]],
) -> None:
    """Call ``handle(message, reason)`` for each ``message_type`` that ``service`` gave up on:
    dead-lettered at once (a failure that will not pass), after the retry budget, or by the
    broker at the delivery limit.

    It reads a copy (:meth:`Topology.dead_letter_copy_queue`): the dead letter itself stays in
    the dead-letter queue for an operator to inspect and replay, and a replayed message keeps
    its id, so ``handle`` should be idempotent too. A message that failed in this very queue is
    skipped, so that a ``handle`` that keeps failing cannot feed itself.
    """
    queue = topology.dead_letter_copy_queue(service, message_type.name)

    async def receive(message: RabbitMessage) -> None:
        headers = message.headers or {}
        if headers.get("message_type") != message_type.__name__:
            return
        if headers.get(QUEUE) == queue.name:
            logger.error("dead letter of a dead-letter follower left to the operator")
            return
        reason = headers.get(REASON) or headers.get("x-first-death-reason") or "dead-lettered"
        await handle(message_type.model_validate_json(message.body), str(reason))

    receive.__name__ = receive.__qualname__ = f"{message_type.__name__}_dead_letter"
    router.subscriber(
        queue, topology.dead_letter_exchange, title=f"{service}.dead.{message_type.name}"
    )(receive)
