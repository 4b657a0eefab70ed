"""Interfaces (``typing.Protocol``) the handlers of `notifiche` need from the outside world."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import Protocol

from notifiche.domain.invii import Invio, RicevutaRegistrata
from parcelle_contracts.ordini import ImpostazioniOrdine, ImpostazioniPosta
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.store.ports import DocumentStore, Transaction

# --- PEC receipts: what the intake of the providers' receipts needs -----------------------------


class VerificaFirma(Protocol):
    """The provider's S/MIME signature on a receipt."""

    async def verifica(self, grezza: bytes) -> bytes:
        """The signed content; ``FirmaNonValidaError`` when it does not verify against the
        trusted PEC provider CAs."""
        ...


class InviiRepository(Protocol):
    """The sent messages (written by the sending side), inside one transaction."""

    async def per_message_id(self, message_id_mail: str) -> Invio | None: ...


class RicevuteRepository(Protocol):
    """The receipts kept as proof, inside one transaction."""

    async def per_chiave(self, chiave: str) -> RicevutaRegistrata | None: ...

    async def leggi(self, ricevuta_id: str) -> RicevutaRegistrata | None: ...

    async def registra(self, ricevuta: RicevutaRegistrata) -> None:
        """Insert; a receipt with the same key raises ``DuplicateKeyError``."""
        ...


class CasellaPec(Protocol):
    """The Ordine's PEC mailbox, where the providers' receipts arrive."""

    async def nuove(self, limite: int) -> Sequence[tuple[str, bytes]]:
        """Up to ``limite`` messages not handled yet: (uid, raw bytes), left unread."""
        ...

    async def concludi(self, archiviate: Sequence[str], scartate: Sequence[str]) -> None:
        """Move the receipts kept to the archive folder; mark the refused ones, so that
        neither is read again (the refused stay in the inbox for people to see)."""
        ...


class ImpostazioniOrdini(Protocol):
    """An Ordine's settings: the read copy, else the owner's answer."""

    async def __call__(self, ordine: str) -> ImpostazioniOrdine | None: ...


class Orologio(Protocol):
    def __call__(self) -> datetime: ...


@dataclass(frozen=True)
class RicevuteDependencies:
    """Everything the receipts' use cases use, built by ``bootstrap`` (or a test)."""

    store: DocumentStore
    invii: Callable[[Transaction], InviiRepository]
    ricevute: Callable[[Transaction], RicevuteRepository]
    firma: VerificaFirma
    blobs: BlobStore
    """``notifiche``'s own area: the raw receipts, write-once."""
    area: str
    transfer: BlobStore
    sveglia: Callable[[], None]
    """Wakes the outbox relay once events are staged."""
    ora: Orologio
    caselle: Callable[[ImpostazioniPosta], CasellaPec | None]
    """The Ordine's PEC mailbox from its settings (None: the Ordine has none set)."""
    impostazioni: ImpostazioniOrdini
