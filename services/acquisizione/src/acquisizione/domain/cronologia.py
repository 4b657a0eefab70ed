"""A case's timeline: one line per change, saying who did what, in what role, when and through
what (a web area, the API, a scanner station, Parcelle itself)."""

from dataclasses import dataclass
from datetime import datetime

from acquisizione.domain.persone import Autore
from parcelle_contracts.vocabolario import Ruolo, Tramite


@dataclass(frozen=True, kw_only=True)
class Passo:
    """One line of the timeline."""

    quando: datetime
    descrizione: str
    chi: str
    ruolo: Ruolo | None = None
    tramite: Tramite | None = None
    stazione: str | None = None

    @classmethod
    def di(cls, autore: Autore, *, quando: datetime, descrizione: str) -> "Passo":
        """What ``autore`` did at ``quando``."""
        return cls(
            quando=quando,
            descrizione=descrizione,
            chi=autore.chi,
            ruolo=autore.ruolo,
            tramite=autore.tramite,
            stazione=autore.stazione,
        )
