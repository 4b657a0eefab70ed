"""What the gateway needs from the outside, as typing.Protocol interfaces, and the bundle of
them that :func:`gateway.app.create_app` takes.

The real clients (:mod:`gateway.istanze`, :mod:`gateway.acquisizione`, :mod:`gateway.revisione`,
:mod:`gateway.postale`, :mod:`gateway.bus`) send
requests over RabbitMQ; the page tests give the application in-memory fakes instead. Both
satisfy these Protocols under mypy, so a fake cannot drift from the client it stands for.
Nothing here imports an adapter.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, Protocol

from parcelle_contracts.acquisizione import Origine, Pratica, PraticaInAttesa, RiepilogoAttesa
from parcelle_contracts.avvisi import Avvisi
from parcelle_contracts.common import LIMITE_PAGINA, Attore, BlobRef, FileRef, Pagina
from parcelle_contracts.comunicazioni import InvioNonRecapitato, RicevutaPecAccolta
from parcelle_contracts.consegne import Recapito
from parcelle_contracts.integrazioni import NuovoAllegato
from parcelle_contracts.istanze import CampoNonLetto, ContenutoIstanza, Istanza, IstanzaSintesi
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_contracts.ping import PingReply
from parcelle_contracts.postale import PaginaRaccomandate
from parcelle_contracts.revisione import EsitoDecisione, Revisione, VoceDecisa
from parcelle_contracts.vocabolario import (
    CanalePosta,
    CategoriaAllegato,
    GenereFirma,
    MetodoPagamento,
    Stato,
)

Parte = Literal["cliente", "pratica", "voci", "spese", "spese_generali_percentuale", "note"]
"""A part of an application's content that an update replaces."""
QualeFile = Literal["documento", "ricevuta", "firmato", "allegato"]
"""Which file of an application: its PDF, the deposit receipt, the signed file, an attachment."""


class IstanzePort(Protocol):
    """Requests to ``istanze`` on behalf of a user; a refusal raises
    :class:`~gateway.bus.RichiestaRifiutataError`, no answer in time
    :class:`~gateway.bus.ServiceUnavailableError`."""

    async def crea(self, attore: Attore, contenuto: ContenutoIstanza) -> Istanza: ...

    async def aggiorna(
        self,
        attore: Attore,
        istanza_id: str,
        contenuto: ContenutoIstanza,
        parti: list[Parte],
        non_letti: list[CampoNonLetto] | None = None,
    ) -> Istanza: ...

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
        """A page of the lawyer's cases (the staff's: the Ordine's in ``stato``), the latest
        changed first; ``inviata_al_cliente``: only those whose order was (not) sent yet."""
        ...

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Istanza: ...

    async def aggiungi_allegato(
        self,
        attore: Attore,
        istanza_id: str,
        categoria: CategoriaAllegato,
        nome_file: str,
        file: BlobRef,
    ) -> Istanza: ...

    async def rimuovi_allegato(
        self, attore: Attore, istanza_id: str, allegato_id: str
    ) -> Istanza: ...

    async def prepara_documento(self, attore: Attore, istanza_id: str) -> FileRef: ...

    async def firma_demo(self, attore: Attore, istanza_id: str) -> Istanza: ...

    async def deposita(
        self, attore: Attore, istanza_id: str, firmato: BlobRef | None, nome_file: str | None
    ) -> Istanza: ...

    async def rinuncia(self, attore: Attore, istanza_id: str, motivo: str) -> Istanza: ...

    async def rispondi_integrazione(
        self, attore: Attore, istanza_id: str, nota: str, allegati: list[NuovoAllegato]
    ) -> Istanza:
        """The lawyer's answer to the relatore's request for integration: a note and the
        documents left in the transfer area."""
        ...

    async def file(
        self,
        attore: Attore,
        istanza_id: str,
        quale: QualeFile,
        allegato_id: str | None = None,
    ) -> FileRef: ...

    async def registra_pagamento(
        self, attore: Attore, istanza_id: str, data: date, metodo: MetodoPagamento, riferimento: str
    ) -> Istanza: ...

    async def invia_provvedimento(
        self,
        attore: Attore,
        istanza_id: str,
        destinatari: list[Recapito],
        *,
        solo_prima_volta: bool = False,
    ) -> Istanza: ...

    async def avvisi(self, attore: Attore) -> Avvisi: ...

    async def imposta_avvisi(self, attore: Attore, canali: list[CanalePosta]) -> Avvisi: ...


