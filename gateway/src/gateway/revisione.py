"""The gateway's client of ``revisione`` (:class:`~gateway.ports.RevisionePort` over the bus):
the relatore's case to review, the decision, the request for integration, and the signed order
for whoever may read it. A refusal comes back as :class:`~gateway.bus.RichiestaRifiutataError`.

``revisione`` reads the application from ``istanze`` before it answers, so a decision may take
longer than a plain query: the client waits the gateway's query timeout like every other."""

from gateway.bus import ServiceClient
from parcelle_contracts.common import Attore, FileRef
from parcelle_contracts.revisione import (
    DecidiPratica,
    DettaglioRevisione,
    EsitoDecisione,
    FileProvvedimento,
    Revisione,
    RichiediIntegrazione,
    VoceDecisa,
)


class RevisioneClient(ServiceClient):
    """Requests to ``revisione`` on behalf of an authenticated user."""

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Revisione:
        return await self._per(DettaglioRevisione, attore, Revisione, istanza_id=istanza_id)

    async def decidi(
        self,
        attore: Attore,
        istanza_id: str,
        *,
        esito: EsitoDecisione,
        voci: list[VoceDecisa],
        motivi: str | None = None,
        note: str | None = None,
    ) -> Revisione:
        return await self._per(
            DecidiPratica,
            attore,
            Revisione,
            istanza_id=istanza_id,
            esito=esito,
            voci=voci,
            motivi=motivi,
            note=note,
        )

    async def richiedi_integrazione(
        self, attore: Attore, istanza_id: str, testo: str, giorni: int
    ) -> Revisione:
        return await self._per(
            RichiediIntegrazione,
            attore,
            Revisione,
            istanza_id=istanza_id,
            testo=testo,
            giorni=giorni,
        )

    async def file_provvedimento(self, attore: Attore, istanza_id: str) -> FileRef:
        return await self._per(FileProvvedimento, attore, FileRef, istanza_id=istanza_id)
