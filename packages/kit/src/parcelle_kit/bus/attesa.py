"""Command queues that exist before their consumer: messages wait in them, they do not vanish.

The bus publishes with ``mandatory=False`` (an event nobody follows yet is not an error), so a
command sent to a service that declared no queue for it would be dropped by the exchange. A
service that owns a command but does not handle it yet (its handler lands later) declares the
queue at start with :func:`declare_waiting`: the same durable quorum queue, with the same
arguments and binding, that its subscriber will consume from, so once the handler exists it
finds every command sent meanwhile. Until then the queue holds them; an operator can count
them (``rabbitmqctl list_queues``) and nothing expires.

A service names those commands in its :class:`~parcelle_kit.service.ServiceDefinition`
(``waiting=(InviaComunicazione,)``) and the runtime declares them at start.
"""

from collections.abc import Iterable

from faststream.rabbit import RabbitBroker

from parcelle_contracts.envelope import Message
from parcelle_kit.bus.topology import Topology


async def declare_waiting(
    broker: RabbitBroker,
    topology: Topology,
    service: str,
    messages: Iterable[type[Message]],
) -> list[str]:
    """Declare and bind ``service``'s queues for ``messages`` without consuming them.

    Returns the queue names. Only the owner of a message declares its queue (a ``ValueError``
    otherwise): the queue's dead letters go to the owner's dead-letter queue. Connects the
    broker if needed (connecting is idempotent). Declaring again is harmless, as long as the
    arguments are the same.
    """
    kinds = list(messages)
    for message in kinds:
        if message.owner != service:
            raise ValueError(
                f"{message.__name__} is owned by {message.owner!r}: only its owner declares "
                f"its queue, not {service!r}"
            )
    await broker.connect()
    exchange = await broker.declare_exchange(topology.exchange)
    names = []
    for message in kinds:
        routing_key = message.routing_key()
        spec = topology.queue(service, message.name, routing_key=routing_key)
        queue = await broker.declare_queue(spec)
        await queue.bind(exchange, routing_key=routing_key)
        names.append(spec.name)
    return names
