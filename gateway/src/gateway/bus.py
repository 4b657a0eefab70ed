"""The gateway's side of the bus: queries by request/reply, with timeouts that become errors.

The gateway holds no domain state: everything it shows it asks the owning service for, and
everything it changes it sends as a command to the owner.
"""

import asyncio
from typing import TypeVar

from faststream.rabbit import RabbitBroker
from pydantic import BaseModel, ValidationError

from parcelle_contracts.routing import query_key
from parcelle_kit.bus import Publisher, Topology

R = TypeVar("R", bound=BaseModel)


class ServiceUnavailableError(Exception):
    """The service did not answer in time, or answered with something unreadable."""

    def __init__(self, service: str, reason: str) -> None:
        super().__init__(f"{service}: {reason}")
        self.service = service
        self.reason = reason


class GatewayBus:
    """Request/reply to the services, and publishing commands."""

    def __init__(self, broker: RabbitBroker, topology: Topology) -> None:
        self.broker = broker
        self.topology = topology
        self.publisher = Publisher(broker, topology)

    async def ask(
        self, service: str, name: str, query: BaseModel, reply_type: type[R], *, timeout: float
    ) -> R:
        """Send ``query`` to ``service`` and return its typed reply within ``timeout`` seconds."""
        try:
            async with asyncio.timeout(timeout):
                message = await self.broker.request(
                    query.model_dump(mode="json"),
                    exchange=self.topology.exchange,
                    routing_key=query_key(service, name),
                    timeout=timeout,
                )
        except TimeoutError as error:
            raise ServiceUnavailableError(service, f"no answer within {timeout:g} s") from error
        try:
            return reply_type.model_validate_json(message.body)
        except ValidationError as error:
            raise ServiceUnavailableError(service, "unreadable reply") from error

    async def broker_alive(self, timeout: float) -> bool:
        return await self.broker.ping(timeout)
