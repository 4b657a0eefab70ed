"""Idempotent consumers on the real broker, through a running service: a message handled
again (retried, published twice) has one effect. The probe service is in conftest.py."""

from collections.abc import Callable
from typing import Any

import pytest

from parcelle_kit.bus.retry import TransientError
from parcelle_kit.service import Runtime
from parcelle_kit.settings import Settings
from parcelle_testing.probe import FattoAvvenuto

from .conftest import QUEUE, Probe
from .helpers import channel, message_count, wait_for, wait_for_count

pytestmark = pytest.mark.integration


async def test_a_redelivery_is_acknowledged_without_a_second_effect(
    start_probe: Callable[..., Any],
    stop_later: list[Runtime[Settings]],
    amqp_url: str,
) -> None:
    probe = Probe(fail=lambda n: TransientError("the peer is away") if n == 1 else None)
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
    start_probe: Callable[..., Any], stop_later: list[Runtime[Settings]]
) -> None:
    probe = Probe(fail=lambda _: None)
    runtime = await start_probe(probe)
    stop_later.append(runtime)
    message = FattoAvvenuto(correlation_id="c1", ordine="DEMO", numero=7)
    await runtime.publisher.publish(message)
    await runtime.publisher.publish(message)
    await runtime.publisher.publish(FattoAvvenuto(correlation_id="c1", ordine="DEMO", numero=8))
    await wait_for(lambda: probe.deliveries >= 3)
    assert await probe.effects() == 2
