"""Idempotent consumers and dead-lettering on the real broker, through a running service."""

import json
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

from .helpers import channel, message_count, wait_for, wait_for_count

pytestmark = pytest.mark.integration
QUEUE = "fatto_avvenuto"


class Probe:
    """A service whose handler counts effects and can be told to fail."""

    def __init__(self, fail: Callable[[int], bool]) -> None:
        self.fail = fail
        self.deliveries = 0
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

            await runtime.consumer.handle(message, effect)
            if self.fail(self.deliveries):
                # The effect is committed but the message is not acknowledged: exactly what a
                # crash between commit and ack looks like to the broker.
                raise RuntimeError(f"failure after the effect, delivery {self.deliveries}")

        return subscribers

    async def effects(self) -> int:
        assert self.runtime is not None
        counter = await self.runtime.store.run(lambda tx: tx.get("effetti", "conteggio"))
        return 0 if counter is None else int(counter["n"])


@pytest.fixture
def start_probe(settings_values: dict[str, Any]) -> Callable[[Probe], Any]:
    async def start(probe: Probe) -> Runtime[Settings]:
        definition = ServiceDefinition(name="probe", settings_cls=Settings, wire=probe.wire)
        probe.runtime = await Runtime.start(definition, Settings(**settings_values))
        return probe.runtime

    return start


@pytest.fixture
async def stop_later() -> AsyncIterator[list[Runtime[Settings]]]:
    runtimes: list[Runtime[Settings]] = []
    yield runtimes
    for runtime in runtimes:
        await runtime.stop()


async def test_a_redelivery_is_acknowledged_without_a_second_effect(
    start_probe: Callable[[Probe], Any],
    stop_later: list[Runtime[Settings]],
    amqp_url: str,
) -> None:
    probe = Probe(fail=lambda delivery: delivery == 1)
    runtime = await start_probe(probe)
    stop_later.append(runtime)
    await runtime.publisher.publish(FattoAvvenuto(correlation_id="c1", ordine="DEMO", numero=7))

    await wait_for(lambda: probe.deliveries >= 2)
    assert await probe.effects() == 1
    async with channel(amqp_url) as ch:
        await wait_for_count(ch, runtime.topology.queue("probe", QUEUE, routing_key="").name, 0)
        assert await message_count(ch, runtime.topology.dead_letter_queue("probe").name) == 0
    assert probe.deliveries == 2


async def test_the_same_message_published_twice_has_one_effect(
    start_probe: Callable[[Probe], Any], stop_later: list[Runtime[Settings]]
) -> None:
    probe = Probe(fail=lambda _: False)
    runtime = await start_probe(probe)
    stop_later.append(runtime)
    message = FattoAvvenuto(correlation_id="c1", ordine="DEMO", numero=7)
    await runtime.publisher.publish(message)
    await runtime.publisher.publish(message)
    await runtime.publisher.publish(FattoAvvenuto(correlation_id="c1", ordine="DEMO", numero=8))
    await wait_for(lambda: probe.deliveries >= 3)
    assert await probe.effects() == 2


async def test_a_poison_message_is_dead_lettered_after_the_limit_and_logged(
    start_probe: Callable[[Probe], Any],
    stop_later: list[Runtime[Settings]],
    amqp_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    probe = Probe(fail=lambda _: True)
    runtime = await start_probe(probe)
    stop_later.append(runtime)
    limit = runtime.settings.delivery_limit
    message = FattoAvvenuto(correlation_id="c1", ordine="DEMO", numero=9)
    await runtime.publisher.publish(message)

    dead_queue = runtime.topology.dead_letter_queue("probe").name
    async with channel(amqp_url) as ch:
        await wait_for_count(ch, dead_queue, 1)
        queue = await ch.declare_queue(dead_queue, passive=True)
        dead = await queue.get(timeout=5)
        assert dead.message_id == message.message_id
        assert dead.headers["x-first-death-reason"] == "delivery_limit"
        await dead.ack()
        await wait_for_count(ch, runtime.topology.queue("probe", QUEUE, routing_key="").name, 0)
    # Tried the first time and `limit` more times, then no more: it does not loop.
    assert probe.deliveries == limit + 1
    assert await probe.effects() == 1

    failures = [
        line
        for line in map(json.loads, filter(None, capsys.readouterr().err.splitlines()))
        if line.get("event") == "message handling failed"
    ]
    assert [line["attempt"] for line in failures] == list(range(1, limit + 2))
    assert [line["dead_lettered"] for line in failures] == [False] * limit + [True]
    assert {line["message_id"] for line in failures} == {message.message_id}
    assert all("RuntimeError" in json.dumps(line["exception"]) for line in failures)
