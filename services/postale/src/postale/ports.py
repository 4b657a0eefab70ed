"""What the use cases of `postale` need from outside, as ``typing.Protocol`` interfaces: the
print center (:class:`CentroStampa`: submit a mailing, report its tracking), the documents of a
command (claim checks in other services' areas), the maker of the mailing's PDF, the owner of
the Ordini's settings, the clock, and the repositories used inside a transaction; and
:class:`Dependencies`, the bundle the handlers get.

Nothing here builds anything: ``bootstrap`` picks the adapters."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from parcelle_contracts.common import FileRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_contracts.vocabolario import Messaggio, StatoRaccomandata
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.consumer import IdempotentConsumer
from parcelle_kit.store.ports import DocumentStore, Transaction
from postale.domain.raccomandata import Raccomandata


@dataclass(frozen=True)
class Spedizione:
    """A mailing handed to the print center."""

    chiave: str
    """Idempotency key (the command's message id): the same key is never sent twice."""
    ordine: str
    mittente: str
    """The sender as the return receipt names it (the Ordine, its address)."""
    nome: str
    indirizzo: str
    """The recipient's address, one line per part."""
    pdf: bytes
    fogli: int


@dataclass(frozen=True)
class Accettazione:
    """The print center took the mailing: its tracking number and acceptance slip (PDF)."""

    numero: str
    il: datetime
    distinta: bytes


@dataclass(frozen=True)
class Aggiornamento:
    """A step of the tracking as the print center reports it; with the scan of the return
    receipt when it came back."""

    stato: StatoRaccomandata
    il: datetime
    dettaglio: str | None = None
    scansione: bytes | None = None


class CentroStampa(Protocol):
    """The print center that prints, envelopes and posts a mailing as raccomandata A/R."""

    nome: str
    """How pages and documents name it."""
    simulato: bool
    """The local simulator: everything it touches is marked as such."""

    async def invia(self, spedizione: Spedizione) -> Accettazione:
        """Submit the mailing once per ``spedizione.chiave`` (a repeated key answers the first
        acceptance). Raises :class:`~postale.domain.errori.SpedizioneRifiutataError` when the
        print center refuses it, a ``TransientError`` when it cannot answer now."""
        ...

    async def aggiornamenti(self, numero: str) -> Sequence[Aggiornamento]:
        """Every step reported so far for ``numero``, in order (a ``TransientError`` when the
        print center cannot answer now)."""
        ...


class Documenti(Protocol):
    """The documents a command names, read from the area where their owner keeps them."""

    async def leggi(self, file: FileRef) -> bytes:
        """The bytes, checked against the claim check's SHA-256 and size
        (:class:`~postale.domain.errori.DocumentoNonValidoError` otherwise)."""
        ...


@dataclass(frozen=True)
class Lettera:
    """What the cover letter says."""

    ordine: str
    ordine_indirizzo: str
    ordine_pec: str
    nome: str
    indirizzo: str
    messaggio: Messaggio
    allegati: tuple[str, ...]
    """The enclosed documents' names, in order."""
    il: datetime
    simulatore: str | None = None
    """The simulator's name when it is the print center: the letter is marked with it."""


class Impaginatore(Protocol):
    """Makes the mailing's PDF: the cover letter for a window envelope, then the documents."""

    async def plico(self, lettera: Lettera, documenti: Sequence[bytes]) -> tuple[bytes, int]:
        """The PDF and its number of pages."""
        ...

    async def pagine(self, pdf: bytes) -> int:
        """The number of pages of a mailing made earlier."""
        ...


class Acquisizione(Protocol):
    """The owner of the Ordini's settings (the ``acquisizione`` service)."""

    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None:
        """The settings of ``ordine``, or ``None`` when the owner does not answer in time."""
        ...


class Orologio(Protocol):
    def __call__(self) -> datetime: ...


class RaccomandataRepository(Protocol):
    """The mailings, inside one transaction (optimistic updates)."""

    async def trova(self, raccomandata_id: str) -> Raccomandata | None: ...

    async def salva(self, raccomandata: Raccomandata) -> None:
        """Insert or update (a concurrent change makes the transaction run again)."""
        ...

    async def attive(self, limite: int) -> list[Raccomandata]:
        """Mailings still moving, the least recently updated first."""
        ...

    async def pagina(
        self, ordine: str, istanza_id: str | None, *, limite: int, dopo: str | None
    ) -> tuple[list[Raccomandata], str | None]:
        """A page of the Ordine's mailings (of one case), the newest first, and the cursor of
        the next page."""
        ...


class ImpostazioniRepository(Protocol):
    """The read copy of each Ordine's settings, inside one transaction."""

    async def leggi(self, ordine: str) -> ImpostazioniOrdine | None: ...

    async def sostituisci(self, impostazioni: ImpostazioniOrdine) -> bool: ...


@dataclass(frozen=True)
class Dependencies:
    """Everything the handlers of `postale` use, built by ``bootstrap`` (or a test)."""

    store: DocumentStore
    consumer: IdempotentConsumer
    raccomandate: Callable[[Transaction], RaccomandataRepository]
    impostazioni: Callable[[Transaction], ImpostazioniRepository]
    blobs: BlobStore
    """The service's own blob area (the mailings and their receipts)."""
    area: str
    documenti: Documenti
    impaginatore: Impaginatore
    centro: CentroStampa
    acquisizione: Acquisizione
    ora: Orologio
    sveglia: Callable[[], None]
    """Wakes the outbox relay after events staged outside the idempotent consumer."""
    fronte_retro: bool = False
    """The print center prints on both sides of each sheet."""
