"""Running a service process: the composition root every service shares.

A service describes itself with a :class:`ServiceDefinition` (its name, settings class, the
indexes of its store and a function that builds its subscribers); :class:`Runtime` builds the
stores, the broker, the outbox relay and the idempotent consumer from settings, answers the
``ping`` query, and shuts everything down in order. Nothing happens at import time.
"""

import asyncio
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from importlib.metadata import PackageNotFoundError, version
from typing import Generic, Protocol, TypeVar

from faststream.rabbit import RabbitBroker, RabbitRouter
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider

from parcelle_contracts.common import TRANSFER_AREA
from parcelle_contracts.envelope import Message
from parcelle_contracts.ping import Ping, PingReply
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.bus import (
    Publisher,
    RpcClient,
    Topology,
    build_broker,
    declare_dead_letters,
    declare_exchanges,
    declare_retries,
    retry_policy,
    topology_of,
)
from parcelle_kit.bus import router as bus_router
from parcelle_kit.bus.attesa import declare_waiting
from parcelle_kit.consumer import IdempotentConsumer
from parcelle_kit.logging import configure_logging, get_logger
from parcelle_kit.outbox import OutboxRelay
from parcelle_kit.settings import Settings
from parcelle_kit.store.ports import DocumentStore, Index
from parcelle_kit.stores import build_blob_store, build_document_store
from parcelle_kit.telemetry import build_tracer_provider

S = TypeVar("S", bound=Settings)
logger = get_logger(__name__)


class Process(Protocol):
    """Anything ``parcelle run`` can run: a service, or the gateway."""

    name: str

    async def run(self, stop: asyncio.Event) -> None:
        """Serve until ``stop`` is set, then shut down cleanly."""
        ...


def package_version(distribution: str) -> str:
    try:
        return version(distribution)
    except PackageNotFoundError:  # running from a source tree that was never installed
        return "0+unknown"


@dataclass(frozen=True)
class ServiceDefinition(Generic[S]):
    """What makes one service different from the others."""

    name: str
    settings_cls: type[S]
    wire: Callable[["Runtime[S]"], RabbitRouter]
    """Builds the service's subscribers (its ``entrypoints``) over the runtime's ports."""
    indexes: Sequence[Index] = ()
    waiting: Sequence[type[Message]] = ()
    """Commands the service owns but does not handle yet: their queues are declared at start,
    so they wait there (see :mod:`parcelle_kit.bus.attesa`)."""

    async def run(self, stop: asyncio.Event) -> None:
        runtime = await Runtime.start(self, self.settings_cls())
        try:
            await stop.wait()
        finally:
            await runtime.stop()


