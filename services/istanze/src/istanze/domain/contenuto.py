"""What the lawyer writes in an application: client, matter, requested items, expenses, notes.

The fields mirror ``parcelle_contracts.istanze.ContenutoIstanza`` one for one, with domain
types (Decimal, date, tuples). Every part may be absent while the application is a draft;
:mod:`istanze.domain.verifiche` says what is wrong and :mod:`istanze.domain.requisiti` what
a deposit still needs.
"""

from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from typing import Final, Literal, TypeGuard, get_args

from parcelle_contracts.vocabolario import Fase, Procedimento, TipoCliente

Parte = Literal["cliente", "pratica", "voci", "spese", "spese_generali_percentuale", "note"]
"""The parts of the content a draft update replaces one by one."""

PARTI: Final[tuple[Parte, ...]] = get_args(Parte)

SENZA_RUOLO: Final[frozenset[Procedimento]] = frozenset(
    {"arbitrato", "mediazione_negoziazione", "stragiudiziale"}
)
"""Proceedings with no docket number (numero di ruolo generale) to give."""

SENZA_AUTORITA: Final[frozenset[Procedimento]] = frozenset({"stragiudiziale"})
"""Proceedings before no court or authority."""

SPESE_GENERALI_PREDEFINITE: Final = Decimal("15")


@dataclass(frozen=True, kw_only=True)
class Indirizzo:
    via: str | None = None
    cap: str | None = None
    comune: str | None = None
    provincia: str | None = None
    nazione: str = "IT"


@dataclass(frozen=True, kw_only=True)
class Cliente:
    """The client and counter-party (controinteressato): a person or a company."""

    tipo: TipoCliente | None = None
    nome: str | None = None
    cognome: str | None = None
    denominazione: str | None = None
    codice_fiscale: str | None = None
    partita_iva: str | None = None
    indirizzo: Indirizzo | None = None
    pec: str | None = None
    email: str | None = None

    def nome_completo(self) -> str | None:
        """How the client is named in lists: the company name, or given and family name."""
        persona = " ".join(p.strip() for p in (self.nome, self.cognome) if presente(p))
        societa = self.denominazione.strip() if presente(self.denominazione) else ""
        if self.tipo == "persona_giuridica":
            return societa or persona or None
        return persona or societa or None


@dataclass(frozen=True, kw_only=True)
class DatiPratica:
    """The matter the fees are for."""

    autorita: str | None = None
    procedimento: Procedimento | None = None
    numero_rg: str | None = None
    valore: Decimal | None = None
    valore_indeterminabile: bool = False
    numero_parti: int | None = None
    periodo_dal: date | None = None
    periodo_al: date | None = None
    mandato_concluso: bool | None = None
    difesa_ufficio: bool | None = None
    equo_compenso_art7: bool | None = None
    insinuazione_passivo: bool = False


@dataclass(frozen=True, kw_only=True)
class Voce:
    """A requested amount for one phase or item."""

    fase: Fase
    importo: Decimal
    descrizione: str | None = None
    motivazione: str | None = None


@dataclass(frozen=True, kw_only=True)
class ContenutoIstanza:
    """What the lawyer writes in the application. Every part may be absent in a draft."""

    cliente: Cliente | None = None
    pratica: DatiPratica | None = None
    voci: tuple[Voce, ...] | None = None
    spese: Decimal | None = None
    spese_generali_percentuale: Decimal = SPESE_GENERALI_PREDEFINITE
    note: str | None = None


@dataclass(frozen=True, kw_only=True)
class NonLetto:
    """A field the lawyer typed that the form could not read as its type (``12,3,4`` for an
    amount): kept as typed, by the form's path, until corrected, so nothing typed is lost."""

    percorso: str
    valore: str
    errore: str | None = None
    """Why it cannot be read; None for a field kept only with one in error (its row's reason)."""


def parte_del_percorso(percorso: str) -> str:
    """The part of the content a field path belongs to: ``cliente.indirizzo.cap`` -> cliente."""
    return percorso.split(".", 1)[0]


def presente(testo: str | None) -> TypeGuard[str]:
    """Whether a text field holds something other than blanks."""
    return testo is not None and testo.strip() != ""
