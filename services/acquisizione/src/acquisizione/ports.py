"""What the use cases of `acquisizione` need from outside, as ``typing.Protocol`` interfaces: the
service's records within one unit of work (the cases and the protocol register, the Ordini's
settings), the application's details (from ``istanze``), the notice PDF, the clock and the check
of application codes; and :class:`Dependencies`, the bundle the composition root
(:mod:`acquisizione.bootstrap`) fills with adapters. Nothing here imports an adapter."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal
from typing import Generic, Protocol, TypeVar

from acquisizione.domain.assegnazione import Carico, Relatore
from acquisizione.domain.elenco import Ricerca
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.pratica import Pratica
from parcelle_contracts import ordini
from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import Message
from parcelle_contracts.istanze import Istanza
from parcelle_contracts.vocabolario import GenereFirma, TipoFirma
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.consumer import IdempotentConsumer
from parcelle_kit.store.ports import DocumentStore, Transaction

T = TypeVar("T")


@dataclass(frozen=True)
class RinunciaAnticipata:
    """A withdrawal that arrived before its deposit, kept for it."""

    motivo: str
    rinunciata_il: datetime


@dataclass(frozen=True)
class FiltroAttesa:
    """What the clerk narrows the pending list to."""

    ricerca: Ricerca = field(default_factory=Ricerca)
    firma: GenereFirma | None = None


@dataclass(frozen=True)
class RigaAttesa:
    """A deposited case as a line of the pending list: what the list shows."""

    istanza_id: str
    codice: str
    avvocato: str
    cliente: str | None
    importo_richiesto: Decimal | None
    firma: TipoFirma
    depositata_il: datetime


@dataclass(frozen=True)
class PaginaDi(Generic[T]):
    """One page of a list and the cursor of the next (None on the last page)."""

    righe: list[T]
    next: str | None


class RegistroRepository(Protocol):
    """The cases, the protocol register, the councillors' turns and the withdrawals that came
    before their deposit. Remembers the version of each case it read, for :meth:`salva`."""

    async def trova(self, istanza_id: str) -> Pratica | None: ...

    async def prendi(self, istanza_id: str) -> Pratica:
        """The case, or :class:`~acquisizione.domain.errori.NonTrovataError`."""
        ...

    async def per_codice(self, codice: str) -> Pratica | None: ...

    async def aggiungi(self, pratica: Pratica) -> None:
        """Store a new case (a duplicate id or code is refused)."""
        ...

    async def salva(self, pratica: Pratica) -> None:
        """Store a case read in this unit of work; a concurrent change makes the unit retry."""
        ...

    async def in_attesa(
        self, ordine: str, filtro: FiltroAttesa, limit: int, cursor: str | None
    ) -> PaginaDi[RigaAttesa]:
        """A page of the Ordine's deposited cases not yet acquired, the oldest first."""
        ...

    async def conta_in_attesa(self, ordine: str) -> tuple[int, int]:
        """How many cases wait, and how many of them are hand-signed."""
        ...

    async def per_scadenza(
        self,
        ordine: str,
        entro: date | None,
        relatore: str | None,
        ricerca: Ricerca,
        limit: int,
        cursor: str | None,
    ) -> PaginaDi[Pratica]:
        """A page of the Ordine's acquired cases (of ``relatore`` alone, if given; matching
        ``ricerca``) whose running term ends by ``entro`` (any, if None; suspended terms
        last), nearest first."""
        ...

    async def prossimo_numero(self, contatore: str) -> int:
        """The next value of the register's counter (gapless: taken with the acquisition)."""
        ...

    async def registra_protocollo(self, pratica: Pratica) -> None:
        """Write the case's number in the register (a number already there is refused)."""
        ...

    async def carichi(self, ordine: str, relatori: Sequence[Relatore]) -> dict[str, Carico]:
        """Each councillor's open cases and last assignment."""
        ...

    async def segna_turno(self, ordine: str, relatore: str, ora: datetime) -> None: ...

    async def annota_rinuncia(self, istanza_id: str, motivo: str, ora: datetime) -> None: ...

    async def rinuncia_anticipata(self, istanza_id: str) -> RinunciaAnticipata | None: ...


class ImpostazioniRepository(Protocol):
    """Each Ordine's settings, whole and versioned, as `acquisizione` (their owner) keeps them."""

    async def leggi(self, ordine: str) -> ordini.ImpostazioniOrdine | None:
        """The stored settings; None for an Ordine that never set any."""
        ...

    async def salva(self, impostazioni: ordini.ImpostazioniOrdine) -> None:
        """Store the settings: new ones, or a replacement of those read in this unit of work
        (a concurrent change makes the unit retry, another Ordine's first store fails)."""
        ...


class UnitOfWork(Protocol):
    """The service's records within one transaction, and the announcements it stages."""

    @property
    def registro(self) -> RegistroRepository: ...

    @property
    def impostazioni(self) -> ImpostazioniRepository: ...

    async def annuncia(self, messaggi: Sequence[Message]) -> None:
        """Stage ``messaggi`` for publication with what this transaction writes (outbox)."""
        ...


class Fascicoli(Protocol):
    """The ``istanze`` service, which owns the application's content."""

    async def dettaglio(self, causa: Message, attore: Attore, istanza_id: str) -> Istanza:
        """The application as ``attore`` (the Ordine's secretariat) may see it."""
        ...


class Documenti(Protocol):
    """The notice of start of proceedings as a PDF."""

    async def avvio(
        self,
        pratica: Pratica,
        istanza: Istanza,
        impostazioni: ImpostazioniOrdine,
        *,
        generato_il: datetime,
    ) -> bytes: ...


class ControlloPdf(Protocol):
    """Opens an uploaded PDF with a real parser: returns if it may be kept, raises a refusal
    (``codice``, ``messaggio``) naming what was found otherwise."""

    async def __call__(self, data: bytes) -> None: ...


class Orologio(Protocol):
    def __call__(self) -> datetime: ...


class VerificaCodice(Protocol):
    """The canonical code if the text is a genuine code of this installation; raises
    :class:`parcelle_kit.codes.CodiceNonValidoError` otherwise."""

    def __call__(self, testo: str) -> str: ...


@dataclass(frozen=True)
class Dependencies:
    """Everything the handlers use, built by :mod:`acquisizione.bootstrap` (and by tests, with
    fakes)."""

    store: DocumentStore
    unit_of_work: Callable[[Transaction], UnitOfWork]
    """The records within a transaction of ``store`` (or of the idempotent consumer)."""
    consumer: IdempotentConsumer
    blobs: BlobStore
    """The service's own blob area (notices, observations)."""
    area: str
    """Its name in claim checks (``BlobRef.area``)."""
    transfer: BlobStore
    fascicoli: Fascicoli
    documenti: Documenti
    verifica_codice: VerificaCodice
    ora: Orologio
    max_osservazioni: int
    """Largest observations file accepted, in bytes."""
    controllo_pdf: ControlloPdf
