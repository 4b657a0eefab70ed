"""Looking at queues from the outside, as an operator would."""

import asyncio
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager

import aio_pika
from aio_pika.abc import AbstractChannel, AbstractIncomingMessage, AbstractQueue

from parcelle_kit.bus import Topology


@asynccontextmanager
async def channel(amqp_url: str) -> AsyncIterator[AbstractChannel]:
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        yield await connection.channel()


async def bind_probe_queue(
    ch: AbstractChannel, topology: Topology, routing_key: str, *, name: str = "probe.tap"
) -> AbstractQueue:
    """A quorum queue of the test's own, bound to the internal exchange."""
    spec = topology.queue("probe", name, routing_key=routing_key)
    exchange = await ch.declare_exchange(
        topology.exchange.name, aio_pika.ExchangeType.TOPIC, durable=True
    )
    queue = await ch.declare_queue(spec.name, durable=True, arguments=spec.arguments)
    await queue.bind(exchange, routing_key)
    return queue


async def message_count(ch: AbstractChannel, name: str) -> int:
    queue = await ch.declare_queue(name, passive=True)
    count = queue.declaration_result.message_count
    assert count is not None
    return count


async def drain(queue: AbstractQueue, *, settle: float = 0.5) -> list[AbstractIncomingMessage]:
    """Every message in the queue, acknowledged, waiting ``settle`` s for late arrivals."""
    taken: list[AbstractIncomingMessage] = []
    while True:
        message = await queue.get(fail=False, timeout=5)
        if message is None:
            await asyncio.sleep(settle)
            message = await queue.get(fail=False, timeout=5)
            if message is None:
                return taken
        await message.ack()
        taken.append(message)


async def wait_for(condition: Callable[[], object], *, timeout: float = 10.0) -> None:
    """Poll a zero-argument callable until it is truthy."""
    async with asyncio.timeout(timeout):
        while not condition():
            await asyncio.sleep(0.05)


async def wait_for_count(
    ch: AbstractChannel, queue: str, count: int, timeout: float = 10.0
) -> None:
    """Wait until ``queue`` holds exactly ``count`` ready messages."""
    last = -1
    try:
        async with asyncio.timeout(timeout):
            while (last := await message_count(ch, queue)) != count:
                await asyncio.sleep(0.05)
    except TimeoutError:
        raise AssertionError(f"{queue} holds {last} messages, expected {count}") from None
