"""What the use cases of `istanze` need from outside, as ``typing.Protocol`` interfaces: the
``firma`` service, the PDF documents, the clock, the application codes, the owner of the
Ordini's settings, and the repositories used inside a transaction (the cases and the read
copy of each Ordine's settings); and :class:`Dependencies`, the bundle the handlers get.

Nothing here builds anything: ``bootstrap`` picks the adapters."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from typing import Protocol

from istanze.domain.consegne import AvvisoPagoPA
from istanze.domain.istanza import Istanza
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.firma import EsitoVerifica, Originale
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_contracts.vocabolario import CanalePosta, Stato
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.consumer import IdempotentConsumer
from parcelle_kit.store.ports import DocumentStore, Transaction


class Firme(Protocol):
    """The ``firma`` service."""

    async def verifica(
        self, cause: Message, firmato: BlobRef, originale: Originale, codice_fiscale: str
    ) -> EsitoVerifica:
        """What ``firma`` finds on ``firmato`` as a signed copy of ``originale``."""
        ...

    async def firma_demo(self, cause: Message, documento: BlobRef) -> BlobRef:
        """``documento`` signed with the demo lawyer's certificate (development only)."""
        ...


class Documenti(Protocol):
    """The application and receipt PDFs, made from the case's view."""

    async def istanza(
        self,
        istanza: contratti.Istanza,
        *,
        ordine_nome: str,
        generata_il: datetime,
        luogo: str | None = None,
        firma_autografa: bool | None = None,
    ) -> bytes:
        """The application PDF the lawyer signs and deposits."""
        ...

    async def ricevuta(
        self,
        istanza: contratti.Istanza,
        *,
        ordine_nome: str,
        depositata_il: datetime,
        generata_il: datetime,
        file_firmato: FileRef | None = None,
    ) -> bytes:
        """The deposit receipt; ``file_firmato`` is the digitally signed file deposited."""
        ...


class Orologio(Protocol):
    """The current time, timezone-aware."""

    def __call__(self) -> datetime: ...


class Codici(Protocol):
    """Issues application codes with the installation's check element."""

    def __call__(self, ordine: str, anno: int) -> str: ...


class ControlloPdf(Protocol):
    """Opens an uploaded PDF with a real parser: returns if it may be attached, raises a
    refusal (``codice``, ``messaggio``) naming what was found otherwise."""

    async def __call__(self, data: bytes) -> None: ...


class Acquisizione(Protocol):
    """The owner of the Ordini's settings (the ``acquisizione`` service)."""

    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None:
        """The settings of ``ordine``, or ``None`` when the owner does not answer in time."""
        ...


@dataclass(frozen=True)
class FiltroElenco:
    """What a lawyer narrows their list to (everything None: the whole list)."""

    stato: Stato | None = None
    codice: str | None = None
    """The start of the application code, as codes are written (upper case)."""
    cliente: str | None = None
    """The start of the client's name, in lower case."""
    inviata_al_cliente: bool | None = None
    """Whether the signed order was sent to the client already."""


@dataclass(frozen=True)
class RigaElenco:
    """A case as a line of a list: just what the list shows."""

    id: str
    codice: str
    protocollo: str | None
    cliente: str | None
    importo_richiesto: Decimal | None
    stato: Stato
    aggiornata_il: datetime
    inviata_al_cliente_il: datetime | None


@dataclass(frozen=True)
class PaginaElenco:
    righe: list[RigaElenco]
    next: str | None


class IstanzaRepository(Protocol):
    """The cases, inside one transaction (optimistic updates: a case changed by another
    transaction meanwhile makes :meth:`salva` fail, and the transaction is run again)."""

    async def trova(self, istanza_id: str) -> Istanza | None: ...

    async def prendi(self, istanza_id: str) -> Istanza:
        """The case, or :class:`~istanze.domain.errori.NonTrovataError`."""
        ...

    async def aggiungi(self, istanza: Istanza) -> None: ...

    async def salva(self, istanza: Istanza) -> None: ...

    async def elenco_dell_avvocato(
        self, ordine: str, username: str, filtro: FiltroElenco, limit: int, cursor: str | None
    ) -> PaginaElenco:
        """One page of a lawyer's cases, the last changed first; an unknown cursor raises
        ``InvalidCursorError``."""
        ...

    async def elenco_dell_ordine(
        self, ordine: str, stato: Stato, filtro: FiltroElenco, limit: int, cursor: str | None
    ) -> PaginaElenco:
        """One page of the Ordine's cases in ``stato``, the last changed first (of the filter,
        only whether the order was sent to the client counts)."""
        ...


class ImpostazioniRepository(Protocol):
    """The read copy of each Ordine's settings, inside one transaction."""

    async def leggi(self, ordine: str) -> ImpostazioniOrdine | None: ...

    async def sostituisci(self, impostazioni: ImpostazioniOrdine) -> bool:
        """Keep ``impostazioni`` if there is no copy or it has a higher ``versione``; whether
        it was kept."""
        ...


class PagoPA(Protocol):
    """The Ordine's pagoPA intermediary (the national payment system Ordini are bound to use):
    asked for a payment notice when a council fee becomes due. ``None``: the Ordine has none
    (the secretariat registers payments by hand)."""

    async def avviso(
        self, ordine: str, istanza_id: str, importo: Decimal, debitore: str
    ) -> AvvisoPagoPA | None: ...


class AvvisiRepository(Protocol):
    """Each lawyer's chosen channels for their messages, inside one transaction."""

    async def leggi(self, ordine: str, username: str) -> tuple[CanalePosta, ...] | None:
        """The channels chosen, or ``None`` when the lawyer never chose."""
        ...

    async def imposta(
        self, ordine: str, username: str, canali: tuple[CanalePosta, ...]
    ) -> None: ...


@dataclass(frozen=True)
class Dependencies:
    """Everything the handlers of `istanze` use, built by ``bootstrap`` (or a test)."""

    store: DocumentStore
    consumer: IdempotentConsumer
    istanze: Callable[[Transaction], IstanzaRepository]
    impostazioni: Callable[[Transaction], ImpostazioniRepository]
    avvisi: Callable[[Transaction], AvvisiRepository]
    pagopa: PagoPA
    blobs: BlobStore
    """The service's own blob area."""
    area: str
    transfer: BlobStore
    firme: Firme
    documenti: Documenti
    controllo_pdf: ControlloPdf
    acquisizione: Acquisizione
    codici: Codici
    ora: Orologio
    firma_demo: bool
    """Development only: the demo certificate may sign."""
