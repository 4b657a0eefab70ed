"""How the pages wear the vocabulary: the badge colour of each state and of each notice's
sending, the signature filters of the pending list, and the words saying who did a step of a
timeline and through what.

Every word for a value of the contracts comes from :mod:`parcelle_contracts.vocabolario`; only
presentation lives here.
"""

from collections.abc import Mapping, Sequence
from datetime import datetime
from typing import Final, Protocol, TypeVar

from parcelle_contracts import vocabolario
from parcelle_contracts.vocabolario import Ruolo, Stato, StatoInvio, Tramite

# Bootstrap Italia badge colours; each pairs with a text colour that keeps a 4.5:1 contrast.
BADGE: Final[Mapping[Stato, str]] = {
    "bozza": "text-bg-light border",
    "depositata": "text-bg-primary",
    "acquisita": "text-bg-primary",
    "integrazione_richiesta": "text-bg-warning",
    "provvedimento_emesso": "text-bg-success",
    "non_liquidabile": "text-bg-danger",
    "rinunciata": "text-bg-dark",
    "chiusa": "text-bg-dark",
}
BADGE_INVIO: Final[Mapping[StatoInvio, str]] = {
    "in_attesa": "text-bg-warning",
    "inviata": "text-bg-primary",
    "consegnata": "text-bg-success",
    "non_consegnata": "text-bg-danger",
}


def stato(valore: Stato) -> str:
    return vocabolario.STATI.get(valore, valore)


def badge(valore: Stato) -> str:
    return BADGE.get(valore, "text-bg-light border")


_STATI_PER_NOME: dict[str, Stato] = {nome: nome for nome in vocabolario.STATI}


def stato_da_testo(testo: str | None) -> Stato | None:
    """A state named in a query string, or None when it names none."""
    return _STATI_PER_NOME.get(testo or "")


class RigaCronologia(Protocol):
    """A line of a timeline (``Evento`` of istanze, ``Passo`` of acquisizione)."""

    @property
    def chi(self) -> str | None: ...
    @property
    def ruolo(self) -> Ruolo | None: ...
    @property
    def tramite(self) -> Tramite | None: ...
    @property
    def stazione(self) -> str | None: ...


class Datata(Protocol):
    """A line of a timeline, as far as its order goes."""

    @property
    def quando(self) -> datetime: ...


D = TypeVar("D", bound=Datata)


def recenti_prima(righe: Sequence[D]) -> list[D]:
    """A timeline the latest first: by when each step happened and, among steps of the same
    instant, by the order the service recorded them, which is the order they were caused (the
    acquisition before the relatore it brought), so the later cause stands above."""
    ordinate = sorted(enumerate(righe), key=lambda coppia: (coppia[1].quando, coppia[0]))
    return [riga for _, riga in reversed(ordinate)]


def autore(riga: RigaCronologia) -> str:
    """Who did a step and through what, once: "Giulia Bianchi, Area riservata dell'avvocato";
    a scan says only its station ("Stazione di scansione «Banco 1»"); empty when the line says
    none, and for Parcelle's own steps, whose line says what happened by itself ("Relatore
    assegnato: ... (assegnazione automatica)")."""
    if riga.tramite == "sistema":
        return ""
    if riga.tramite is None:
        return riga.chi or ""
    via = vocabolario.tramite(riga.tramite, riga.ruolo, riga.stazione)
    if riga.tramite == "stazione" or not riga.chi:
        return via
    return f"{riga.chi}, {via}"


def via(riga: RigaCronologia | None) -> str:
    """Through what a step was done, alone (the case's registration block); "—" when unknown."""
    if riga is None or riga.tramite is None:
        return "—"
    return vocabolario.tramite(riga.tramite, riga.ruolo, riga.stazione)
