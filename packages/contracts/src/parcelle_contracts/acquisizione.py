"""Messages of the ``acquisizione`` service: the secretariat acquires a deposited application
(by its 2D code or from the pending list), registers it with a protocol number, assigns the
reporting councillor (relatore) and sends the notice of start of proceedings."""

from typing import ClassVar, Literal

from pydantic import AwareDatetime, Field

from parcelle_contracts.common import Attore, BlobRef, FileRef, Model, Paginata
from parcelle_contracts.denaro import Importo
from parcelle_contracts.envelope import Command, Event, Query
from parcelle_contracts.vocabolario import (
    Canale,
    GenereFirma,
    Ruolo,
    Stato,
    StatoInvio,
    TipoComunicazione,
    TipoFirma,
    Tramite,
)

Origine = Literal["scanner", "elenco", "api"]
"""How the clerk pointed at the case: a scanned 2D code, a click in the pending list, the API."""


class PraticaInAttesa(Model):
    """A deposited application not yet acquired: a line of the pending list."""

    istanza_id: str
    codice: str
    avvocato: str = Field(description="Applicant's name.")
    cliente: str | None
    importo_richiesto: Importo | None
    firma: TipoFirma
    depositata_il: AwareDatetime


class Assegnazione(Model):
    relatore: str = Field(description="Username of the reporting councillor.")
    nome: str = Field(description="The councillor's name, for display.")
    assegnata_il: AwareDatetime
    da: str = Field(description="Who assigned: a clerk's username, or 'automatica'.")
    motivo: str | None = None


class Comunicazione(Model):
    """A notice sent (or waiting to be sent) about the case."""

    id: str
    tipo: TipoComunicazione
    destinatario: str = Field(description="Who it is for: the client, the applicant.")
    canale: Canale
    stato: StatoInvio
    documento: FileRef
    aggiornata_il: AwareDatetime


class Passo(Model):
    """One line of the case's register timeline: who did what, when, from where."""

    quando: AwareDatetime
    descrizione: str
    chi: str
    ruolo: Ruolo | None = Field(default=None, description="In what role they acted.")
    tramite: Tramite | None = Field(default=None, description="Through what they acted.")
    stazione: str | None = Field(default=None, description="The scanner station, if one.")


class Pratica(Model):
    """The case as the secretariat sees it."""

    istanza_id: str
    codice: str
    ordine: str
    stato: Stato
    avvocato: str
    cliente: str | None
    importo_richiesto: Importo | None
    firma: TipoFirma
    depositata_il: AwareDatetime
    protocollo: str | None = Field(description="Protocol number, e.g. 2026/000123.")
    acquisita_il: AwareDatetime | None
    originale_ricevuto: bool = Field(description="Hand-signed original received at the counter.")
    bollo_ricevuto: bool = Field(
        default=False, description="Stamp duty received with it, where the Ordine asks for it."
    )
    relatore: Assegnazione | None
    assegnazioni: list[Assegnazione] = Field(description="Every assignment, oldest first.")
    scadenza: AwareDatetime | None = Field(description="Legal deadline of the procedure.")
    giorni_osservazioni: int | None = Field(description="Days the client has for observations.")
    comunicazioni: list[Comunicazione]
    osservazioni: list[FileRef]
    cronologia: list[Passo]
    gia_acquisita: bool = Field(
        default=False, description="True when this request found the case already acquired."
    )


class RiepilogoAttesa(Model):
    """How many deposited applications wait for the secretariat, by kind of signature."""

    totale: int
    firmate_digitalmente: int
    con_firma_autografa: int
    marca_da_bollo: bool = Field(
        default=False,
        description="The Ordine asks for stamp duty with a hand-signed deposit: acquiring one "
        "needs `bollo_ricevuto` too.",
    )


# --- requests (gateway -> acquisizione, request/reply; replies are Esito) ----------------------


class _Richiesta(Command):
    owner: ClassVar[str] = "acquisizione"
    attore: Attore


class _Domanda(Query):
    owner: ClassVar[str] = "acquisizione"
    attore: Attore


