"""FastStream subscribers of `notifiche`: decode, call the handler, publish what it returns."""

from faststream.rabbit import RabbitRouter

from notifiche.config import NotificheSettings
from notifiche.handlers.ricevute import Ricevute
from parcelle_contracts.comunicazioni import FileRicevutaPec, RegistraRicevutaPec
from parcelle_kit.bus import Topology, router
from parcelle_kit.requests import answer_all
from parcelle_kit.service import Runtime


def build_router(runtime: Runtime[NotificheSettings]) -> RabbitRouter:
    """The subscribers of `notifiche`, wired to the runtime's ports (ping is the runtime's own)."""
    return router()


def answer_ricevute(
    subscribers: RabbitRouter, topology: Topology, service: str, ricevute: Ricevute
) -> None:
    """The receipts' requests: a receipt pushed by a provider, a kept receipt's file."""
    answer_all(
        subscribers,
        topology,
        service,
        {RegistraRicevutaPec: ricevute.registra, FileRicevutaPec: ricevute.file},
    )
