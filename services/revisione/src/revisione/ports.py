"""What the use cases of `revisione` need from outside, as ``typing.Protocol`` interfaces: the
``istanze`` service (the application's content), the ``firma`` service (the Ordine's
signature), the owner of the Ordini's settings, the order's PDF, the clock, and the
repositories used inside a transaction (the reviews, the application as decided, the read copy
of each Ordine's settings); and :class:`Dependencies`, the bundle the handlers get.

Nothing here builds anything: ``bootstrap`` picks the adapters."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from parcelle_contracts import istanze as contratti_istanze
from parcelle_contracts.common import Attore, BlobRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.firma import FirmaApposta
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.consumer import IdempotentConsumer
from parcelle_kit.store.ports import DocumentStore, Transaction
from revisione.domain.revisione import Revisione


class Istanze(Protocol):
    """The owner of the application (the ``istanze`` service)."""

    async def dettaglio(
        self, cause: Message, istanza_id: str, attore: Attore
    ) -> contratti_istanze.Istanza:
        """The application as ``attore`` sees it; a refusal raises ``NonTrovataError``, no
        answer in time a ``TransientError``."""
        ...


class Firme(Protocol):
    """The ``firma`` service: signs a PDF with the Ordine's key."""

    async def firma(
        self, cause: Message, message_id: str, documento: BlobRef, firmatario: str, motivo: str
    ) -> FirmaApposta:
        """``documento`` signed (PAdES); ``message_id`` makes a repeated request sign once. No
        answer in time raises a ``TransientError``."""
        ...


class Acquisizione(Protocol):
    """The owner of the Ordini's settings (the ``acquisizione`` service)."""

    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None:
        """The settings of ``ordine``, or ``None`` when the owner does not answer in time."""
        ...


class Documenti(Protocol):
    """The liquidation order (or the refusal) as a PDF/A."""

    async def provvedimento(
        self,
        revisione: Revisione,
        istanza: contratti_istanze.Istanza,
        impostazioni: ImpostazioniOrdine,
    ) -> bytes: ...


class Orologio(Protocol):
    def __call__(self) -> datetime: ...


class RevisioneRepository(Protocol):
    """The reviews, inside one transaction (optimistic updates)."""

    async def trova(self, istanza_id: str) -> Revisione | None: ...

    async def prendi(self, istanza_id: str) -> Revisione:
        """The review, or :class:`~revisione.domain.errori.NonTrovataError`."""
        ...

    async def salva(self, revisione: Revisione) -> None:
        """Insert or update (a concurrent change makes the transaction run again)."""
        ...


class FascicoloRepository(Protocol):
    """The application as it was when decided: the order is made from this copy, so a
    redelivered signing step renders the same content."""

    async def leggi(self, istanza_id: str) -> contratti_istanze.Istanza | None: ...

    async def salva(self, istanza: contratti_istanze.Istanza) -> None: ...


class ImpostazioniRepository(Protocol):
    """The read copy of each Ordine's settings, inside one transaction."""

    async def leggi(self, ordine: str) -> ImpostazioniOrdine | None: ...

    async def sostituisci(self, impostazioni: ImpostazioniOrdine) -> bool:
        """Keep ``impostazioni`` if there is no copy or it has a higher ``versione``."""
        ...


@dataclass(frozen=True)
class Dependencies:
    """Everything the handlers of `revisione` use, built by ``bootstrap`` (or a test)."""

    store: DocumentStore
    consumer: IdempotentConsumer
    revisioni: Callable[[Transaction], RevisioneRepository]
    fascicoli: Callable[[Transaction], FascicoloRepository]
    impostazioni: Callable[[Transaction], ImpostazioniRepository]
    blobs: BlobStore
    """The service's own blob area (the signed orders)."""
    area: str
    transfer: BlobStore
    istanze: Istanze
    firme: Firme
    acquisizione: Acquisizione
    documenti: Documenti
    ora: Orologio
