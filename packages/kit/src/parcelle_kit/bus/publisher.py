"""Publishing with confirms: a message counts as sent only when the broker has taken it."""

from aio_pika.abc import HeadersType
from faststream.rabbit import RabbitBroker

from parcelle_contracts.envelope import Message
from parcelle_kit.bus.outgoing import Outgoing
from parcelle_kit.bus.topology import Topology

CONFIRM_TIMEOUT = 10.0


class Publisher:
    """Sends messages to the installation's exchanges, persistent and with explicit ids."""

    def __init__(self, broker: RabbitBroker, topology: Topology) -> None:
        self._broker = broker
        self._topology = topology

    async def publish(self, message: Message) -> None:
        """Publish a message directly (no outbox): for senders that hold no state."""
        await self.send(Outgoing.of(message))

    async def send(self, outgoing: Outgoing) -> None:
        """Publish and wait for the broker's confirm; raises if the broker refuses it."""
        headers: HeadersType = dict(outgoing.headers)
        await self._broker.publish(
            outgoing.body.encode(),
            exchange=self._topology.exchange_for(outgoing.exchange),
            routing_key=outgoing.routing_key,
            message_id=outgoing.message_id,
            correlation_id=outgoing.correlation_id,
            headers=headers,
            content_type="application/json",
            persist=True,
            # An event nobody subscribes to yet is not an error: its consumers declare their
            # own queues, and public consumers come and go.
            mandatory=False,
            timeout=CONFIRM_TIMEOUT,
        )
