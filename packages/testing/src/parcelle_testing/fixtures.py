"""Pytest fixtures shared by every test suite of the workspace (loaded by the root conftest).

Tests that need RabbitMQ use the real broker at ``PARCELLE_TEST_AMQP_URL`` (default: the local
one). Each test gets its own bus namespace, so its exchanges and queues never meet another
test's; both are deleted when the test ends.
"""

import asyncio
import os
import socket
import time
from collections import Counter
from collections.abc import AsyncIterator, Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aio_pika
import pytest
from opentelemetry.sdk.trace import TracerProvider

from parcelle_kit.bus import Publisher, RpcClient, build_broker, declare_exchanges, topology_of
from parcelle_kit.bus.topology import EXPIRING_QUEUES, Topology
from parcelle_kit.cli.processes import load_process
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.settings import Settings
from parcelle_testing.avanzi import clear_leftovers, new_namespace
from parcelle_testing.comando import free_port

AMQP_URL = os.environ.get("PARCELLE_TEST_AMQP_URL", "amqp://guest:guest@127.0.0.1:5672/")
TEST_QUEUE_EXPIRY_MS = 120_000
CLEARED: list[int] = []
"""How many queues that interrupted runs had left were deleted when this run began."""


def _broker_answers(url: str, patience: float = 90.0) -> bool:
    """Whether the broker completes an AMQP handshake, waiting up to ``patience`` seconds for
    one that accepts connections but stalls (busy expiring queues, say) to answer again."""
    parts = urlsplit(url)
    try:
        with socket.create_connection((parts.hostname or "127.0.0.1", parts.port or 5672), 2):
            pass
    except OSError:
        return False

    async def handshake() -> bool:
        deadline = time.monotonic() + patience
        while True:
            try:
                connection = await asyncio.wait_for(aio_pika.connect(url), timeout=10)
            except (OSError, TimeoutError, aio_pika.exceptions.AMQPError):
                if time.monotonic() > deadline:
                    return False
                await asyncio.sleep(2)
            else:
                await connection.close()
                return True

    return asyncio.run(handshake())


@pytest.fixture(scope="session")
def amqp_url(pytestconfig: pytest.Config) -> str:
    """The real RabbitMQ's URL; the test fails (not skips) when it does not answer. What
    interrupted runs left on it is cleared first (:func:`clear_leftovers`, by pytest-timeout's
    limit)."""
    if not _broker_answers(AMQP_URL):
        pytest.fail(
            f"RabbitMQ does not answer at {urlsplit(AMQP_URL).netloc.split('@')[-1]}: start it "
            "with `rabbitmq-server -detached` (or, if it runs, see `rabbitmq-diagnostics "
            "status`) or set PARCELLE_TEST_AMQP_URL",
            pytrace=False,
        )
    CLEARED.append(clear_leftovers(AMQP_URL, float(pytestconfig.getini("timeout"))))
    return AMQP_URL


SPAWNING: set[str] = set()
"""Namespaces of the tests that started processes of their own (they asked for settings_env)."""
QUEUE_SUFFIXES: set[str] = set()
"""Every queue name seen in the session, without its namespace."""


@pytest.fixture
async def bus_namespace(amqp_url: str) -> AsyncIterator[str]:
    """A namespace of exchanges and queues of this test's own, deleted when the test ends.

    The queues made in this process are known by name. Those of the processes the test started
    are not, so every queue name seen in the session is tried in its namespace (deleting a queue
    that does not exist does nothing). The queues' expiry is only a safety net for an
    interrupted run: the broker stalls while it expires many quorum queues at once.
    """
    namespace = new_namespace()
    yield namespace
    prefix = f"{namespace}."
    names = {name for name in EXPIRING_QUEUES if name.startswith(prefix)}
    QUEUE_SUFFIXES.update(name.removeprefix(prefix) for name in names)
    if namespace in SPAWNING:
        SPAWNING.discard(namespace)
        names |= {prefix + suffix for suffix in QUEUE_SUFFIXES}
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        for name in sorted(names):
            await channel.queue_delete(name)
            EXPIRING_QUEUES.discard(name)
        for exchange in Topology(namespace=namespace).exchanges:
            await channel.exchange_delete(exchange.name)


@pytest.fixture
def settings_values(tmp_path: Path, amqp_url: str, bus_namespace: str) -> dict[str, Any]:
    """Keyword arguments for any Settings class: this test's broker namespace and var dir."""
    return {
        "env": "development",
        "amqp_url": amqp_url,
        "bus_namespace": bus_namespace,
        "queue_expires_ms": TEST_QUEUE_EXPIRY_MS,
        "delivery_limit": 2,
        "var_dir": tmp_path / "var",
        "store": "sqlite",
        "blob": "filesystem",
        "graceful_timeout": 3.0,
        "log_format": "json",
        # No mail of a test reaches a developer's own SMTP sink on the default port: a test
        # that sends mail starts its own server and says where it is.
        "smtp_port": free_port(),
    }


@pytest.fixture
def settings_env(settings_values: dict[str, Any]) -> dict[str, str]:
    """The same settings as environment variables, for processes the test starts."""
    SPAWNING.add(settings_values["bus_namespace"])
    env = {key: value for key, value in os.environ.items() if not key.startswith("PARCELLE_")}
    env.update({f"PARCELLE_{key.upper()}": str(value) for key, value in settings_values.items()})
    return env


StartServices = Callable[..., Awaitable[list[Runtime[Any]]]]
"""``await start_services("istanze", "firma", **runtime_options)``: the started runtimes."""


@pytest.fixture
async def start_services(settings_values: dict[str, Any]) -> AsyncIterator[StartServices]:
    """Start services by name in this process, loaded as ``parcelle run`` loads them, on this
    test's settings; each is stopped after the test, the last started first."""
    started: list[Runtime[Any]] = []

    async def start(*names: str, **runtime_options: Any) -> list[Runtime[Any]]:
        runtimes = []
        for name in names:
            definition = load_process(name)
            assert isinstance(definition, ServiceDefinition)
            settings = definition.settings_cls(**settings_values)
            runtime = await Runtime.start(definition, settings, **runtime_options)
            started.append(runtime)
            runtimes.append(runtime)
        return runtimes

    yield start
    for runtime in reversed(started):
        await runtime.stop()


@dataclass
class BusClient:
    """A process of the test's own on the bus: it asks as the gateway does and publishes as a
    service does."""

    rpc: RpcClient
    publisher: Publisher


@pytest.fixture
async def bus_client(settings_values: dict[str, Any]) -> AsyncIterator[BusClient]:
    """A client on its own connection to the test's bus namespace."""
    settings = Settings(**settings_values)
    topology = topology_of(settings)
    broker = build_broker(settings, process="test", tracer_provider=TracerProvider())
    rpc = RpcClient(broker, topology, "test")
    await broker.connect()
    await declare_exchanges(broker, topology)
    await broker.start()
    yield BusClient(rpc, Publisher(broker, topology))
    await broker.stop()


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter) -> None:
    """Skipped tests grouped by reason, so what was not run is visible at a glance."""
    if any(CLEARED):
        terminalreporter.write_line(f"deleted {sum(CLEARED)} queues left by interrupted runs")
    reasons: Counter[str] = Counter()
    for report in terminalreporter.stats.get("skipped", []):
        longrepr = report.longrepr
        if isinstance(longrepr, tuple):
            reasons[str(longrepr[2]).removeprefix("Skipped: ")] += 1
    if reasons:
        terminalreporter.section("not run")
        for reason, count in reasons.most_common():
            terminalreporter.write_line(f"{count:5d} skipped: {reason}")
