"""The gateway's client of ``notifiche`` (:class:`~gateway.ports.NotifichePort` over the bus):
a PEC receipt a provider pushed, and a kept receipt's file for the secretariat. A refusal comes
back as :class:`~gateway.bus.RichiestaRifiutataError`."""

from gateway.bus import ServiceClient
from parcelle_contracts.common import Attore, BlobRef, FileRef
from parcelle_contracts.comunicazioni import (
    FileRicevutaPec,
    RegistraRicevutaPec,
    RicevutaPecAccolta,
)
from parcelle_contracts.ids import new_id


class NotificheClient(ServiceClient):
    """Requests to ``notifiche``."""

    async def registra_ricevuta(self, ordine: str, ricevuta: BlobRef) -> RicevutaPecAccolta:
        message = RegistraRicevutaPec(correlation_id=new_id(), ordine=ordine, ricevuta=ricevuta)
        return await self._ask(message, RicevutaPecAccolta)

    async def file_ricevuta(self, attore: Attore, ricevuta_id: str) -> FileRef:
        return await self._per(FileRicevutaPec, attore, FileRef, ricevuta_id=ricevuta_id)
