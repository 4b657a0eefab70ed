"""Messages of the ``istanze`` service: the lawyer's application (istanza), from draft to
deposit, and the case (pratica) status it owns.

What the lawyer writes (the content) is in :mod:`parcelle_contracts.contenuto`; its models
are named here too, where the messages that carry them live.
"""

from typing import ClassVar, Literal

from pydantic import AwareDatetime, Field

from parcelle_contracts.common import Attore, BlobRef, Model, Paginata
from parcelle_contracts.consegne import Seguito
from parcelle_contracts.contenuto import (
    CampoErrato,
    CampoNonLetto,
    Cliente,
    ContenutoIstanza,
    DatiPratica,
    Indirizzo,
    Voce,
    ids_voci,
)
from parcelle_contracts.denaro import Importo, Parametri
from parcelle_contracts.envelope import Command, Event, Query
from parcelle_contracts.vocabolario import (
    CategoriaAllegato,
    Fase,
    Requisito,
    Ruolo,
    Stato,
    TipoFile,
    TipoFirma,
    Tramite,
)

__all__ = [
    "AggiornaBozza",
    "AggiungiAllegato",
    "Allegato",
    "Azione",
    "CampoErrato",
    "CampoNonLetto",
    "Cliente",
    "ContenutoIstanza",
    "CreaBozza",
    "DatiPratica",
    "DepositaIstanza",
    "DettaglioIstanza",
    "ElencoIstanze",
    "Evento",
    "FileIstanza",
    "Firma",
    "FirmaDemoIstanza",
    "Indirizzo",
    "IntegrazioneAttesa",
    "Istanza",
    "IstanzaDepositata",
    "IstanzaRinunciata",
    "IstanzaSintesi",
    "Mancante",
    "PreparaDocumento",
    "RimuoviAllegato",
    "RinunciaIstanza",
    "Totali",
    "Voce",
    "ids_voci",
]

Azione = Literal["modifica", "allega", "firma", "deposita", "rinuncia", "integra"]
"""What the asking user may do with the case now, as its owner decides: pages show the buttons
of these and nothing else."""


class Totali(Model):
    """The amounts computed from the requested items (each step rounded to the cent)."""

    compenso: Importo
    spese_generali: Importo
    cpa: Importo
    iva: Importo
    spese: Importo
    totale: Importo


class Allegato(Model):
    id: str
    categoria: CategoriaAllegato
    nome_file: str
    content_type: str
    tipo: TipoFile = Field(description="What the content is, recognised from the bytes.")
    dimensione: int
    sha256: str
    caricato_il: AwareDatetime


class Firma(Model):
    """The signature found on the deposited application."""

    tipo: TipoFirma
    firmatario: str | None = None
    codice_fiscale: str | None = None
    emittente: str | None = None
    firmato_il: AwareDatetime | None = None
    sha256: str | None = Field(default=None, description="SHA-256 of the signed file.")


class Evento(Model):
    """One line of the case timeline."""

    quando: AwareDatetime
    stato: Stato
    descrizione: str
    chi: str | None = Field(default=None, description="Who acted, by name.")
    ruolo: Ruolo | None = Field(default=None, description="In what role they acted.")
    tramite: Tramite | None = Field(default=None, description="Through what they acted.")
    stazione: str | None = Field(default=None, description="The scanner station, if one.")


class Mancante(Model):
    """Something a deposit still needs."""

    requisito: Requisito = Field(description="Which requirement of the Ordine is not met.")
    etichetta: str = Field(description="What it is, in Italian.")


class IntegrazioneAttesa(Model):
    """What the relatore asked the lawyer to add, and by when."""

    testo: str
    scadenza: AwareDatetime
    richiesta_il: AwareDatetime


class Istanza(Model):
    """The application as its owner sees it."""

    id: str
    codice: str = Field(description="Application code; its last group is the check element.")
    ordine: str
    stato: Stato
    avvocato: Attore
    contenuto: ContenutoIstanza
    totali: Totali | None
    mancanti: list[Mancante] = Field(description="What a deposit still needs, in order.")
    requisiti: list[Requisito] = Field(
        default_factory=list,
        description="Everything the Ordine requires before a deposit, met or not: the pages "
        "mark those fields as required.",
    )
    errori: list[CampoErrato] = Field(
        default_factory=list,
        description="Every field of the draft that is wrong, with why: kept as written, they "
        "stop the deposit until corrected.",
    )
    non_letti: list[CampoNonLetto] = Field(
        default_factory=list,
        description="Fields a form could not read as their type, kept as typed (by the form's "
        "own path); their errors are in ``errori`` too.",
    )
    allegati: list[Allegato]
    documento_pronto: bool = Field(description="The application PDF matches the current data.")
    documento_sha256: str | None = None
    ricevuta_sha256: str | None = Field(
        default=None, description="SHA-256 of the deposit receipt, once issued."
    )
    protocollo: str | None = None
    depositata_il: AwareDatetime | None = None
    creata_il: AwareDatetime
    aggiornata_il: AwareDatetime
    firma_richiesta: bool = Field(description="The Ordine requires a digital signature.")
    firma: Firma | None = Field(
        default=None,
        description="Before deposit: the verified signed file ready to deposit; after: the "
        "signature of the deposited application.",
    )
    cronologia: list[Evento]
    parametri: dict[Fase, Parametri] = Field(
        default_factory=dict,
        description="The DM 147/2022 range of each phase for the matter as it stands (none "
        "where no verified table applies or the value is not given yet).",
    )
    azioni: list[Azione] = Field(
        description="What the asking user may do now; the pages offer exactly these."
    )
    integrazione: IntegrazioneAttesa | None = Field(
        default=None, description="The integration the relatore asked and the lawyer owes."
    )
    provvedimento: bool = Field(
        default=False,
        description="The signed order (or the signed refusal) exists: `revisione` serves it.",
    )
    diritti: Importo | None = Field(
        default=None, description="The council fee due, as the signed decision states it."
    )
    seguito: Seguito | None = Field(default=None, description="Once the decision is signed.")


