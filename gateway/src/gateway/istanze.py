"""The gateway's client of ``istanze`` (:class:`~gateway.ports.IstanzePort` over the bus): one
method per request, shared by the REST API and the lawyer's web pages. A refusal comes back as
:class:`~gateway.bus.RichiestaRifiutataError`."""

from datetime import date

from gateway.bus import ServiceClient
from gateway.ports import Parte, QualeFile
from parcelle_contracts.avvisi import Avvisi, ImpostaAvvisi, LeggiAvvisi
from parcelle_contracts.common import LIMITE_PAGINA, Attore, BlobRef, FileRef, Pagina
from parcelle_contracts.consegne import InviaProvvedimento, Recapito, RegistraPagamento
from parcelle_contracts.ids import new_id
from parcelle_contracts.integrazioni import NuovoAllegato, RispondiIntegrazione
from parcelle_contracts.istanze import (
    AggiornaBozza,
    AggiungiAllegato,
    CampoNonLetto,
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
)
from parcelle_contracts.vocabolario import CanalePosta, CategoriaAllegato, MetodoPagamento, Stato


class IstanzeClient(ServiceClient):
    """Requests to ``istanze`` on behalf of an authenticated user."""

    async def crea(self, attore: Attore, contenuto: ContenutoIstanza) -> Istanza:
        return await self._per(CreaBozza, attore, Istanza, istanza_id=new_id(), contenuto=contenuto)

    async def aggiorna(
        self,
        attore: Attore,
        istanza_id: str,
        contenuto: ContenutoIstanza,
        parti: list[Parte],
        non_letti: list[CampoNonLetto] | None = None,
    ) -> Istanza:
        return await self._per(
            AggiornaBozza,
            attore,
            Istanza,
            istanza_id=istanza_id,
            contenuto=contenuto,
            parti=parti,
            non_letti=non_letti or [],
        )

    async def elenco(
        self,
        attore: Attore,
        *,
        stato: Stato | None = None,
        cerca: str | None = None,
        inviata_al_cliente: bool | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> Pagina[IstanzaSintesi]:
        return await self._per(
            ElencoIstanze,
            attore,
            Pagina[IstanzaSintesi],
            stato=stato,
            cerca=cerca,
            inviata_al_cliente=inviata_al_cliente,
            limit=limit,
            cursor=cursor,
        )

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Istanza:
        return await self._per(DettaglioIstanza, attore, Istanza, istanza_id=istanza_id)

    async def aggiungi_allegato(
        self,
        attore: Attore,
        istanza_id: str,
        categoria: CategoriaAllegato,
        nome_file: str,
        file: BlobRef,
    ) -> Istanza:
        return await self._per(
            AggiungiAllegato,
            attore,
            Istanza,
            istanza_id=istanza_id,
            categoria=categoria,
            nome_file=nome_file,
            file=file,
        )

    async def rimuovi_allegato(self, attore: Attore, istanza_id: str, allegato_id: str) -> Istanza:
        return await self._per(
            RimuoviAllegato, attore, Istanza, istanza_id=istanza_id, allegato_id=allegato_id
        )

    async def prepara_documento(self, attore: Attore, istanza_id: str) -> FileRef:
        return await self._per(PreparaDocumento, attore, FileRef, istanza_id=istanza_id)

    async def firma_demo(self, attore: Attore, istanza_id: str) -> Istanza:
        return await self._per(FirmaDemoIstanza, attore, Istanza, istanza_id=istanza_id)

    async def deposita(
        self, attore: Attore, istanza_id: str, firmato: BlobRef | None, nome_file: str | None
    ) -> Istanza:
        return await self._per(
            DepositaIstanza,
            attore,
            Istanza,
            istanza_id=istanza_id,
            firmato=firmato,
            nome_file=nome_file,
        )

    async def rinuncia(self, attore: Attore, istanza_id: str, motivo: str) -> Istanza:
        return await self._per(
            RinunciaIstanza, attore, Istanza, istanza_id=istanza_id, motivo=motivo
        )

    async def rispondi_integrazione(
        self, attore: Attore, istanza_id: str, nota: str, allegati: list[NuovoAllegato]
    ) -> Istanza:
        return await self._per(
            RispondiIntegrazione,
            attore,
            Istanza,
            istanza_id=istanza_id,
            nota=nota,
            allegati=allegati,
        )

    async def file(
        self,
        attore: Attore,
        istanza_id: str,
        quale: QualeFile,
        allegato_id: str | None = None,
    ) -> FileRef:
        return await self._per(
            FileIstanza,
            attore,
            FileRef,
            istanza_id=istanza_id,
            quale=quale,
            allegato_id=allegato_id,
        )

    async def registra_pagamento(
        self, attore: Attore, istanza_id: str, data: date, metodo: MetodoPagamento, riferimento: str
    ) -> Istanza:
        return await self._per(
            RegistraPagamento,
            attore,
            Istanza,
            istanza_id=istanza_id,
            data=data,
            metodo=metodo,
            riferimento=riferimento,
        )

    async def invia_provvedimento(
        self,
        attore: Attore,
        istanza_id: str,
        destinatari: list[Recapito],
        *,
        solo_prima_volta: bool = False,
    ) -> Istanza:
        return await self._per(
            InviaProvvedimento,
            attore,
            Istanza,
            istanza_id=istanza_id,
            destinatari=destinatari,
            solo_prima_volta=solo_prima_volta,
        )

    async def avvisi(self, attore: Attore) -> Avvisi:
        return await self._per(LeggiAvvisi, attore, Avvisi)

    async def imposta_avvisi(self, attore: Attore, canali: list[CanalePosta]) -> Avvisi:
        return await self._per(ImpostaAvvisi, attore, Avvisi, canali=canali)
