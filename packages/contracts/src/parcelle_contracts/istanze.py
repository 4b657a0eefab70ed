"""Messages of the ``istanze`` service: the lawyer's application (istanza), from draft to
deposit, and the case (pratica) status it owns.

Drafts are saved at every step, so every field of the content is optional here; the service
says what is missing when the lawyer asks for the document to sign or deposits.
"""

from datetime import date
from decimal import Decimal
from typing import Annotated, ClassVar, Literal

from pydantic import (
    AwareDatetime,
    BeforeValidator,
    ConfigDict,
    Field,
    StrictBool,
    StrictInt,
    WithJsonSchema,
)

from parcelle_contracts.common import Attore, BlobRef, Model, Paginata, non_un_numero
from parcelle_contracts.consegne import Seguito
from parcelle_contracts.denaro import Importo, ImportoRichiesto, Parametri
from parcelle_contracts.envelope import Command, Event, Query
from parcelle_contracts.esempi import ESEMPIO
from parcelle_contracts.vocabolario import (
    CategoriaAllegato,
    Fase,
    Procedimento,
    Requisito,
    Ruolo,
    Stato,
    TipoCliente,
    TipoFile,
    TipoFirma,
    Tramite,
)

Azione = Literal["modifica", "allega", "firma", "deposita", "rinuncia", "integra"]
"""What the asking user may do with the case now, as its owner decides: pages show the buttons
of these and nothing else."""


Data = Annotated[date, BeforeValidator(non_un_numero)]
"""A date the lawyer enters: ``AAAA-MM-GG``, never a number."""
Testo = Annotated[str, Field(max_length=200)]
TestoLungo = Annotated[str, Field(max_length=4000)]


class Indirizzo(Model):
    via: Testo | None = Field(default=None, description="Street and number.")
    cap: str | None = Field(default=None, pattern=r"^\d{5}$", description="Postcode.")
    comune: Testo | None = Field(default=None, description="Municipality.")
    provincia: str | None = Field(
        default=None, pattern=r"^[A-Za-z]{2}$", description="Province code, e.g. RM."
    )
    nazione: str = Field(default="IT", pattern=r"^[A-Z]{2}$", description="ISO country code.")


class Cliente(Model):
    """The client and counter-party (controinteressato): a person or a company."""

    tipo: TipoCliente | None = None
    nome: Testo | None = None
    cognome: Testo | None = None
    denominazione: Testo | None = Field(default=None, description="Company name.")
    # Longer than the codes themselves: what was typed (spaces, an "IT" prefix) reaches the
    # service, which normalises it or says precisely what is wrong.
    codice_fiscale: str | None = Field(default=None, max_length=32)
    partita_iva: str | None = Field(default=None, max_length=32)
    indirizzo: Indirizzo | None = None
    pec: str | None = Field(default=None, max_length=254, description="Digital domicile.")
    email: str | None = Field(default=None, max_length=254)


class DatiPratica(Model):
    """The matter the fees are for."""

    # Strict where pydantic would convert: `0` or `"no"` are not what true/false say, `"2"` is
    # not a number of parties, `0` not a date (schemathesis found them accepted).

    autorita: Testo | None = Field(default=None, description="Court or authority.")
    procedimento: Procedimento | None = Field(default=None, description="Kind of proceeding.")
    numero_rg: str | None = Field(default=None, max_length=40, description="Docket number.")
    valore: Importo | None = Field(default=None, description="Value of the case (scaglione).")
    valore_indeterminabile: StrictBool = Field(default=False, description="Value not determinable.")
    numero_parti: StrictInt | None = Field(default=None, ge=1, le=1000)
    periodo_dal: Data | None = Field(default=None, description="Activity started on.")
    periodo_al: Data | None = Field(default=None, description="Activity ended on.")
    mandato_concluso: StrictBool | None = Field(default=None, description="The mandate has ended.")
    difesa_ufficio: StrictBool | None = Field(
        default=None,
        description="Court-appointed defence or legal aid (patrocinio a spese dello Stato).",
    )
    equo_compenso_art7: StrictBool | None = Field(
        default=None, description="Asks for the art. 7 L. 49/2023 (equo compenso) procedure."
    )
    insinuazione_passivo: StrictBool = Field(default=False, description="For a bankruptcy claim.")


class Voce(Model):
    """A requested amount for one phase or item."""

    id: str | None = Field(
        default=None,
        max_length=40,
        description="Stable id of the item in the case view (the phase for the first item of a "
        "phase, then ``<fase>-2``...; ``altro-1``, ``altro-2``... for other items); ignored in a "
        "draft's content, where the service gives it.",
    )
    fase: Fase
    importo: ImportoRichiesto
    descrizione: Testo | None = Field(default=None, description="Required for ``altro``.")
    motivazione: TestoLungo | None = Field(
        default=None, description="Reasons for an increase or decrease of the parameter."
    )


class ContenutoIstanza(Model):
    """What the lawyer writes in the application. Every part may be absent in a draft."""

    model_config = ConfigDict(json_schema_extra={"examples": [ESEMPIO]})

    cliente: Cliente | None = None
    pratica: DatiPratica | None = None
    voci: list[Voce] | None = Field(default=None, max_length=50)
    spese: ImportoRichiesto | None = Field(default=None, description="Expenses (spese vive).")
    spese_generali_percentuale: Annotated[
        Decimal,
        Field(ge=0, le=15, decimal_places=2),
        WithJsonSchema(
            {
                "anyOf": [
                    {
                        "type": "string",
                        "pattern": r"^(([0-9]|1[0-4])(\.[0-9]{1,2})?|15(\.0{1,2})?)$",
                    },
                    {"type": "number", "minimum": 0, "maximum": 15},
                ]
            }
        ),
    ] = Field(
        default=Decimal("15"), description="Spese generali, % of the fee (DM 55/2014 art. 2)."
    )
    note: TestoLungo | None = None


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
    """Replace the parts of the draft that are given (a part left out stays as it was)."""

    name: ClassVar[str] = "aggiorna_bozza"
    istanza_id: str
    contenuto: ContenutoIstanza
    parti: list[
        Literal["cliente", "pratica", "voci", "spese", "spese_generali_percentuale", "note"]
    ]


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


def ids_voci(fasi: list[Fase]) -> list[str]:
    """The stable ids of requested items in the order given: the phase for the first item of
    each fixed phase (``studio``), ``<fase>-2``... for a repeated one, ``altro-1``,
    ``altro-2``... for the other items. The owner gives them in the case view; a decision
    names an item by them."""
    visti: dict[str, int] = {}
    ids: list[str] = []
    for fase in fasi:
        visti[fase] = visti.get(fase, 0) + 1
        n = visti[fase]
        ids.append(f"altro-{n}" if fase == "altro" else fase if n == 1 else f"{fase}-{n}")
    return ids
