"""Leftovers of interrupted runs are cleared, and never what a live run is using."""

import asyncio
import time

import aio_pika
import pytest

from parcelle_testing.avanzi import TIMEOUTS_OF_AGE, clear_leftovers, new_namespace, stale

NOW = 1_800_000_000.0
TEST_TIMEOUT = 300.0
MAX_AGE_SECONDS = TIMEOUTS_OF_AGE * TEST_TIMEOUT


def test_a_namespace_says_when_it_was_made_and_is_stale_only_long_after_any_test() -> None:
    fresh = new_namespace(NOW)
    old = new_namespace(NOW - MAX_AGE_SECONDS - 1)
    assert len(fresh) == 15
    assert fresh.startswith("t")
    names = [f"{fresh}.istanze.x", fresh, f"{old}.istanze.x", f"{old}.dlx", "parcelle.istanze.x"]
    assert stale(names, NOW, MAX_AGE_SECONDS) == sorted([f"{old}.istanze.x", f"{old}.dlx"])
    assert stale([f"{new_namespace(NOW - MAX_AGE_SECONDS + 60)}.q"], NOW, MAX_AGE_SECONDS) == []


def test_the_older_form_is_always_a_leftover_and_other_names_never_are() -> None:
    names = ["t0123456789.firma.y", "t0123456789", "tabc.q", "parcelle.t0123456789", "x.y"]
    assert stale(names, NOW, MAX_AGE_SECONDS) == ["t0123456789", "t0123456789.firma.y"]


@pytest.mark.integration
async def test_the_broker_loses_the_stale_queues_and_keeps_the_live_ones(amqp_url: str) -> None:
    old = f"{new_namespace(time.time() - MAX_AGE_SECONDS - 60)}.prova"
    live = f"{new_namespace()}.prova"
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        for name in (old, live):
            await channel.declare_queue(name, durable=True, arguments={"x-expires": 600_000})
        try:
            assert await asyncio.to_thread(clear_leftovers, amqp_url, TEST_TIMEOUT) >= 1
            kept = await channel.declare_queue(live, passive=True)
            assert kept.name == live
            with pytest.raises(aio_pika.exceptions.ChannelClosed):
                await channel.declare_queue(old, passive=True)
        finally:
            channel = await connection.channel()
            for name in (old, live):
                await channel.queue_delete(name)
