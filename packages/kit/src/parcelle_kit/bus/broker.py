"""The broker factory: one configured FastStream RabbitBroker per process."""

import logging

from faststream.middlewares import AckPolicy
from faststream.rabbit import Channel, RabbitBroker, RabbitRouter
from faststream.rabbit.opentelemetry import RabbitTelemetryMiddleware
from opentelemetry.metrics import Meter
from opentelemetry.sdk.trace import TracerProvider

from parcelle_kit.bus.middleware import MessageContext
from parcelle_kit.bus.retry import Failures, RetryPolicy
from parcelle_kit.bus.topology import Topology
from parcelle_kit.settings import Settings

PREFETCH = 16
"""Unacknowledged messages per consumer: enough to keep a replica busy, few enough that the
others get work too."""

CONNECT_TIMEOUT = 5.0


ACK_POLICY = AckPolicy.NACK_ON_ERROR
"""A handler that raises gets its message nacked and requeued; the quorum queue counts the
deliveries and dead-letters the message at the limit."""


def router() -> RabbitRouter:
    """A router for a service's subscribers.

    The ack policy is set on the router too: FastStream 0.7 does not pass the broker's policy
    down to subscribers declared on routers, which would then reject (dead-letter) a message on
    its first failure instead of retrying it.
    """
    return RabbitRouter(ack_policy=ACK_POLICY)


def topology_of(settings: Settings) -> Topology:
    return Topology(
        namespace=settings.bus_namespace,
        delivery_limit=settings.delivery_limit,
        queue_expires_ms=settings.queue_expires_ms,
    )


def retry_policy(settings: Settings) -> RetryPolicy:
    return RetryPolicy(
        initial=settings.retry_initial_seconds,
        maximum=settings.retry_max_seconds,
        budget=settings.retry_budget_seconds,
    )


def build_broker(
    settings: Settings,
    *,
    process: str,
    tracer_provider: TracerProvider,
    meter: Meter | None = None,
) -> RabbitBroker:
    """A broker with publisher confirms, tracing, log context, :data:`ACK_POLICY`, and the
    retries and dead letters of :mod:`parcelle_kit.bus.retry` for what its consumers fail."""
    failures = Failures(topology_of(settings), retry_policy(settings), process, meter=meter)
    broker = RabbitBroker(
        settings.amqp_url.get_secret_value(),
        timeout=CONNECT_TIMEOUT,
        graceful_timeout=settings.graceful_timeout,
        ack_policy=ACK_POLICY,
        default_channel=Channel(prefetch_count=PREFETCH, publisher_confirms=True),
        app_id=f"parcelle-{process}",
        middlewares=(
            RabbitTelemetryMiddleware(tracer_provider=tracer_provider),
            MessageContext(failures),
        ),
        logger=logging.getLogger("parcelle.bus"),
    )
    failures.attach(broker)
    return broker


async def declare_exchanges(broker: RabbitBroker, topology: Topology) -> None:
    """Declare the three exchanges (idempotent).

    Every process does this before publishing: publishing to an exchange that does not exist
    yet would close the channel, and the gateway may start before any service.
    """
    for exchange in (topology.exchange, topology.public_exchange, topology.dead_letter_exchange):
        await broker.declare_exchange(exchange)


async def declare_retries(broker: RabbitBroker, topology: Topology, policy: RetryPolicy) -> None:
    """Declare the wait exchange and one wait queue per retry delay of ``policy``."""
    exchange = await broker.declare_exchange(topology.wait_exchange)
    for delay_ms in policy.tiers_ms():
        queue = await broker.declare_queue(topology.wait_queue(delay_ms))
        await queue.bind(exchange, routing_key=topology.wait_key(delay_ms))


async def declare_dead_letters(broker: RabbitBroker, topology: Topology, service: str) -> None:
    """Declare ``service``'s dead-letter queue, bound to the dead-letter exchange."""
    exchange = await broker.declare_exchange(topology.dead_letter_exchange)
    queue = await broker.declare_queue(topology.dead_letter_queue(service))
    await queue.bind(exchange, routing_key=service)
