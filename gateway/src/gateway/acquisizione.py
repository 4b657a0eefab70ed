"""The gateway's client of ``acquisizione`` (:class:`~gateway.ports.AcquisizionePort` over the
bus): one method per request, shared by the clerk's
REST API, the ``/segreteria`` pages and the scanner-station endpoint. A refusal comes back as
:class:`~gateway.bus.RichiestaRifiutataError`, as from every service.

Every request names the case it is about in its correlation id when the case is known (its id);
an acquisition by code does not know the case yet, so it starts a correlation of its own.
"""

from datetime import datetime

from gateway.bus import ServiceClient
from parcelle_contracts.acquisizione import (
    AcquisisciPratica,
    AggiungiOsservazioni,
    AssegnaRelatore,
    DettaglioPratica,
    ElencoAssegnate,
    ElencoInAttesa,
    ElencoScadenze,
    Origine,
    Pratica,
    PraticaInAttesa,
    RiepilogoAttesa,
    RiepilogoInAttesa,
)
from parcelle_contracts.common import LIMITE_PAGINA, Attore, BlobRef, Pagina
from parcelle_contracts.ids import new_id
from parcelle_contracts.ordini import ImpostazioniOrdine, LeggiImpostazioniOrdine
from parcelle_contracts.vocabolario import GenereFirma


class AcquisizioneClient(ServiceClient):
    """Requests to ``acquisizione`` on behalf of a clerk (or of a scanner station)."""

    async def acquisisci(
        self,
        attore: Attore,
        codice: str,
        *,
        origine: Origine,
        letto_il: datetime | None = None,
        originale_ricevuto: bool = False,
        bollo_ricevuto: bool = False,
    ) -> Pratica:
        """Acquire the case with this code; an acquired case answers with ``gia_acquisita``."""
        return await self._per(
            AcquisisciPratica,
            attore,
            Pratica,
            codice=codice,
            origine=origine,
            letto_il=letto_il,
            originale_ricevuto=originale_ricevuto,
            bollo_ricevuto=bollo_ricevuto,
        )

    async def assegna(
        self, attore: Attore, istanza_id: str, relatore: str, motivo: str | None
    ) -> Pratica:
        return await self._per(
            AssegnaRelatore,
            attore,
            Pratica,
            istanza_id=istanza_id,
            relatore=relatore,
            motivo=motivo,
        )

    async def aggiungi_osservazioni(
        self, attore: Attore, istanza_id: str, file: BlobRef, nome_file: str
    ) -> Pratica:
        return await self._per(
            AggiungiOsservazioni,
            attore,
            Pratica,
            istanza_id=istanza_id,
            file=file,
            nome_file=nome_file,
        )

    async def in_attesa(
        self,
        attore: Attore,
        *,
        cerca: str | None = None,
        firma: GenereFirma | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> Pagina[PraticaInAttesa]:
        return await self._per(
            ElencoInAttesa,
            attore,
            Pagina[PraticaInAttesa],
            cerca=cerca,
            firma=firma,
            limit=limit,
            cursor=cursor,
        )

    async def riepilogo_in_attesa(self, attore: Attore) -> RiepilogoAttesa:
        return await self._per(RiepilogoInAttesa, attore, RiepilogoAttesa)

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Pratica:
        return await self._per(DettaglioPratica, attore, Pratica, istanza_id=istanza_id)

    async def scadenze(
        self,
        attore: Attore,
        *,
        giorni: int = 10,
        cerca: str | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> Pagina[Pratica]:
        return await self._per(
            ElencoScadenze,
            attore,
            Pagina[Pratica],
            giorni=giorni,
            cerca=cerca,
            limit=limit,
            cursor=cursor,
        )

    async def assegnate(
        self, attore: Attore, *, limit: int = LIMITE_PAGINA, cursor: str | None = None
    ) -> Pagina[Pratica]:
        """The cases assigned to the councillor ``attore``, the nearest deadline first."""
        return await self._per(ElencoAssegnate, attore, Pagina[Pratica], limit=limit, cursor=cursor)

    async def impostazioni(self, ordine: str) -> ImpostazioniOrdine:
        """The Ordine's settings, which ``acquisizione`` owns (the reporting councillors ...)."""
        domanda = LeggiImpostazioniOrdine(correlation_id=new_id(), ordine=ordine)
        return await self._ask(domanda, ImpostazioniOrdine)
