"""The gateway's side of the bus: requests to the owning services, with timeouts that become
clear errors.

The gateway holds no domain state: everything it shows it asks the owning service for, and
everything it changes it sends as a command to the owner.
"""

from typing import Any, TypeVar

from faststream.rabbit import RabbitBroker
from pydantic import ValidationError

from parcelle_contracts.common import Attore, Errore, Esito
from parcelle_contracts.envelope import Message
from parcelle_contracts.ids import new_id
from parcelle_contracts.ping import Ping, PingReply
from parcelle_contracts.routing import query_key
from parcelle_kit.bus import RequestTimeoutError, RpcClient, Topology, declare_exchanges
from parcelle_kit.requests import ask

D = TypeVar("D")


class ServiceUnavailableError(Exception):
    """The service did not answer in time, or answered with something unreadable."""

    def __init__(self, service: str, reason: str) -> None:
        super().__init__(f"{service}: {reason}")
        self.service = service
        self.reason = reason


class RichiestaRifiutataError(Exception):
    """The owning service refused the request; ``errore`` says why."""

    def __init__(self, errore: Errore) -> None:
        super().__init__(errore.messaggio)
        self.errore = errore


class GatewayBus:
    """Requests to the services (:class:`~gateway.ports.BusPort`); registers its reply queue on
    the broker it is given, which it connects when the application starts."""

    def __init__(self, broker: RabbitBroker, topology: Topology) -> None:
        self.broker = broker
        self.topology = topology
        self.rpc = RpcClient(broker, topology, "gateway")

    async def start(self) -> None:
        await self.broker.connect()
        await declare_exchanges(self.broker, self.topology)
        await self.broker.start()

    async def stop(self) -> None:
        await self.broker.stop()

    async def ask(self, message: Message, dati_type: type[D], *, timeout: float) -> Esito[D]:
        """Send a command or query to its owner; its Esito, or ServiceUnavailableError."""
        try:
            return await ask(self.rpc, message, dati_type, timeout=timeout)
        except RequestTimeoutError as error:
            raise ServiceUnavailableError(
                message.owner, f"no answer within {timeout:g} s"
            ) from error
        except ValidationError as error:
            raise ServiceUnavailableError(message.owner, "unreadable reply") from error

    async def ping(self, service: str, *, timeout: float) -> PingReply:
        try:
            body = await self.rpc.request(
                Ping().model_dump(mode="json"),
                routing_key=query_key(service, Ping.name),
                timeout=timeout,
            )
            return PingReply.model_validate_json(body)
        except RequestTimeoutError as error:
            raise ServiceUnavailableError(service, f"no answer within {timeout:g} s") from error
        except ValidationError as error:
            raise ServiceUnavailableError(service, "unreadable reply") from error

    async def broker_alive(self, timeout: float) -> bool:
        return await self.broker.ping(timeout)


class ServiceClient:
    """Base of the gateway's clients of one service: each request is a message whose answer
    is its data, or :class:`RichiestaRifiutataError` when the service refuses it."""

    def __init__(self, bus: GatewayBus, timeout: float) -> None:
        self._bus = bus
        self._timeout = timeout

    async def _per(
        self, tipo: type[Message], attore: Attore, dati_type: type[D], **campi: Any
    ) -> D:
        """Ask ``tipo`` on behalf of ``attore``. A request about a case (``istanza_id``) is
        correlated by the case's id; any other starts a correlation of its own."""
        correlation_id = campi.get("istanza_id") or new_id()
        message = tipo.model_validate(
            {"correlation_id": correlation_id, "ordine": attore.ordine, "attore": attore, **campi}
        )
        return await self._ask(message, dati_type)

    async def _ask(
        self, message: Message, dati_type: type[D], *, timeout: float | None = None
    ) -> D:
        """Ask ``message``, waiting at most ``timeout`` seconds (the client's own otherwise)."""
        esito = await self._bus.ask(message, dati_type, timeout=timeout or self._timeout)
        if not esito.ok or esito.dati is None:
            raise RichiestaRifiutataError(
                esito.errore or Errore(codice="errore", messaggio="Richiesta non riuscita.")
            )
        return esito.dati
