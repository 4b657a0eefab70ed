"""Messages of ``postale``: registered mail with return receipt (raccomandata A/R) through a
print center. The command carries the documents as claim checks; ``postale`` composes the
mailing (cover letter for a window envelope, then the documents), submits it and publishes each
step of its tracking. The command's ``message_id`` is the idempotency key of the submission."""

from typing import ClassVar

from pydantic import AwareDatetime, Field

from parcelle_contracts.common import FileRef
from parcelle_contracts.comunicazioni import Destinatario
from parcelle_contracts.denaro import Importo
from parcelle_contracts.envelope import Command, Event
from parcelle_contracts.vocabolario import Messaggio, StatoRaccomandata


class InviaRaccomandata(Command):
    """Print and send documents by raccomandata A/R through the print center."""

    owner: ClassVar[str] = "postale"
    name: ClassVar[str] = "invia_raccomandata"
    istanza_id: str
    comunicazione_id: str
    messaggio: Messaggio = Field(
        default="avvio_procedimento", description="What the mailing is (the cover letter says)."
    )
    destinatario: Destinatario
    documento: FileRef
    altri_documenti: list[FileRef] = Field(default_factory=list)


class RaccomandataAggiornata(Event):
    """A step of a raccomandata's tracking; ``ricevuta_id`` names a receipt kept by ``postale``
    (the acceptance slip, the scan of the return receipt)."""

    owner: ClassVar[str] = "postale"
    name: ClassVar[str] = "raccomandata_aggiornata"
    istanza_id: str
    comunicazione_id: str
    stato: StatoRaccomandata
    numero: str | None = Field(default=None, description="Tracking number of the raccomandata.")
    costo: Importo | None = Field(default=None, description="Price of the mailing.")
    ricevuta_id: str | None = None
    dettaglio: str | None = None
    il: AwareDatetime
    simulata: bool = Field(default=False, description="Reported by the print-center simulator.")