class AcquisisciPratica(_Richiesta):
    """Acquire the case whose code was scanned, typed or clicked; acquiring it again changes
    nothing and answers with the registration already made."""

    name: ClassVar[str] = "acquisisci_pratica"
    codice: str = Field(min_length=1, max_length=100, description="As scanned or typed.")
    origine: Origine
    letto_il: AwareDatetime | None = Field(default=None, description="When it was scanned.")
    originale_ricevuto: bool = Field(
        default=False, description="For a hand-signed deposit: the signed original is at hand."
    )
    bollo_ricevuto: bool = Field(
        default=False,
        description="For a hand-signed deposit, where the Ordine asks for it: the stamp duty "
        "(marca da bollo) is at hand.",
    )


class AssegnaRelatore(_Richiesta):
    name: ClassVar[str] = "assegna_relatore"
    istanza_id: str
    relatore: str
    motivo: str | None = Field(default=None, max_length=500)


class AggiungiOsservazioni(_Richiesta):
    """The client's observations (a PDF) received after the notice."""

    name: ClassVar[str] = "aggiungi_osservazioni"
    istanza_id: str
    file: BlobRef
    nome_file: str = Field(max_length=255)


class ElencoInAttesa(_Domanda, Paginata):
    """The deposited applications not yet acquired, the oldest first (replies
    ``Pagina[PraticaInAttesa]``)."""

    name: ClassVar[str] = "elenco_in_attesa"
    cerca: str | None = Field(
        default=None,
        max_length=100,
        description="The start of the application code (with a digit), or of the lawyer's "
        "family name.",
    )
    firma: GenereFirma | None = None


class RiepilogoInAttesa(_Domanda):
    """How many applications wait, by kind of signature (replies ``RiepilogoAttesa``)."""

    name: ClassVar[str] = "riepilogo_in_attesa"


class DettaglioPratica(_Domanda):
    name: ClassVar[str] = "dettaglio_pratica"
    istanza_id: str


class ElencoAssegnate(_Domanda, Paginata):
    """The acquired cases assigned to the asking councillor, the nearest deadline first
    (replies ``Pagina[Pratica]``)."""

    name: ClassVar[str] = "elenco_assegnate"
    cerca: str | None = Field(
        default=None,
        max_length=100,
        description="The start of the application code (with a digit), or of the lawyer's "
        "family name.",
    )


class ElencoScadenze(_Domanda, Paginata):
    """Acquired cases whose deadline is near (within ``giorni``) or past, the nearest first
    (replies ``Pagina[Pratica]``)."""

    name: ClassVar[str] = "elenco_scadenze"
    giorni: int = Field(default=10, ge=0, le=365)
    cerca: str | None = Field(
        default=None,
        max_length=100,
        description="The start of the application code (with a digit), or of the lawyer's "
        "family name.",
    )


# --- events --------------------------------------------------------------------------------------


class PraticaAcquisita(Event):
    """Registered with a protocol number: ``istanze`` moves the case to ``acquisita``."""

    owner: ClassVar[str] = "acquisizione"
    name: ClassVar[str] = "pratica_acquisita"
    istanza_id: str
    codice: str
    protocollo: str
    acquisita_il: AwareDatetime
    acquisita_da: Attore = Field(description="The clerk, and through what (station, web, API).")


class RelatoreAssegnato(Event):
    owner: ClassVar[str] = "acquisizione"
    name: ClassVar[str] = "relatore_assegnato"
    istanza_id: str
    relatore: str = Field(description="The relatore's login name.")
    relatore_nome: str | None = Field(default=None, description="The relatore's name.")
    assegnato_il: AwareDatetime


class AvvioNotificato(Event):
    """The notice of start of proceedings reached the client (PEC delivered, letter delivered):
    the client's observations term runs from ``notificato_il``."""

    owner: ClassVar[str] = "acquisizione"
    name: ClassVar[str] = "avvio_notificato"
    istanza_id: str
    notificato_il: AwareDatetime


class OsservazioniAggiunte(Event):
    """The client's observations reached the case: a decision that waits for them (the
    Ordine's ``revisione.attendi_osservazioni``) need not wait for the end of the term."""

    owner: ClassVar[str] = "acquisizione"
    name: ClassVar[str] = "osservazioni_aggiunte"
    istanza_id: str
    aggiunte_il: AwareDatetime
