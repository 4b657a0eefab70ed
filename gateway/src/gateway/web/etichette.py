"""How the pages wear the vocabulary: the badge colour of each state and of each notice's
sending, the signature filters of the pending list, and the words saying who did a step of a
timeline and through what.

Every word for a value of the contracts comes from :mod:`parcelle_contracts.vocabolario`; only
presentation lives here.
"""

from collections.abc import Mapping
from typing import Final, Protocol

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


def autore(riga: RigaCronologia) -> str:
    """Who did a step and through what: "Giulia Bianchi, Area riservata dell'avvocato"; a scan
    says only its station ("Stazione di scansione «Banco 1»"); empty when the line says none."""
    if riga.tramite is None:
        return riga.chi or ""
    via = vocabolario.tramite(riga.tramite, riga.ruolo, riga.stazione)
    if riga.tramite in ("stazione", "sistema") or not riga.chi:
        return via
    return f"{riga.chi}, {via}"


def via(riga: RigaCronologia | None) -> str:
    """Through what a step was done, alone (the case's registration block); "—" when unknown."""
    if riga is None or riga.tramite is None:
        return "—"
    return vocabolario.tramite(riga.tramite, riga.ruolo, riga.stazione)
