"""The gateway's calls to ``acquisizione``: one function per request, shared by the clerk's
REST API, the ``/segreteria`` pages and the scanner-station endpoint. A refusal comes back as
:class:`~gateway.bus.RichiestaRifiutataError`, as from every service.

Every request names the case it is about in its correlation id when the case is known (its id);
an acquisition by code does not know the case yet, so it starts a correlation of its own.
"""

from datetime import datetime
from typing import TypeVar

from pydantic import TypeAdapter

from gateway.bus import ServiceClient
from parcelle_contracts.acquisizione import (
    AcquisisciPratica,
    AggiungiOsservazioni,
    AssegnaRelatore,
    DettaglioPratica,
    ElencoAssegnate,
    ElencoAttesa,
    ElencoInAttesa,
    ElencoScadenze,
    Origine,
    Pratica,
)
from parcelle_contracts.common import Attore, BlobRef
from parcelle_contracts.ids import new_id
from parcelle_contracts.istanze import TipoFirma

D = TypeVar("D")
_PRATICHE = TypeAdapter(list[Pratica])


class AcquisizioneClient(ServiceClient):
    """Requests to ``acquisizione`` on behalf of a clerk (or of a scanner station)."""

    async def acquisisci(
        self,
        attore: Attore,
        codice: str,
        *,
        origine: Origine,
        stazione: str | None = None,
        letto_il: datetime | None = None,
        originale_ricevuto: bool = False,
        bollo_ricevuto: bool = False,
    ) -> Pratica:
        """Acquire the case with this code; an acquired case answers with ``gia_acquisita``."""
        message = AcquisisciPratica(
            correlation_id=new_id(),
            ordine=attore.ordine,
            attore=attore,
            codice=codice,
            origine=origine,
            stazione=stazione,
            letto_il=letto_il,
            originale_ricevuto=originale_ricevuto,
            bollo_ricevuto=bollo_ricevuto,
        )
        return await self._ask(message, Pratica)

    async def assegna(
        self, attore: Attore, istanza_id: str, relatore: str, motivo: str | None
    ) -> Pratica:
        message = AssegnaRelatore(
            correlation_id=istanza_id,
            ordine=attore.ordine,
            attore=attore,
            istanza_id=istanza_id,
            relatore=relatore,
            motivo=motivo,
        )
        return await self._ask(message, Pratica)

    async def aggiungi_osservazioni(
        self, attore: Attore, istanza_id: str, file: BlobRef, nome_file: str
    ) -> Pratica:
        message = AggiungiOsservazioni(
            correlation_id=istanza_id,
            ordine=attore.ordine,
            attore=attore,
            istanza_id=istanza_id,
            file=file,
            nome_file=nome_file,
        )
        return await self._ask(message, Pratica)

    async def in_attesa(
        self, attore: Attore, cerca: str | None = None, firma: TipoFirma | None = None
    ) -> ElencoAttesa:
        message = ElencoInAttesa(
            correlation_id=new_id(), ordine=attore.ordine, attore=attore, cerca=cerca, firma=firma
        )
        return await self._ask(message, ElencoAttesa)

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Pratica:
        message = DettaglioPratica(
            correlation_id=istanza_id, ordine=attore.ordine, attore=attore, istanza_id=istanza_id
        )
        return await self._ask(message, Pratica)

    async def scadenze(self, attore: Attore, giorni: int = 10) -> list[Pratica]:
        message = ElencoScadenze(
            correlation_id=new_id(), ordine=attore.ordine, attore=attore, giorni=giorni
        )
        righe = await self._ask(message, list[Pratica])
        return _PRATICHE.validate_python(righe)

    async def assegnate(self, attore: Attore) -> list[Pratica]:
        """The cases assigned to the councillor ``attore``, the nearest deadline first."""
        message = ElencoAssegnate(correlation_id=new_id(), ordine=attore.ordine, attore=attore)
        righe = await self._ask(message, list[Pratica])
        return _PRATICHE.validate_python(righe)
