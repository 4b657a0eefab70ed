"""Waiting queues: a command whose owner does not handle it yet waits in the owner's durable
queue, and the owner's later subscriber finds it there."""

from typing import Any, ClassVar

import pytest
from faststream.rabbit import RabbitRouter
from opentelemetry.sdk.trace import TracerProvider

from parcelle_contracts import Command
from parcelle_kit.bus import build_broker, router, topology_of
from parcelle_kit.bus.attesa import declare_waiting
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.settings import Settings

from .helpers import channel, message_count, wait_for, wait_for_count


class StampaLettera(Command):
    """A command owned by the probe service."""

    owner: ClassVar[str] = "probe"
    name: ClassVar[str] = "stampa_lettera"
    testo: str


async def test_only_the_owner_declares_a_waiting_queue(settings_values: dict[str, Any]) -> None:
    settings = Settings(**settings_values)
    broker = build_broker(settings, process="test", tracer_provider=TracerProvider())
    with pytest.raises(ValueError, match="owned by 'probe'"):
        await declare_waiting(broker, topology_of(settings), "altro", [StampaLettera])


@pytest.mark.integration
async def test_commands_wait_until_their_handler_exists(
    settings_values: dict[str, Any], amqp_url: str
) -> None:
    def in_attesa(runtime: Runtime[Settings]) -> RabbitRouter:
        runtime.on_start(
            lambda: declare_waiting(runtime.broker, runtime.topology, "probe", [StampaLettera])
        )
        return router()

    senza_handler = ServiceDefinition(name="probe", settings_cls=Settings, wire=in_attesa)
    runtime = await Runtime.start(senza_handler, Settings(**settings_values))
    try:
        for n in range(3):
            lettera = StampaLettera(correlation_id="c", ordine="DEMO", testo=f"lettera {n}")
            await runtime.publisher.publish(lettera)
        queue = runtime.topology.queue(
            "probe", StampaLettera.name, routing_key=StampaLettera.routing_key()
        )
        async with channel(amqp_url) as ch:
            await wait_for_count(ch, queue.name, 3)
    finally:
        await runtime.stop()

    ricevute: list[str] = []

    def con_handler(runtime: Runtime[Settings]) -> RabbitRouter:
        subscribers = router()

        @subscribers.subscriber(queue, runtime.topology.exchange)
        async def stampa(message: StampaLettera) -> None:
            ricevute.append(message.testo)

        return subscribers

    definition = ServiceDefinition(name="probe", settings_cls=Settings, wire=con_handler)
    runtime = await Runtime.start(definition, Settings(**settings_values))
    try:
        await wait_for(lambda: len(ricevute) == 3)
        assert sorted(ricevute) == ["lettera 0", "lettera 1", "lettera 2"]
        async with channel(amqp_url) as ch:
            await wait_for_count(ch, queue.name, 0)
            assert await message_count(ch, runtime.topology.dead_letter_queue("probe").name) == 0
    finally:
        await runtime.stop()