@dataclass
class Runtime(Generic[S]):
    """The live parts of one service process."""

    name: str
    version: str
    settings: S
    topology: Topology
    tracer_provider: TracerProvider
    store: DocumentStore
    blobs: BlobStore
    broker: RabbitBroker
    publisher: Publisher
    relay: OutboxRelay
    consumer: IdempotentConsumer
    rpc: RpcClient
    transfer: BlobStore
    """The blob area where processes leave payloads for each other (claim checks)."""
    _relay_task: asyncio.Task[None] | None = field(default=None, repr=False)
    _on_start: list[Callable[[], Awaitable[object]]] = field(default_factory=list, repr=False)
    _on_stop: list[Callable[[], Awaitable[object]]] = field(default_factory=list, repr=False)

    def on_start(self, callback: Callable[[], Awaitable[object]]) -> None:
        """Run ``callback`` at start, after the stores open and before messages flow.

        For what a service's subscribers need running (a PDF renderer, a demo PKI); register
        it while wiring the subscribers.
        """
        self._on_start.append(callback)

    async def run_start_hooks(self) -> None:
        """Run what :meth:`on_start` registered, in order (``start`` does; tests may too)."""
        for callback in self._on_start:
            await callback()

    def on_stop(self, callback: Callable[[], Awaitable[object]]) -> None:
        """Run ``callback`` at stop, after the last message is handled (reverse order)."""
        self._on_stop.append(callback)

    @classmethod
    def build(
        cls,
        definition: ServiceDefinition[S],
        settings: S,
        *,
        span_processors: tuple[SpanProcessor, ...] = (),
    ) -> "Runtime[S]":
        """Build every part from settings; nothing is connected yet."""
        tracer_provider = build_tracer_provider(definition.name, processors=span_processors)
        store = build_document_store(settings, definition.name)
        topology = topology_of(settings)
        broker = build_broker(settings, process=definition.name, tracer_provider=tracer_provider)
        publisher = Publisher(broker, topology)
        relay = OutboxRelay(store, publisher.send)
        runtime = cls(
            name=definition.name,
            version=package_version(f"parcelle-{definition.name}"),
            settings=settings,
            topology=topology,
            tracer_provider=tracer_provider,
            store=store,
            blobs=build_blob_store(settings, definition.name),
            broker=broker,
            publisher=publisher,
            relay=relay,
            consumer=IdempotentConsumer(store, relay),
            rpc=RpcClient(broker, topology, definition.name),
            transfer=build_blob_store(settings, TRANSFER_AREA),
        )
        broker.include_router(runtime._ping_router())
        broker.include_router(definition.wire(runtime))
        return runtime

    @classmethod
    async def start(
        cls,
        definition: ServiceDefinition[S],
        settings: S,
        *,
        span_processors: tuple[SpanProcessor, ...] = (),
    ) -> "Runtime[S]":
        """Configure logging, open the stores, connect and start consuming."""
        configure_logging(definition.name, level=settings.log_level, fmt=settings.log_format)
        runtime = cls.build(definition, settings, span_processors=span_processors)
        await runtime.store.open(definition.indexes)
        await runtime.blobs.open()
        await runtime.transfer.open()
        await runtime.run_start_hooks()
        await runtime.broker.connect()
        await declare_exchanges(runtime.broker, runtime.topology)
        await declare_dead_letters(runtime.broker, runtime.topology, runtime.name)
        await declare_retries(runtime.broker, runtime.topology, retry_policy(settings))
        await declare_waiting(runtime.broker, runtime.topology, runtime.name, definition.waiting)
        await runtime.broker.start()
        runtime._relay_task = asyncio.create_task(runtime.relay.run(), name="outbox-relay")
        logger.info("service started", version=runtime.version, store=runtime.store.kind)
        return runtime

    async def stop(self) -> None:
        """Stop consuming and finish the messages in flight (up to the graceful timeout),
        publish the events they staged, then close everything."""
        logger.info("service stopping")
        await asyncio.gather(*(subscriber.stop() for subscriber in self.broker.subscribers))
        await self._stop_relay()
        await self.broker.stop()
        for callback in reversed(self._on_stop):
            await callback()
        await self.store.close()
        await self.blobs.close()
        await self.transfer.close()
        self.tracer_provider.shutdown()
        logger.info("service stopped")

    async def _stop_relay(self) -> None:
        """Let the relay publish what is staged while the connection is still open; what it
        cannot publish within the graceful timeout waits in the outbox for the next start."""
        if self._relay_task is None:
            return
        self.relay.stop()
        try:
            await asyncio.wait_for(self._relay_task, self.settings.graceful_timeout)
        except Exception:
            logger.warning("outbox not drained at shutdown; the next start publishes the rest")

    def _ping_router(self) -> RabbitRouter:
        subscribers = bus_router()

        @subscribers.subscriber(
            self.topology.query_queue(self.name, Ping.name),
            self.topology.exchange,
            title=f"{self.name}.ping",
        )
        async def ping(_: Ping) -> PingReply:
            return PingReply(
                service=self.name,
                version=self.version,
                stores={"documenti": self.store.kind, "blob": self.blobs.kind},
                ready=await self.store.ping(),
            )

        return subscribers
