"""Messages of the ``revisione`` service: the reporting councillor's review of a case (each
requested item confirmed, raised or reduced with a reason, next to the DM 147/2022 parameters),
the request for integration, the decision and the signed liquidation order (provvedimento).

The councillor's list of cases stays ``acquisizione``'s ``ElencoAssegnate``; the case to review
is :class:`DettaglioRevisione`. The order is signed by ``firma`` and kept by ``revisione``, which
serves it (:class:`FileProvvedimento`) to the lawyer of the case, the secretariat and the
relatore.
"""

from typing import ClassVar, Literal

from pydantic import AwareDatetime, Field, model_validator

from parcelle_contracts.common import Attore, FileRef, Model
from parcelle_contracts.contenuto import TestoLungo
from parcelle_contracts.denaro import Importo, Parametri
from parcelle_contracts.envelope import Command, Event, Query
from parcelle_contracts.istanze import Istanza, Totali
from parcelle_contracts.vocabolario import Fase

EsitoDecisione = Literal["liquidata", "non_liquidabile"]
"""The outcome of a decision: the fee liquidated (in full or in part), or not liquidable."""
Variazione = Literal["confermata", "aumentata", "ridotta"]
"""What the relatore did with a requested amount."""
StatoRevisione = Literal[
    "da_decidere", "integrazione_richiesta", "in_firma", "decisa", "rinunciata"
]
"""Where the review stands: waiting for the relatore, for the lawyer's integration, for the
signature of the order, done (the signed order exists), or withdrawn by the lawyer before
the decision."""
AzioneRevisione = Literal["decidi", "richiedi_integrazione"]
"""What the asking relatore may do now: the pages show exactly these buttons."""


class VoceRichiesta(Model):
    """A requested item as the relatore reviews it."""

    id: str = Field(description="The item's id: a decision names it by this (or by its phase).")
    fase: Fase
    descrizione: str | None = None
    importo_richiesto: Importo
    motivazione: str | None = Field(default=None, description="The lawyer's reasons.")
    parametri: Parametri | None = Field(
        default=None, description="The DM 147/2022 range, where a verified table applies."
    )
    fuori_parametri: bool = Field(
        default=False, description="The requested amount is outside the range."
    )


class VoceLiquidata(Model):
    """A requested item as the decision liquidated it."""

    id: str
    fase: Fase
    descrizione: str | None = None
    importo_richiesto: Importo
    importo_liquidato: Importo
    variazione: Variazione
    motivazione: str | None = Field(default=None, description="Required unless confirmed.")
    fuori_parametri: bool = Field(
        default=False, description="The liquidated amount is outside the DM 147/2022 range."
    )


class Decisione(Model):
    """The relatore's decision on the case."""

    esito: EsitoDecisione
    voci: list[VoceLiquidata]
    totali: Totali | None = Field(description="Liquidated totals (None when not liquidable).")
    diritti: Importo = Field(description="Council fee due (diritti di opinamento).")
    motivi: str | None = Field(default=None, description="Why the fee is not liquidable.")
    note: str | None = None
    avvisi: list[str] = Field(
        default_factory=list, description="Warnings: amounts outside the DM 147/2022 range."
    )
    relatore: str = Field(description="Username of the relatore who decided.")
    relatore_nome: str
    decisa_il: AwareDatetime


class Integrazione(Model):
    """A request for integration and, once given, the lawyer's answer."""

    testo: str
    giorni: int
    richiesta_il: AwareDatetime
    scadenza: AwareDatetime
    fornita_il: AwareDatetime | None = None
    nota: str | None = None


class Revisione(Model):
    """The case to review, as its assigned relatore sees it."""

    istanza_id: str
    codice: str
    ordine: str
    protocollo: str | None
    relatore: str
    stato: StatoRevisione
    istanza: Istanza = Field(description="The application, as its owner shows it to the relatore.")
    voci: list[VoceRichiesta]
    totali_richiesti: Totali | None
    osservazioni_fino_al: AwareDatetime | None = Field(
        description="End of the client's observations term (None: not started)."
    )
    attendi_osservazioni: bool = Field(description="The Ordine waits for that term to decide.")
    decidibile: bool = Field(description="A decision may be taken now.")
    motivo_attesa: str | None = Field(default=None, description="Why not, in Italian.")
    integrazioni: list[Integrazione]
    decisione: Decisione | None
    provvedimento: FileRef | None = Field(description="The signed order, once signed.")
    diritti_previsti: Importo | None = Field(
        description="Council fee on the requested fee, before the decision (on the liquidated "
        "one after)."
    )
    azioni: list[AzioneRevisione]