class IstanzaSintesi(Model):
    """A line of the lawyer's list of cases."""

    id: str
    codice: str
    protocollo: str | None
    cliente: str | None
    importo_richiesto: Importo | None
    stato: Stato
    aggiornata_il: AwareDatetime
    inviata_al_cliente_il: AwareDatetime | None = None
    """When the signed order was first sent to the client (``None``: not yet)."""


# --- requests (gateway -> istanze, request/reply; every reply is an Esito) ---------------------


class _Richiesta(Command):
    owner: ClassVar[str] = "istanze"
    attore: Attore


class _Domanda(Query):
    owner: ClassVar[str] = "istanze"
    attore: Attore


class CreaBozza(_Richiesta):
    """Start a new application. ``istanza_id`` is chosen by the sender, so a retry creates one."""

    name: ClassVar[str] = "crea_bozza"
    istanza_id: str
    contenuto: ContenutoIstanza = Field(default_factory=ContenutoIstanza)


class AggiornaBozza(_Richiesta):
    """Replace the parts of the draft that are given (a part left out stays as it was). Wrong
    values are saved as written and named in the reply's ``errori``: nothing typed is lost."""

    name: ClassVar[str] = "aggiorna_bozza"
    istanza_id: str
    contenuto: ContenutoIstanza
    parti: list[
        Literal["cliente", "pratica", "voci", "spese", "spese_generali_percentuale", "note"]
    ]
    non_letti: list[CampoNonLetto] = Field(
        default_factory=list,
        max_length=200,
        description="Fields of the given parts the sender could not read as their type, as "
        "typed, by path; they replace those the draft kept for these parts.",
    )


class AggiungiAllegato(_Richiesta):
    """Attach a file the gateway left in the transfer area."""

    name: ClassVar[str] = "aggiungi_allegato"
    istanza_id: str
    categoria: CategoriaAllegato
    nome_file: str = Field(max_length=255)
    file: BlobRef


class RimuoviAllegato(_Richiesta):
    name: ClassVar[str] = "rimuovi_allegato"
    istanza_id: str
    allegato_id: str


class PreparaDocumento(_Richiesta):
    """Generate (or reuse) the application PDF for the current data; replies a FileRef."""

    name: ClassVar[str] = "prepara_documento"
    istanza_id: str


class FirmaDemoIstanza(_Richiesta):
    """Development only: sign the application PDF with the demo lawyer's certificate."""

    name: ClassVar[str] = "firma_demo"
    istanza_id: str


class DepositaIstanza(_Richiesta):
    """Deposit: ``firmato`` is the signed PDF or .p7m (in the transfer area), or None where the
    Ordine accepts a hand-signed original at the counter."""

    name: ClassVar[str] = "deposita_istanza"
    istanza_id: str
    firmato: BlobRef | None = None
    nome_file: str | None = Field(default=None, max_length=255)


class RinunciaIstanza(_Richiesta):
    name: ClassVar[str] = "rinuncia_istanza"
    istanza_id: str
    motivo: str = Field(min_length=3, max_length=2000)


# --- queries (request/reply) -------------------------------------------------------------------


class ElencoIstanze(_Domanda, Paginata):
    """The asking lawyer's cases, the latest changed first, a page at a time (replies
    ``Pagina[IstanzaSintesi]``)."""

    name: ClassVar[str] = "elenco_istanze"
    stato: Stato | None = None
    cerca: str | None = Field(
        default=None,
        min_length=1,
        max_length=100,
        description="The start of the application code (with a digit or a dash) or of the "
        "client's name.",
    )
    inviata_al_cliente: bool | None = Field(
        default=None,
        description="Only the cases whose signed order was (true) or was not yet (false) "
        "sent to the client.",
    )


class DettaglioIstanza(_Domanda):
    name: ClassVar[str] = "dettaglio_istanza"
    istanza_id: str


class FileIstanza(_Domanda):
    """Which file of a case to download: the application PDF, the receipt, the signed file,
    or an attachment."""

    name: ClassVar[str] = "file_istanza"
    istanza_id: str
    quale: Literal["documento", "ricevuta", "firmato", "allegato"]
    allegato_id: str | None = None


# --- events ------------------------------------------------------------------------------------


class IstanzaDepositata(Event):
    """An application was deposited: the secretariat may now acquire it."""

    owner: ClassVar[str] = "istanze"
    name: ClassVar[str] = "istanza_depositata"
    istanza_id: str
    codice: str
    avvocato: Attore
    cliente: str | None = Field(description="Client's name, for the pending list.")
    importo_richiesto: Importo | None
    firma: TipoFirma
    depositata_il: AwareDatetime


class IstanzaRinunciata(Event):
    owner: ClassVar[str] = "istanze"
    name: ClassVar[str] = "istanza_rinunciata"
    istanza_id: str
    codice: str
    motivo: str
    rinunciata_il: AwareDatetime
    rinunciata_da: Attore = Field(description="The lawyer, and through what they withdrew.")
