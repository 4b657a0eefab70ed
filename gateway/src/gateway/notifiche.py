"""The gateway's client of ``notifiche`` (:class:`~gateway.ports.NotifichePort` over the bus):
a PEC receipt a provider pushed, a kept receipt's file for the secretariat, and the messages of
the Ordine that could not be sent, for the secretariat's alert. A refusal comes back as
:class:`~gateway.bus.RichiestaRifiutataError`."""

from gateway.bus import GatewayBus, ServiceClient
from parcelle_contracts.common import LIMITE_PAGINA, Attore, BlobRef, FileRef, Pagina
from parcelle_contracts.comunicazioni import (
    ElencoNonRecapitate,
    FileRicevutaPec,
    InvioNonRecapitato,
    RegistraRicevutaPec,
    RicevutaPecAccolta,
)
from parcelle_contracts.ids import new_id


class NotificheClient(ServiceClient):
    """Requests to ``notifiche``; ``allarme``: the seconds the alert of undelivered messages
    may wait (a page must not wait long for it)."""

    def __init__(self, bus: GatewayBus, timeout: float, *, allarme: float | None = None) -> None:
        super().__init__(bus, timeout)
        self._allarme = min(timeout, allarme) if allarme else timeout

    async def registra_ricevuta(self, ordine: str, ricevuta: BlobRef) -> RicevutaPecAccolta:
        message = RegistraRicevutaPec(correlation_id=new_id(), ordine=ordine, ricevuta=ricevuta)
        return await self._ask(message, RicevutaPecAccolta)

    async def file_ricevuta(self, attore: Attore, ricevuta_id: str) -> FileRef:
        return await self._per(FileRicevutaPec, attore, FileRef, ricevuta_id=ricevuta_id)

    async def non_recapitate(
        self, attore: Attore, *, limit: int = LIMITE_PAGINA, cursor: str | None = None
    ) -> Pagina[InvioNonRecapitato]:
        message = ElencoNonRecapitate(
            correlation_id=new_id(), ordine=attore.ordine, attore=attore, limit=limit, cursor=cursor
        )
        return await self._ask(message, Pagina[InvioNonRecapitato], timeout=self._allarme)
