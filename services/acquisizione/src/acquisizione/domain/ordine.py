"""One Ordine's settings for the secretariat: terms, assignment and what the notice prints.

Ordini differ (DOMAIN.md): the days of the procedure, the client's window for observations
(commonly 10 to 15 days), whether cases are assigned by rule or by hand, who the reporting
councillors are. Invalid settings fail at construction, so a misconfigured Ordine is found when
it is configured, not by a clerk at the counter.
"""

from dataclasses import dataclass
from typing import Final

from acquisizione.domain.assegnazione import Relatore
from acquisizione.domain.errori import RelatoreNonValidoError
from acquisizione.domain.termini import TERMINE_PREDEFINITO

OSSERVAZIONI_PREDEFINITE: Final = 10
"""Days the client has for observations where the Ordine set nothing else."""


@dataclass(frozen=True, kw_only=True)
class ImpostazioniOrdine:
    codice: str
    nome: str = ""
    """Display name, e.g. ``Ordine degli Avvocati di Roma``."""
    indirizzo: str = ""
    """The secretariat's postal address, where observations may be brought or sent."""
    pec: str = ""
    """The Ordine's PEC, where observations may be sent."""
    termine_giorni: int = TERMINE_PREDEFINITO
    giorni_osservazioni: int = OSSERVAZIONI_PREDEFINITE
    assegnazione_automatica: bool = False
    relatori: tuple[Relatore, ...] = ()
    marca_da_bollo: bool = False
    """A hand-signed deposit is acquired only with the stamp duty (marca da bollo) received."""

    def __post_init__(self) -> None:
        if not self.codice.strip():
            raise ValueError("an Ordine needs its code")
        if not 1 <= self.termine_giorni <= 3650:
            raise ValueError("termine_giorni must be between 1 and 3650")
        if not 1 <= self.giorni_osservazioni <= 365:
            raise ValueError("giorni_osservazioni must be between 1 and 365")
        nomi = [relatore.username for relatore in self.relatori]
        if len(set(nomi)) != len(nomi):
            raise ValueError("each relatore may be listed once")
        if self.assegnazione_automatica and not self.relatori:
            raise ValueError("automatic assignment needs at least one relatore")

    def nome_esteso(self) -> str:
        return self.nome or f"Ordine degli Avvocati ({self.codice})"

    def relatore(self, username: str) -> Relatore:
        """The councillor ``username``, or :class:`RelatoreNonValidoError`."""
        for relatore in self.relatori:
            if relatore.username == username:
                return relatore
        messaggio = f"«{username}» non è tra i consiglieri relatori dell'Ordine"
        raise RelatoreNonValidoError(messaggio, {"relatore": messaggio})