# --- requests (gateway -> revisione, request/reply; replies are Esito) -------------------------


class _Richiesta(Command):
    owner: ClassVar[str] = "revisione"
    attore: Attore


class _Domanda(Query):
    owner: ClassVar[str] = "revisione"
    attore: Attore


class DettaglioRevisione(_Domanda):
    """The case to review (replies :class:`Revisione`); only its assigned relatore asks."""

    name: ClassVar[str] = "dettaglio_revisione"
    istanza_id: str


class FileProvvedimento(_Domanda):
    """Where the signed order of a case lies (replies a ``FileRef`` in ``revisione``'s own
    area, which the gateway streams to the user); for the lawyer of the case, the
    secretariat and the relatore."""

    name: ClassVar[str] = "file_provvedimento"
    istanza_id: str


class VoceDecisa(Model):
    """One requested item in a decision, named by ``id`` or by ``fase`` where that phase
    appears once in the application."""

    id: str | None = Field(default=None, max_length=40)
    fase: Fase | None = None
    importo_liquidato: Importo
    motivazione: TestoLungo | None = Field(
        default=None, description="Required when the amount differs from the requested one."
    )

    @model_validator(mode="after")
    def _nominata(self) -> "VoceDecisa":
        if self.id is None and self.fase is None:
            raise ValueError("an item is named by its id or by its phase")
        return self


class DecidiPratica(_Richiesta):
    """The relatore's decision (replies :class:`Revisione`). Deciding a decided case is
    refused; the same command delivered again answers the same."""

    name: ClassVar[str] = "decidi_pratica"
    istanza_id: str
    esito: EsitoDecisione
    voci: list[VoceDecisa] = Field(default_factory=list, max_length=50)
    motivi: TestoLungo | None = Field(
        default=None, description="Why not liquidable (required for ``non_liquidabile``)."
    )
    note: TestoLungo | None = None


class RichiediIntegrazione(_Richiesta):
    """Ask the lawyer for integration or clarification (replies :class:`Revisione`); the term
    of the procedure is suspended until the lawyer answers."""

    name: ClassVar[str] = "richiedi_integrazione"
    istanza_id: str
    testo: str = Field(min_length=3, max_length=4000)
    giorni: int = Field(ge=1, le=30, description="Days to answer (L. 241/1990: at most 30).")


class FirmaProvvedimento(Command):
    """Internal to ``revisione``: render the decided case's order, have ``firma`` sign it and
    keep it (sent to itself through the outbox, retried until done)."""

    owner: ClassVar[str] = "revisione"
    name: ClassVar[str] = "firma_provvedimento"
    istanza_id: str


# --- events --------------------------------------------------------------------------------------


class ProvvedimentoEmesso(Event):
    """The liquidation order is signed and kept: the case is ``provvedimento_emesso``."""

    owner: ClassVar[str] = "revisione"
    name: ClassVar[str] = "provvedimento_emesso"
    istanza_id: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the signed order.")
    totali: Totali
    diritti: Importo = Field(description="Council fee due.")
    emesso_il: AwareDatetime
    documento: FileRef | None = Field(
        default=None, description="The signed document, a claim check in revisione's area."
    )


class PraticaNonLiquidabile(Event):
    """The signed decision that the fee is not liquidable: the case is ``non_liquidabile``."""

    owner: ClassVar[str] = "revisione"
    name: ClassVar[str] = "pratica_non_liquidabile"
    istanza_id: str
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the signed decision.")
    motivi: str
    diritti: Importo
    emesso_il: AwareDatetime
    documento: FileRef | None = Field(
        default=None, description="The signed document, a claim check in revisione's area."
    )


class IntegrazioneRichiesta(Event):
    """The relatore asked for integration: the case is ``integrazione_richiesta`` and the term
    of the procedure is suspended until the lawyer answers."""

    owner: ClassVar[str] = "revisione"
    name: ClassVar[str] = "integrazione_richiesta"
    istanza_id: str
    testo: str
    giorni: int
    scadenza: AwareDatetime
    richiesta_il: AwareDatetime
    relatore: str
