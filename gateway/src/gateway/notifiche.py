"""The gateway's client of ``notifiche`` (:class:`~gateway.ports.NotifichePort` over the bus):
the messages of the Ordine that could not be sent, for the secretariat's alert."""

from gateway.bus import ServiceClient
from parcelle_contracts.common import LIMITE_PAGINA, Attore, Pagina
from parcelle_contracts.comunicazioni import ElencoNonRecapitate, InvioNonRecapitato


class NotificheClient(ServiceClient):
    """Requests to ``notifiche`` on behalf of an authenticated user."""

    async def non_recapitate(
        self, attore: Attore, *, limit: int = LIMITE_PAGINA, cursor: str | None = None
    ) -> Pagina[InvioNonRecapitato]:
        return await self._per(
            ElencoNonRecapitate,
            attore,
            Pagina[InvioNonRecapitato],
            limit=limit,
            cursor=cursor,
        )
