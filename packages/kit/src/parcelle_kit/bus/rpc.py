"""Request/reply between processes, many requests in flight at once.

Each process that asks questions owns one exclusive, auto-deleted reply queue. A request is
published through the broker (so it is traced and confirmed like any message) with
``reply_to`` set to that queue and a correlation id of its own; the answering subscriber's
return value comes back with the same correlation id and completes the waiting future.

FastStream's own ``broker.request`` holds one lock per broker for the whole round trip, which
would let a gateway serve one request at a time.
"""

import asyncio
from typing import Any

from faststream.rabbit import RabbitBroker, RabbitMessage, RabbitQueue

from parcelle_contracts.ids import new_id
from parcelle_kit.bus.topology import Topology


class RequestTimeoutError(Exception):
    """Nobody answered in time."""


class RpcClient:
    """Sends requests and waits for their replies; register before the broker starts."""

    def __init__(self, broker: RabbitBroker, topology: Topology, process: str) -> None:
        self._broker = broker
        self._topology = topology
        self._pending: dict[str, asyncio.Future[bytes]] = {}
        self.reply_queue = f"{topology.namespace}.{process}.replies.{new_id()}"
        queue = RabbitQueue(self.reply_queue, durable=False, exclusive=True, auto_delete=True)

        @broker.subscriber(queue, no_reply=True, include_in_schema=False)
        async def on_reply(message: RabbitMessage) -> None:
            waiting = self._pending.pop(message.correlation_id, None)
            if waiting is not None and not waiting.done():
                waiting.set_result(message.body)

    async def request(
        self,
        body: dict[str, Any],
        *,
        routing_key: str,
        timeout: float,
        headers: dict[str, str] | None = None,
        message_id: str | None = None,
    ) -> bytes:
        """Publish ``body`` to the internal exchange and return the raw reply body."""
        request_id = new_id()
        waiting: asyncio.Future[bytes] = asyncio.get_running_loop().create_future()
        self._pending[request_id] = waiting
        try:
            async with asyncio.timeout(timeout):
                await self._broker.publish(
                    body,
                    exchange=self._topology.exchange,
                    routing_key=routing_key,
                    reply_to=self.reply_queue,
                    correlation_id=request_id,
                    message_id=message_id or request_id,
                    headers=dict(headers or {}),
                    mandatory=False,
                    timeout=timeout,
                )
                return await waiting
        except TimeoutError:
            raise RequestTimeoutError(routing_key) from None
        finally:
            self._pending.pop(request_id, None)
