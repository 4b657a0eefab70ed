"""The case page's sections shared by the secretariat's and the councillor's areas
(``templates/pratica/``): the legal deadline as a day on the Italian calendar (and whether it
is near or past), who acquired a case, when and through what, read from its register timeline,
and the rows of a list of cases.

Pure functions, no framework: the routes call them and hand the results to the templates.
"""

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, Literal

from gateway.web import etichette
from gateway.web.formato import ROMA
from parcelle_contracts.acquisizione import Passo, Pratica

VICINO = 10
"""Days before the deadline from which it is shown as near (as ``ElencoScadenze`` by default)."""

StatoTermine = Literal["scaduto", "vicino", "in_corso", "sospeso"]


@dataclass(frozen=True)
class Termine:
    """The legal deadline as the clerk reads it."""

    stato: StatoTermine
    giorno: date | None
    giorni: int | None
    """Days left (negative: days past); None when suspended."""

    @property
    def testo(self) -> str:
        if self.stato == "sospeso" or self.giorni is None:
            return "Termine sospeso: integrazione richiesta"
        if self.giorni < 0:
            giorni = -self.giorni
            return f"Scaduto da {giorni} {'giorno' if giorni == 1 else 'giorni'}"
        if self.giorni == 0:
            return "Scade oggi"
        return f"Scade tra {self.giorni} {'giorno' if self.giorni == 1 else 'giorni'}"

    @property
    def badge(self) -> str:
        return {
            "scaduto": "text-bg-danger",
            "vicino": "text-bg-warning",
            "in_corso": "text-bg-light border",
            "sospeso": "text-bg-light border",
        }[self.stato]


def oggi() -> date:
    """Today on the Italian calendar."""
    return datetime.now(ROMA).date()


def termine(pratica: Pratica, giorno_corrente: date, vicino: int = VICINO) -> Termine | None:
    """The case's deadline; None when it has none (not acquired yet)."""
    if pratica.stato == "integrazione_richiesta":
        giorno = pratica.scadenza.astimezone(ROMA).date() if pratica.scadenza else None
        return Termine("sospeso", giorno, None)
    if pratica.scadenza is None:
        return None
    giorno = pratica.scadenza.astimezone(ROMA).date()
    giorni = (giorno - giorno_corrente).days
    stato: StatoTermine = "scaduto" if giorni < 0 else "vicino" if giorni <= vicino else "in_corso"
    return Termine(stato, giorno, giorni)


def passo_di_acquisizione(pratica: Pratica) -> Passo | None:
    """The timeline's line of the acquisition: the clerk (``chi``, ``ruolo``) and through what
    (``tramite``, ``stazione``).

    The contract keeps them only in the timeline: the line made at the acquisition's instant,
    or else the first one that speaks of acquiring.
    """
    if pratica.acquisita_il is None:
        return None
    for passo in pratica.cronologia:
        if passo.quando == pratica.acquisita_il:
            return passo
    for passo in pratica.cronologia:
        if "acquisi" in passo.descrizione.lower():
            return passo
    return None


@dataclass(frozen=True)
class Riga:
    """A case in a list: the case, its deadline as the pages say it, the address of its page."""

    pratica: Pratica
    termine: Termine | None
    base: str


def righe(
    pratiche: Iterable[Pratica], base_di: Callable[[str], str], vicino: int = VICINO
) -> list[Riga]:
    """The rows of a list of cases, in the order the service gave them."""
    giorno = oggi()
    return [Riga(p, termine(p, giorno, vicino), base_di(p.istanza_id)) for p in pratiche]


def contesto_pratica(pratica: Pratica, base: str) -> dict[str, Any]:
    """What the case page's shared sections (``templates/pratica/``) need: the case, the
    address its links start from, who acquired it, its deadline and its timeline."""
    return {
        "pratica": pratica,
        "base": base,
        "acquisizione": passo_di_acquisizione(pratica),
        "termine": termine(pratica, oggi()),
        "cronologia": etichette.recenti_prima(pratica.cronologia),
    }
