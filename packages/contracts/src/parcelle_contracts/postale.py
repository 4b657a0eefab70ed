"""Messages of ``postale``: registered mail with return receipt (raccomandata A/R) through a
print center. The command carries the documents as claim checks; ``postale`` composes the
mailing (cover letter for a window envelope, then the documents), submits it and publishes each
step of its tracking. The command's ``message_id`` is the idempotency key of the submission."""

from typing import ClassVar

from pydantic import AwareDatetime, Field

from parcelle_contracts.common import Attore, FileRef, Model, Paginata
from parcelle_contracts.comunicazioni import Destinatario
from parcelle_contracts.denaro import Importo
from parcelle_contracts.envelope import Command, Event, Query
from parcelle_contracts.vocabolario import Messaggio, StatoRaccomandata, TipoRicevutaPostale


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
    lettori: list[str] = Field(
        default_factory=list,
        max_length=5,
        description="Usernames of the Ordine who may download this delivery's receipts besides "
        "its secretariat: the lawyer who sent their order to the client.",
    )


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
    raccomandata_id: str | None = Field(
        default=None, description="The mailing the receipt belongs to (to download it)."
    )
    dettaglio: str | None = None
    il: AwareDatetime
    simulata: bool = Field(default=False, description="Reported by the print-center simulator.")


# --- what the secretariat reads (gateway -> postale, request/reply; replies are Esito) ---------


class RicevutaPostale(Model):
    """A receipt kept by ``postale`` (write-once, with its SHA-256)."""

    id: str
    tipo: TipoRicevutaPostale
    file: FileRef = Field(description="Where it lies, in ``postale``'s own area.")
    il: AwareDatetime
    simulata: bool = Field(description="Produced by the print-center simulator.")


class PassoRaccomandata(Model):
    """One step of the tracking, as it was reported."""

    stato: StatoRaccomandata
    il: AwareDatetime
    dettaglio: str | None = None


class Raccomandata(Model):
    """A mailing as the secretariat sees it: recipient, cost, where it is, its receipts."""

    id: str
    istanza_id: str
    comunicazione_id: str
    ordine: str
    messaggio: Messaggio
    destinatario: Destinatario
    stato: StatoRaccomandata
    numero: str | None = Field(description="Tracking number (none when refused).")
    fogli: int = Field(ge=0, description="Sheets printed (none when refused).")
    costo: Importo = Field(description="Price of the mailing at the Ordine's tariffs.")
    simulata: bool = Field(description="Handled by the print-center simulator.")
    creata_il: AwareDatetime
    aggiornata_il: AwareDatetime
    passi: list[PassoRaccomandata]
    ricevute: list[RicevutaPostale]


class PaginaRaccomandate(Model):
    """A page of mailings, the newest first, and who prints them."""

    items: list[Raccomandata]
    next: str | None = None
    centro_stampa: str = Field(description="The print center's name, as pages show it.")
    simulatore: bool = Field(description="The print center is the local simulator.")


class _Domanda(Query):
    owner: ClassVar[str] = "postale"
    attore: Attore


class ElencoRaccomandate(_Domanda, Paginata):
    """The Ordine's mailings (of one case, with ``istanza_id``), the newest first; for the
    secretariat (replies :class:`PaginaRaccomandate`)."""

    name: ClassVar[str] = "elenco_raccomandate"
    istanza_id: str | None = None


class FileRicevutaPostale(_Domanda):
    """Where a receipt of a mailing lies (replies a ``FileRef`` in ``postale``'s own area,
    which the gateway streams to the user); for the secretariat of its Ordine and the readers
    its command named (``InviaRaccomandata.lettori``)."""

    name: ClassVar[str] = "file_ricevuta_postale"
    raccomandata_id: str
    ricevuta_id: str
