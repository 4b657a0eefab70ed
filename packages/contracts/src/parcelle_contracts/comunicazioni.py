"""Commands to the delivery services: ``notifiche`` (PEC, e-mail) and ``postale`` (registered
mail with return receipt). Each carries what to send and to whom, never the bytes: documents
travel as claim checks. ``message_id`` is the idempotency key of the delivery."""

from typing import ClassVar, Literal

from pydantic import Field

from parcelle_contracts.common import FileRef, Model
from parcelle_contracts.envelope import Command


class Destinatario(Model):
    nome: str
    pec: str | None = None
    email: str | None = None
    indirizzo: str | None = Field(default=None, description="Postal address, one line per part.")


class InviaComunicazione(Command):
    """Send a notice by PEC (or ordinary e-mail) with its documents attached."""

    owner: ClassVar[str] = "notifiche"
    name: ClassVar[str] = "invia_comunicazione"
    istanza_id: str
    comunicazione_id: str
    canale: Literal["pec", "email"]
    destinatario: Destinatario
    oggetto: str = Field(max_length=200)
    testo: str
    allegati: list[FileRef]


class InviaRaccomandata(Command):
    """Print and send a document by raccomandata A/R through the print center."""

    owner: ClassVar[str] = "postale"
    name: ClassVar[str] = "invia_raccomandata"
    istanza_id: str
    comunicazione_id: str
    destinatario: Destinatario
    documento: FileRef
