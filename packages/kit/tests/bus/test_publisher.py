"""What goes on the wire: persistent, confirmed, with the envelope's ids in the properties."""

import json

import aio_pika
import pytest
from opentelemetry.sdk.trace import TracerProvider
from pydantic import SecretStr

from parcelle_kit.bus import Publisher, Topology, build_broker
from parcelle_kit.settings import Settings
from parcelle_testing.probe import FattoAvvenuto

from .helpers import bind_probe_queue, channel, drain

pytestmark = pytest.mark.integration


async def test_published_messages_are_persistent_with_explicit_ids(
    amqp_url: str, bus_namespace: str
) -> None:
    settings = Settings(amqp_url=SecretStr(amqp_url), bus_namespace=bus_namespace)
    topology = Topology(namespace=bus_namespace, queue_expires_ms=120_000)
    broker = build_broker(settings, process="probe", tracer_provider=TracerProvider())
    await broker.connect()
    message = FattoAvvenuto(correlation_id="case-9", ordine="DEMO", numero=3)
    try:
        async with channel(amqp_url) as ch:
            tap = await bind_probe_queue(ch, topology, "probe.event.#")
            await Publisher(broker, topology).publish(message)
            (received,) = await drain(tap)
    finally:
        await broker.stop()
    assert received.delivery_mode == aio_pika.DeliveryMode.PERSISTENT
    assert received.message_id == message.message_id
    assert received.correlation_id == "case-9"
    assert received.routing_key == "probe.event.fatto_avvenuto"
    assert received.content_type == "application/json"
    assert received.headers["ordine"] == "DEMO"
    assert received.headers["message_type"] == "FattoAvvenuto"
    assert FattoAvvenuto.model_validate(json.loads(received.body)) == message
