"""Messages of ``notifiche`` (e-mail and PEC): the command that asks for a message, and the facts
of its delivery. A command names which message (``messaggio``) and carries its data, never its
wording: the texts are ``notifiche``'s templates. Documents travel as claim checks, never as
bytes. The command's ``message_id`` is the idempotency key: a redelivered command never sends a
second mail."""

from datetime import date
from typing import ClassVar

from pydantic import AwareDatetime, Field

from parcelle_contracts.common import Attore, BlobRef, FileRef, Model, Paginata
from parcelle_contracts.denaro import Importo
from parcelle_contracts.envelope import Command, Event, Query
from parcelle_contracts.vocabolario import CanalePosta, Messaggio, TipoRicevutaPec


class Destinatario(Model):
    nome: str
    pec: str | None = None
    email: str | None = None
    indirizzo: str | None = Field(default=None, description="Postal address, one line per part.")


class DatiComunicazione(Model):
    """What a message says, as data: every field a template may print (none is required by all)."""

    protocollo: str | None = Field(default=None, description="Protocol number, e.g. 2026/000123.")
    avvocato: str | None = Field(default=None, description="The applicant's name.")
    cliente: str | None = Field(default=None, description="The client's (obligor's) name.")
    relatore: str | None = Field(default=None, description="The reporting councillor's name.")
    depositata_il: AwareDatetime | None = None
    scadenza: date | None = Field(default=None, description="A term's last day.")
    giorni: int | None = Field(default=None, ge=0, description="A term in days.")
    testo: str | None = Field(default=None, description="The relatore's or clerk's own words.")
    liquidato: Importo | None = Field(default=None, description="Total liquidated.")
    diritti: Importo | None = Field(default=None, description="Council fee due.")
    pagamento: str | None = Field(default=None, description="How and when it was paid.")
    link: str | None = Field(default=None, description="Expiring download link of a document.")
    link_scade_il: AwareDatetime | None = None


class InviaComunicazione(Command):
    """Send one message to one recipient through one channel (a recipient reached by e-mail and
    PEC gets two commands)."""

    owner: ClassVar[str] = "notifiche"
    name: ClassVar[str] = "invia_comunicazione"
    istanza_id: str
    comunicazione_id: str = Field(description="The sender's id of this delivery.")
    messaggio: Messaggio
    canale: CanalePosta
    destinatario: Destinatario
    dati: DatiComunicazione = Field(default_factory=DatiComunicazione)
    allegati: list[FileRef] = Field(default_factory=list)
    lettori: list[str] = Field(
        default_factory=list,
        max_length=5,
        description="Usernames of the Ordine who may download this delivery's receipts besides "
        "its secretariat: the lawyer who sent their order to the client.",
    )


class ComunicazioneSpedita(Event):
    """The SMTP server accepted the message (for PEC: the provider; receipts follow)."""

    owner: ClassVar[str] = "notifiche"
    name: ClassVar[str] = "comunicazione_spedita"
    istanza_id: str
    comunicazione_id: str
    messaggio: Messaggio
    canale: CanalePosta
    indirizzo: str = Field(description="The address it was sent to.")
    message_id_mail: str = Field(description="The Message-ID header of the sent mail.")
    spedita_il: AwareDatetime


class RicevutaPecRegistrata(Event):
    """A PEC receipt whose provider signature verified, matched to a sent message and kept by
    ``notifiche`` as legal proof (downloadable by its ``ricevuta_id``)."""

    owner: ClassVar[str] = "notifiche"
    name: ClassVar[str] = "ricevuta_pec_registrata"
    istanza_id: str
    comunicazione_id: str
    ricevuta_id: str
    tipo: TipoRicevutaPec
    destinatario: str | None = Field(default=None, description="Whose mailbox it is about.")
    ricevuta_il: AwareDatetime
    simulata: bool = Field(default=False, description="Issued by the development simulator.")
    errore: str | None = Field(
        default=None,
        description="For a non-delivery: the provider's code (no-dest, no-dominio, virus, altro) "
        "and its own words (errore-esteso).",
    )


class ComunicazioneNonRecapitata(Event):
    """A message could not be sent (permanent refusal, or retries exhausted): the secretariat
    is alerted."""

    owner: ClassVar[str] = "notifiche"
    name: ClassVar[str] = "comunicazione_non_recapitata"
    istanza_id: str
    comunicazione_id: str
    messaggio: Messaggio
    canale: CanalePosta
    indirizzo: str | None = None
    motivo: str
    il: AwareDatetime


class ElencoNonRecapitate(Query, Paginata):
    """The messages of the envelope's ``ordine`` that could not be sent, the latest first
    (replies ``Pagina[InvioNonRecapitato]``); for the secretariat."""

    owner: ClassVar[str] = "notifiche"
    name: ClassVar[str] = "elenco_non_recapitate"
    attore: Attore


class InvioNonRecapitato(Model):
    """One message that could not be sent, as the secretariat's alert lists it."""

    istanza_id: str
    comunicazione_id: str
    messaggio: Messaggio
    canale: CanalePosta
    destinatario: str = Field(description="The recipient's name.")
    indirizzo: str | None = None
    oggetto: str | None = Field(default=None, description="The mail's subject, when composed.")
    protocollo: str | None = None
    motivo: str
    il: AwareDatetime


# --- PEC receipts pushed by a provider, and their download -------------------------------------


class RicevutaPecAccolta(Model):
    """What ``notifiche`` did with a receipt: kept as proof (or kept already: ``duplicata``)."""

    ricevuta_id: str
    tipo: TipoRicevutaPec
    istanza_id: str
    comunicazione_id: str
    duplicata: bool = Field(description="The same receipt was kept already; nothing changed.")
    simulata: bool = False


class RegistraRicevutaPec(Command):
    """A raw PEC receipt (message/rfc822) to verify, match and keep; the bytes lie in the
    transfer area. Replies :class:`RicevutaPecAccolta`, or a refusal (``firma_non_valida``,
    ``ricevuta_non_valida``, ``invio_non_trovato``). ``ordine`` is the Ordine whose provider
    pushed it: a receipt of another Ordine's message is not found."""

    owner: ClassVar[str] = "notifiche"
    name: ClassVar[str] = "registra_ricevuta_pec"
    ricevuta: BlobRef = Field(description="The raw receipt as received, in the transfer area.")


class FileRicevutaPec(Query):
    """Where a kept PEC receipt lies (replies a ``FileRef`` in ``notifiche``'s own area, the
    raw signed message as received); for the secretariat of its Ordine and the readers its
    command named (``InviaComunicazione.lettori``)."""

    owner: ClassVar[str] = "notifiche"
    name: ClassVar[str] = "file_ricevuta_pec"
    attore: Attore
    ricevuta_id: str
