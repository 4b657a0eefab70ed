"""Following a message nobody waits an answer for: an event, or a command sent and forgotten."""

from collections.abc import Awaitable, Callable
from typing import Any, TypeVar

from faststream.rabbit import RabbitRouter

from parcelle_contracts.envelope import Message
from parcelle_kit.bus.topology import Topology

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
