"""The gateway's client of ``postale`` (:class:`~gateway.ports.PostalePort` over the bus): the
Ordine's registered mail with its states, costs and receipts, for the secretariat. A refusal
comes back as :class:`~gateway.bus.RichiestaRifiutataError`."""

from gateway.bus import ServiceClient
from parcelle_contracts.common import LIMITE_PAGINA, Attore, FileRef
from parcelle_contracts.postale import (
    ElencoRaccomandate,
    FileRicevutaPostale,
    PaginaRaccomandate,
)


class PostaleClient(ServiceClient):
    """Requests to ``postale`` on behalf of an authenticated clerk."""

    async def raccomandate(
        self,
        attore: Attore,
        *,
        istanza_id: str | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> PaginaRaccomandate:
        return await self._per(
            ElencoRaccomandate,
            attore,
            PaginaRaccomandate,
            istanza_id=istanza_id,
            limit=limit,
            cursor=cursor,
        )

    async def file_ricevuta(
        self, attore: Attore, raccomandata_id: str, ricevuta_id: str
    ) -> FileRef:
        return await self._per(
            FileRicevutaPostale,
            attore,
            FileRef,
            raccomandata_id=raccomandata_id,
            ricevuta_id=ricevuta_id,
        )
