"""What the use cases of `notifiche` need from outside, as ``typing.Protocol`` interfaces.

Sending: the mail transport (the seam where the PEC provider, real or simulated, plugs in), the
documents a command names, the templates, the signed links, the owner of the Ordini's settings,
the clock, and the repositories used inside a transaction; :class:`Dependencies` is the bundle
the sending handlers get. PEC receipts: the signature check, the receipts kept, the Ordini's
mailboxes; :class:`RicevuteDependencies` is the bundle of the receipts' intake. Both read the
one record of the messages sent (:class:`InvioRepository`).

Nothing here builds anything: ``bootstrap`` picks the adapters."""

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from email.message import EmailMessage
from typing import Any, Protocol

from notifiche.domain.invio import Invio
from notifiche.domain.posta import Redazione
from notifiche.domain.ricevute import RicevutaRegistrata
from parcelle_contracts.common import FileRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine, ImpostazioniPosta
from parcelle_contracts.vocabolario import CanalePosta, Messaggio
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.consumer import IdempotentConsumer
from parcelle_kit.store.ports import DocumentStore, Transaction


class Trasporto(Protocol):
    """Hands a mail to a server of one channel (the Ordine's mail server, its PEC provider, or
    in development the simulated PEC provider). Returns once the server accepted it; raises
    :class:`~notifiche.domain.errori.RecapitoRifiutatoError` on a permanent refusal and the
    kit's ``TransientError`` on anything that may pass (4xx, server unreachable, timeout)."""

    async def invia(self, messaggio: EmailMessage) -> None: ...


class Trasporti(Protocol):
    """The transport of an Ordine for a channel, from its mail settings (its servers and
    secret names)."""

    def __call__(self, posta: ImpostazioniPosta, canale: CanalePosta) -> Trasporto: ...


class Documenti(Protocol):
    """The documents commands name as claim checks."""

    async def leggi(self, documento: FileRef) -> bytes:
        """The bytes, checked against the claim check's SHA-256 and size;
        :class:`~notifiche.domain.errori.AllegatoNonValidoError` otherwise."""
        ...


class Modelli(Protocol):
    """The templates of the messages (Italian, formal register)."""

    def scrivi(self, messaggio: Messaggio, contesto: Mapping[str, Any]) -> Redazione: ...


class Collegamenti(Protocol):
    """Expiring signed download links of documents."""

    def link(self, documento: FileRef, *, istanza_id: str, ordine: str, scade_il: datetime) -> str:
        """The URL, valid until ``scade_il``."""
        ...


class Acquisizione(Protocol):
    """The owner of the Ordini's settings (the ``acquisizione`` service)."""

    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None:
        """The settings of ``ordine``, or ``None`` when the owner does not answer in time."""
        ...


class Orologio(Protocol):
    def __call__(self) -> datetime: ...


class InvioRepository(Protocol):
    """The delivery records (the messages sent), inside one transaction (optimistic
    updates)."""

    async def trova(self, message_id: str) -> Invio | None: ...

    async def per_message_id(self, message_id_mail: str) -> Invio | None:
        """The record of the mail with this Message-ID header (with or without ``<>``)."""
        ...

    async def salva(self, invio: Invio) -> None:
        """Insert or update (a concurrent change makes the transaction run again)."""
        ...

    async def non_consegnati(
        self, ordine: str, *, limit: int, after: str | None
    ) -> tuple[list[Invio], str | None]:
        """A page of the Ordine's records ``non_consegnata``, the latest first, and the cursor
        of the next page."""
        ...


class ImpostazioniRepository(Protocol):
    """The read copy of each Ordine's settings, inside one transaction."""

    async def leggi(self, ordine: str) -> ImpostazioniOrdine | None: ...

    async def sostituisci(self, impostazioni: ImpostazioniOrdine) -> bool:
        """Keep ``impostazioni`` if there is no copy or it has a higher ``versione``."""
        ...


@dataclass(frozen=True)
class Dependencies:
    """Everything the handlers of `notifiche` use, built by ``bootstrap`` (or a test)."""

    store: DocumentStore
    consumer: IdempotentConsumer
    invii: Callable[[Transaction], InvioRepository]
    impostazioni: Callable[[Transaction], ImpostazioniRepository]
    trasporti: Trasporti
    documenti: Documenti
    modelli: Modelli
    collegamenti: Collegamenti
    acquisizione: Acquisizione
    ora: Orologio
    mittente: str
    """The service's own sender, for an Ordine that set none."""


# --- PEC receipts: what the intake of the providers' receipts needs -----------------------------


class VerificaFirma(Protocol):
    """The provider's S/MIME signature on a receipt."""

    async def verifica(self, grezza: bytes) -> bytes:
        """The signed content; ``FirmaNonValidaError`` when it does not verify against the
        trusted PEC provider CAs."""
        ...


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


@dataclass(frozen=True)
class RicevuteDependencies:
    """Everything the receipts' use cases use, built by ``bootstrap`` (or a test)."""

    store: DocumentStore
    invii: Callable[[Transaction], InvioRepository]
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
