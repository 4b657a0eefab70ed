"""Exchanges and queues: the shape of the bus described in ARCHITECTURE.md.

- ``<ns>``: topic exchange for internal commands and events (``<owner>.<kind>.<name>``);
- ``<ns>.public``: topic exchange of the public case-status events;
- ``<ns>.dlx``: direct exchange receiving what a service's queues dead-letter, routed by
  service name to ``<ns>.<service>.dead``;
- ``<ns>.wait``: direct exchange of the wait queues ``<ns>.wait.<ms>ms``, one per retry delay,
  whose messages expire into the default exchange and so back to the queue named in their
  ``CC`` header (see :mod:`parcelle_kit.bus.retry`).

Every queue is a durable quorum queue with a delivery limit: a message that keeps failing is
dead-lettered once the limit is reached, so it neither loops nor vanishes.
"""

from dataclasses import dataclass

from faststream.rabbit import ExchangeType, QueueType, RabbitExchange, RabbitQueue
from faststream.rabbit.schemas.queue import QuorumQueueArgs

from parcelle_contracts.envelope import ExchangeRole
from parcelle_contracts.routing import query_key

QUERY_TTL_MS = 10_000
"""A query nobody answered within this time is dropped: its asker has long given up."""

EXPIRING_QUEUES: set[str] = set()
"""Names of the queues made with an expiry (tests only), so that a test deletes its own queues
when it ends: a broker left to expire many quorum queues at once stalls for tens of seconds,
refusing new connections meanwhile."""


@dataclass(frozen=True)
class Topology:
    """Names and arguments of the exchanges and queues of one installation."""

    namespace: str = "parcelle"
    delivery_limit: int = 5
    queue_expires_ms: int | None = None
    """Only for tests: let the broker delete queues nobody has used for this long."""

    @property
    def exchange(self) -> RabbitExchange:
        return RabbitExchange(self.namespace, type=ExchangeType.TOPIC, durable=True)

    @property
    def public_exchange(self) -> RabbitExchange:
        return RabbitExchange(f"{self.namespace}.public", type=ExchangeType.TOPIC, durable=True)

    @property
    def dead_letter_exchange(self) -> RabbitExchange:
        return RabbitExchange(f"{self.namespace}.dlx", type=ExchangeType.DIRECT, durable=True)

    @property
    def wait_exchange(self) -> RabbitExchange:
        return RabbitExchange(f"{self.namespace}.wait", type=ExchangeType.DIRECT, durable=True)

    @property
    def exchanges(self) -> tuple[RabbitExchange, ...]:
        """Every exchange of the installation (what a test or a benchmark deletes after it)."""
        return (
            self.exchange,
            self.public_exchange,
            self.dead_letter_exchange,
            self.wait_exchange,
        )

    @staticmethod
    def wait_key(delay_ms: int) -> str:
        """The wait queue's binding key: never a queue's name, so that an expired message is
        routed by its ``CC`` header alone."""
        return f"wait-{delay_ms}ms"

    def wait_queue(self, delay_ms: int) -> RabbitQueue:
        """Where a message waits ``delay_ms`` (its own expiration, near that) before it goes
        back to its queue; no consumer ever reads it."""
        arguments: QuorumQueueArgs = {
            "x-dead-letter-exchange": "",
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        }
        return self._quorum(
            f"{self.namespace}.wait.{delay_ms}ms", self.wait_key(delay_ms), arguments
        )

    def exchange_for(self, role: ExchangeRole) -> RabbitExchange:
        return self.public_exchange if role == "public" else self.exchange

    def queue(self, service: str, name: str, *, routing_key: str) -> RabbitQueue:
        """The durable quorum queue through which ``service`` consumes ``routing_key``."""
        arguments: QuorumQueueArgs = {
            "x-delivery-limit": self.delivery_limit,
            "x-dead-letter-exchange": self.dead_letter_exchange.name,
            "x-dead-letter-routing-key": service,
            # at-least-once dead-lettering: a failed message is never lost on its way to the
            # dead-letter queue (needs reject-publish overflow).
            "x-dead-letter-strategy": "at-least-once",
            "x-overflow": "reject-publish",
        }
        return self._quorum(f"{self.namespace}.{service}.{name}", routing_key, arguments)

    def dead_letter_queue(self, service: str) -> RabbitQueue:
        """Where ``service``'s failed messages wait for an operator."""
        return self._quorum(f"{self.namespace}.{service}.dead", service, {})

    def dead_letter_copy_queue(self, service: str, name: str) -> RabbitQueue:
        """A second queue bound to ``service``'s dead letters: a copy of each, for the service
        to learn that one of its messages was given up (the dead-letter queue itself stays the
        operator's). It dead-letters nothing itself, so a failure there cannot loop."""
        return self._quorum(f"{self.namespace}.{service}.dead.{name}", service, {})

    def query_queue(self, service: str, name: str) -> RabbitQueue:
        """The queue of a request/reply query; unanswered queries expire, never dead-letter."""
        arguments: QuorumQueueArgs = {
            "x-delivery-limit": self.delivery_limit,
            "x-message-ttl": QUERY_TTL_MS,
        }
        key = query_key(service, name)
        return self._quorum(f"{self.namespace}.{key}", key, arguments)

    def _quorum(self, name: str, routing_key: str, arguments: QuorumQueueArgs) -> RabbitQueue:
        if self.queue_expires_ms is not None:
            arguments = {**arguments, "x-expires": self.queue_expires_ms}
            EXPIRING_QUEUES.add(name)
        return RabbitQueue(
            name,
            queue_type=QueueType.QUORUM,
            durable=True,
            arguments=arguments,
            routing_key=routing_key,
        )