class AcquisizionePort(Protocol):
    """Requests to ``acquisizione`` on behalf of a clerk, a scanner station or a councillor;
    refusals and silence as for :class:`IstanzePort`."""

    async def acquisisci(
        self,
        attore: Attore,
        codice: str,
        *,
        origine: Origine,
        letto_il: datetime | None = None,
        originale_ricevuto: bool = False,
        bollo_ricevuto: bool = False,
    ) -> Pratica: ...

    async def assegna(
        self, attore: Attore, istanza_id: str, relatore: str, motivo: str | None
    ) -> Pratica: ...

    async def aggiungi_osservazioni(
        self, attore: Attore, istanza_id: str, file: BlobRef, nome_file: str
    ) -> Pratica: ...

    async def in_attesa(
        self,
        attore: Attore,
        *,
        cerca: str | None = None,
        firma: GenereFirma | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> Pagina[PraticaInAttesa]:
        """A page of the deposited applications not yet acquired, the oldest first."""
        ...

    async def riepilogo_in_attesa(self, attore: Attore) -> RiepilogoAttesa: ...

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Pratica: ...

    async def scadenze(
        self,
        attore: Attore,
        *,
        giorni: int = 10,
        cerca: str | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> Pagina[Pratica]:
        """A page of the acquired cases whose deadline is near or past, the nearest first."""
        ...

    async def assegnate(
        self, attore: Attore, *, limit: int = LIMITE_PAGINA, cursor: str | None = None
    ) -> Pagina[Pratica]:
        """A page of the cases assigned to the councillor, the nearest deadline first."""
        ...

    async def impostazioni(self, ordine: str) -> ImpostazioniOrdine:
        """The Ordine's settings as their owner holds them (the defaults where none is set)."""
        ...


class RevisionePort(Protocol):
    """Requests to ``revisione`` on behalf of the relatore (and, for the signed order, of the
    lawyer of the case or the secretariat); refusals and silence as for :class:`IstanzePort`."""

    async def dettaglio(self, attore: Attore, istanza_id: str) -> Revisione:
        """The case to review, with each item's DM 147/2022 range."""
        ...

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
        """The relatore's decision; the order is then rendered and signed."""
        ...

    async def richiedi_integrazione(
        self, attore: Attore, istanza_id: str, testo: str, giorni: int
    ) -> Revisione: ...

    async def file_provvedimento(self, attore: Attore, istanza_id: str) -> FileRef:
        """Where the signed order lies (``non_trovata`` until it is signed)."""
        ...


class PostalePort(Protocol):
    """Requests to ``postale`` on behalf of a clerk: the Ordine's registered mail and its
    receipts; refusals and silence as for :class:`IstanzePort`."""

    async def raccomandate(
        self,
        attore: Attore,
        *,
        istanza_id: str | None = None,
        limit: int = LIMITE_PAGINA,
        cursor: str | None = None,
    ) -> PaginaRaccomandate:
        """A page of the mailings (of one case), the newest first, and who prints them."""
        ...

    async def file_ricevuta(
        self, attore: Attore, raccomandata_id: str, ricevuta_id: str
    ) -> FileRef:
        """Where a receipt of a mailing lies (in ``postale``'s own area)."""
        ...


class NotifichePort(Protocol):
    """Requests to ``notifiche``: a PEC receipt pushed by an Ordine's provider (its bytes in the
    transfer area), a kept receipt's file and the messages that could not be sent, for the
    secretariat of its Ordine; refusals and silence as for :class:`IstanzePort`."""

    async def non_recapitate(
        self, attore: Attore, *, limit: int = LIMITE_PAGINA, cursor: str | None = None
    ) -> Pagina[InvioNonRecapitato]:
        """A page of the Ordine's messages that could not be sent, the latest first (asked
        with a short timeout: a page must not wait long for an alert)."""
        ...

    async def registra_ricevuta(self, ordine: str, ricevuta: BlobRef) -> RicevutaPecAccolta:
        """The receipt verified, matched and kept (``firma_non_valida``,
        ``ricevuta_non_valida``, ``invio_non_trovato`` otherwise)."""
        ...

    async def file_ricevuta(self, attore: Attore, ricevuta_id: str) -> FileRef: ...


class BusPort(Protocol):
    """What the application needs of the bus itself: to start and stop with it, and what
    ``/readyz`` asks (the broker answers; each service answers its ping)."""

    async def start(self) -> None: ...

    async def stop(self) -> None: ...

    async def broker_alive(self, timeout: float) -> bool: ...

    async def ping(self, service: str, *, timeout: float) -> PingReply:
        """The service's answer; :class:`~gateway.bus.ServiceUnavailableError` without one."""
        ...


@dataclass(frozen=True)
class Clients:
    """The bus and the clients of the services, given to :func:`gateway.app.create_app`:
    the real ones by :mod:`gateway.bootstrap`, fakes by the page tests."""

    bus: BusPort
    istanze: IstanzePort
    acquisizione: AcquisizionePort
    revisione: RevisionePort
    postale: PostalePort
    notifiche: NotifichePort
