"""An in-memory stand-in of :class:`gateway.bus.GatewayBus` (a :class:`gateway.ports.BusPort`)
for the page tests: it starts and stops with the application without a broker, and answers
``/readyz`` as the test sets it (the broker up or down, each service ready, not ready or
silent)."""

from dataclasses import dataclass, field
from typing import Literal

from gateway.bus import ServiceUnavailableError
from parcelle_contracts.ping import PingReply

Risposta = Literal["pronto", "non_pronto", "silenzio"]


@dataclass
class FakeBus:
    broker: bool = True
    servizi: dict[str, Risposta] = field(default_factory=dict)
    """How each service answers its ping; unnamed ones answer ready."""
    avviato: bool = False

    async def start(self) -> None:
        self.avviato = True

    async def stop(self) -> None:
        self.avviato = False

    async def broker_alive(self, timeout: float) -> bool:
        return self.broker

    async def ping(self, service: str, *, timeout: float) -> PingReply:
        risposta = self.servizi.get(service, "pronto")
        if risposta == "silenzio":
            raise ServiceUnavailableError(service, f"no answer within {timeout:g} s")
        return PingReply(
            service=service,
            version="0.1.0",
            stores={"documenti": "sqlite"},
            ready=risposta == "pronto",
        )
