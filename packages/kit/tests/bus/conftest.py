"""The probe service of the bus tests: a service whose one handler counts its deliveries and
effects and fails as a test tells it to; started on the real broker with quick retries."""

import asyncio
from collections.abc import AsyncIterator, Callable
from typing import Any

import pytest
from faststream.rabbit import RabbitRouter

from parcelle_kit.bus import router
from parcelle_kit.consumer import Outcome
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.settings import Settings
from parcelle_kit.store.ports import Transaction
from parcelle_testing.probe import FattoAvvenuto

QUEUE = "fatto_avvenuto"


class Probe:
    """A service whose handler counts effects and can be told to fail."""

    def __init__(self, fail: Callable[[int], BaseException | None]) -> None:
        self.fail = fail
        self.deliveries = 0
        self.times: list[float] = []
        self.runtime: Runtime[Settings] | None = None

    def wire(self, runtime: Runtime[Settings]) -> RabbitRouter:
        subscribers = router()
        queue = runtime.topology.queue("probe", QUEUE, routing_key=FattoAvvenuto.routing_key())

        @subscribers.subscriber(queue, runtime.topology.exchange)
        async def on_fatto(message: FattoAvvenuto) -> None:
            self.deliveries += 1

            async def effect(tx: Transaction) -> Outcome:
                counter = await tx.get("effetti", "conteggio")
                if counter is None:
                    await tx.insert("effetti", {"_id": "conteggio", "n": 1})
                else:
                    counter["n"] += 1
                    await tx.update("effetti", counter)
                return Outcome()

            self.times.append(asyncio.get_running_loop().time())
            await runtime.consumer.handle(message, effect)
            failure = self.fail(self.deliveries)
            if failure is not None:
                # The effect is committed but the handling fails: exactly what a crash between
                # commit and acknowledgement looks like to the broker.
                raise failure

        return subscribers

    async def effects(self) -> int:
        assert self.runtime is not None
        counter = await self.runtime.store.run(lambda tx: tx.get("effetti", "conteggio"))
        return 0 if counter is None else int(counter["n"])


QUICK_RETRIES = {"retry_initial_seconds": 0.2, "retry_max_seconds": 1.0, "retry_budget_seconds": 3}
"""Retries a test can wait for: 0.2 s, 0.4 s, 0.8 s, 1 s."""


@pytest.fixture
def start_probe(settings_values: dict[str, Any]) -> Callable[..., Any]:
    async def start(probe: Probe, **settings: Any) -> Runtime[Settings]:
        definition = ServiceDefinition(name="probe", settings_cls=Settings, wire=probe.wire)
        values = {**settings_values, **QUICK_RETRIES, **settings}
        probe.runtime = await Runtime.start(definition, Settings(**values))
        return probe.runtime

    return start


@pytest.fixture
async def stop_later() -> AsyncIterator[list[Runtime[Settings]]]:
    runtimes: list[Runtime[Settings]] = []
    yield runtimes
    for runtime in runtimes:
        await runtime.stop()
