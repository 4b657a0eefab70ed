"""The record of one delivery: one command, one mail, one recipient through one channel.

It is written before the mail is handed to the server (``in_attesa``, with the Message-ID the
mail will carry, derived from the command's id), so that a redelivered command finds it: once
``inviata`` or ``non_consegnata`` nothing is sent again. A crash after the server accepted the
mail and before the record says so leaves it ``in_attesa``: the redelivery sends the mail once
more, with the same Message-ID (at most one duplicate, which the recipient's mail system can
recognise as such). ``consegnata`` is for a later proof of delivery (a PEC receipt).

Two deliveries of the same command at once (two replicas, a publisher's duplicate) never both
send: the one that sends first takes the record for a while (``in_corso_fino``); the other
finds it taken and comes back later, when the record says how it ended."""

from dataclasses import dataclass, replace
from datetime import datetime, timedelta
from typing import Final

from parcelle_contracts.vocabolario import CanalePosta, Messaggio, StatoInvio

DOMINIO_PREDEFINITO = "parcelle.invalid"
PRESA: Final = timedelta(minutes=2)
"""How long a delivery holds the record while it sends (longer than any SMTP exchange)."""


def message_id_mail(message_id: str, mittente: str) -> str:
    """The Message-ID header of the mail a command sends: the same for every delivery of the
    command, in the sender's domain."""
    dominio = mittente.rpartition("@")[2].strip().lower() or DOMINIO_PREDEFINITO
    return f"<{message_id}@{dominio}>"


@dataclass(frozen=True)
class Invio:
    message_id: str
    """The command's id: the idempotency key."""
    comunicazione_id: str
    istanza_id: str
    ordine: str
    correlation_id: str
    messaggio: Messaggio
    canale: CanalePosta
    destinatario: str
    indirizzo: str | None
    message_id_mail: str
    stato: StatoInvio
    creato_il: datetime
    aggiornato_il: datetime
    oggetto: str | None = None
    protocollo: str | None = None
    spedito_il: datetime | None = None
    motivo: str | None = None
    in_corso_fino: datetime | None = None
    """Until when a delivery that is sending holds the record."""
    lettori: tuple[str, ...] = ()
    """Usernames of the Ordine who may download the receipts of this delivery besides its
    secretariat (the command's ``lettori``); none for a record written before they were
    kept."""

    @property
    def concluso(self) -> bool:
        """Sent or given up: a redelivered command does nothing more."""
        return self.stato != "in_attesa"

    def preso(self, ora: datetime) -> bool:
        """Whether another delivery is sending it now."""
        return self.in_corso_fino is not None and ora < self.in_corso_fino

    def prendi(self, ora: datetime) -> "Invio":
        """Held by the delivery that sends it now."""
        return replace(self, in_corso_fino=ora + PRESA)

    def spedito(self, oggetto: str, ora: datetime) -> "Invio":
        return replace(self, stato="inviata", oggetto=oggetto, spedito_il=ora, aggiornato_il=ora)

    def non_consegnato(self, motivo: str, ora: datetime) -> "Invio":
        return replace(self, stato="non_consegnata", motivo=motivo[:500], aggiornato_il=ora)
