"""The gateway's calls to ``istanze``: one function per request, shared by the REST API and
the lawyer's web pages. A refusal comes back as
:class:`~gateway.bus.RichiestaRifiutataError`."""

from typing import Literal, TypeVar

from pydantic import TypeAdapter

from gateway.bus import ServiceClient
from parcelle_contracts.common import Attore, BlobRef, FileRef
from parcelle_contracts.ids import new_id
from parcelle_contracts.istanze import (
    AggiornaBozza,
    AggiungiAllegato,
    CategoriaAllegato,
    ContenutoIstanza,
    CreaBozza,
    DepositaIstanza,
    DettaglioIstanza,
    ElencoIstanze,
    FileIstanza,
    FirmaDemoIstanza,
    Istanza,
    IstanzaSintesi,
    PreparaDocumento,
    RimuoviAllegato,
    RinunciaIstanza,
    Stato,
)

D = TypeVar("D")
Parte = Literal["cliente", "pratica", "voci", "spese", "spese_generali_percentuale", "note"]


class IstanzeClient(ServiceClient):
    """Requests to ``istanze`` on behalf of an authenticated user."""

    async def crea(self, attore: Attore, contenuto: ContenutoIstanza) -> Istanza:
        istanza_id = new_id()
        message = CreaBozza(
            correlation_id=istanza_id,
            ordine=attore.ordine,
            attore=attore,
            istanza_id=istanza_id,
            contenuto=contenuto,
        )
        return await self._ask(message, Istanza)

    async def aggiorna(
        self, attore: Attore, istanza_id: str, contenuto: ContenutoIstanza, parti: list[Parte]
    ) -> Istanza:
        message = AggiornaBozza(
            correlation_id=istanza_id,
            ordine=attore.ordine,
            attore=attore,
            istanza_id=istanza_id,
            contenuto=contenuto,
            parti=parti,
        )
        return await self._ask(message, Istanza)

    async def elenco(self, attore: Attore, stato: Stato | None = None) -> list[IstanzaSintesi]:
        message = ElencoIstanze(
            correlation_id=new_id(), ordine=attore.ordine, attore=attore, stato=stato
        )
        righe = await self._ask(message, list[IstanzaSintesi])
        return TypeAdapter(list[IstanzaSintesi]).validate_python(righe)

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Istanza:
        message = DettaglioIstanza(
            correlation_id=istanza_id, ordine=attore.ordine, attore=attore, istanza_id=istanza_id
        )
        return await self._ask(message, Istanza)

    async def aggiungi_allegato(
        self,
        attore: Attore,
        istanza_id: str,
        categoria: CategoriaAllegato,
        nome_file: str,
        file: BlobRef,
    ) -> Istanza:
        message = AggiungiAllegato(
            correlation_id=istanza_id,
            ordine=attore.ordine,
            attore=attore,
            istanza_id=istanza_id,
            categoria=categoria,
            nome_file=nome_file,
            file=file,
        )
        return await self._ask(message, Istanza)

    async def rimuovi_allegato(self, attore: Attore, istanza_id: str, allegato_id: str) -> Istanza:
        message = RimuoviAllegato(
            correlation_id=istanza_id,
            ordine=attore.ordine,
            attore=attore,
            istanza_id=istanza_id,
            allegato_id=allegato_id,
        )
        return await self._ask(message, Istanza)

    async def prepara_documento(self, attore: Attore, istanza_id: str) -> FileRef:
        message = PreparaDocumento(
            correlation_id=istanza_id, ordine=attore.ordine, attore=attore, istanza_id=istanza_id
        )
        return await self._ask(message, FileRef)

    async def firma_demo(self, attore: Attore, istanza_id: str) -> Istanza:
        message = FirmaDemoIstanza(
            correlation_id=istanza_id, ordine=attore.ordine, attore=attore, istanza_id=istanza_id
        )
        return await self._ask(message, Istanza)

    async def deposita(
        self, attore: Attore, istanza_id: str, firmato: BlobRef | None, nome_file: str | None
    ) -> Istanza:
        message = DepositaIstanza(
            correlation_id=istanza_id,
            ordine=attore.ordine,
            attore=attore,
            istanza_id=istanza_id,
            firmato=firmato,
            nome_file=nome_file,
        )
        return await self._ask(message, Istanza)

    async def rinuncia(self, attore: Attore, istanza_id: str, motivo: str) -> Istanza:
        message = RinunciaIstanza(
            correlation_id=istanza_id,
            ordine=attore.ordine,
            attore=attore,
            istanza_id=istanza_id,
            motivo=motivo,
        )
        return await self._ask(message, Istanza)

    async def file(
        self,
        attore: Attore,
        istanza_id: str,
        quale: Literal["documento", "ricevuta", "firmato", "allegato"],
        allegato_id: str | None = None,
    ) -> FileRef:
        message = FileIstanza(
            correlation_id=istanza_id,
            ordine=attore.ordine,
            attore=attore,
            istanza_id=istanza_id,
            quale=quale,
            allegato_id=allegato_id,
        )
        return await self._ask(message, FileRef)
