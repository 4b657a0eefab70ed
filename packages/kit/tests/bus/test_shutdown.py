"""Stopping a service: the message in flight is finished, and the event it staged is published
before the connection closes, not left for the next start."""

import asyncio
import json
from typing import Any

import pytest
from faststream.rabbit import RabbitRouter

from parcelle_kit.bus import follow, router
from parcelle_kit.consumer import Outcome
from parcelle_kit.outbox import OUTBOX
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.settings import Settings
from parcelle_kit.store.ports import Transaction
from parcelle_testing.probe import FattoAvvenuto

from .helpers import bind_probe_queue, channel, drain

pytestmark = pytest.mark.integration


class SlowProbe:
    """Takes a while over each message, then stages the next fact."""

    def __init__(self) -> None:
        self.in_flight = asyncio.Event()

    def wire(self, runtime: Runtime[Settings]) -> RabbitRouter:
        subscribers = router()

        async def on_fatto(message: FattoAvvenuto) -> None:
            if message.numero != 1:
                return
            self.in_flight.set()
            await asyncio.sleep(1.0)
            seguito = FattoAvvenuto(
                correlation_id=message.correlation_id, ordine=message.ordine, numero=2
            )
            await runtime.consumer.handle(message, lambda tx: _staged(tx, seguito))

        follow(subscribers, runtime.topology, "probe", FattoAvvenuto, on_fatto)
        return subscribers


async def _staged(_: Transaction, event: FattoAvvenuto) -> Outcome:
    return Outcome(events=[event])


async def test_the_event_of_the_message_in_flight_is_published_before_closing(
    settings_values: dict[str, Any], amqp_url: str
) -> None:
    probe = SlowProbe()
    definition = ServiceDefinition(name="probe", settings_cls=Settings, wire=probe.wire)
    runtime = await Runtime.start(definition, Settings(**settings_values))
    async with channel(amqp_url) as ch:
        tap = await bind_probe_queue(ch, runtime.topology, FattoAvvenuto.routing_key())
        await runtime.publisher.publish(FattoAvvenuto(correlation_id="c", ordine="DEMO", numero=1))
        await asyncio.wait_for(probe.in_flight.wait(), 10)

        await runtime.stop()

        numeri = [json.loads(m.body)["numero"] for m in await drain(tap)]
    assert numeri == [1, 2]
    reopened = Runtime.build(definition, Settings(**settings_values))
    await reopened.store.open(definition.indexes)
    try:
        assert await reopened.store.run(lambda tx: tx.find(OUTBOX, {})) == []
    finally:
        await reopened.store.close()
