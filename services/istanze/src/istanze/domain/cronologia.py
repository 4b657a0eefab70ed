"""The timeline of a case: one line per step, saying who acted, in what role and through what
(their web area, the REST API, a scanner station), so the history reads truly to whoever
looks at it later."""

from dataclasses import dataclass
from datetime import UTC, datetime

from istanze.domain.persone import Utente
from parcelle_contracts.vocabolario import Ruolo, Stato, Tramite


@dataclass(frozen=True, kw_only=True)
class Evento:
    """One line of the case's timeline."""

    quando: datetime
    stato: Stato
    descrizione: str
    chi: str | None = None
    """Who acted, by name."""
    ruolo: Ruolo | None = None
    tramite: Tramite | None = None
    stazione: str | None = None


def evento(quando: datetime, stato: Stato, descrizione: str, chi: Utente | None) -> Evento:
    """The line for a step ``chi`` took (``None``: nobody in particular, e.g. another service)."""
    if chi is None:
        return Evento(quando=quando, stato=stato, descrizione=descrizione)
    return Evento(
        quando=quando,
        stato=stato,
        descrizione=descrizione,
        chi=chi.nome_completo(),
        ruolo=chi.ruolo,
        tramite=chi.tramite,
        stazione=chi.stazione,
    )


def in_utc(ora: datetime) -> datetime:
    """``ora`` in UTC, as the aggregate keeps times; a naive time is refused."""
    # A naive time is a bug in the caller (whose clock? which zone?), not a user's mistake.
    if ora.tzinfo is None or ora.utcoffset() is None:
        raise ValueError("times must be timezone-aware")
    return ora.astimezone(UTC)
