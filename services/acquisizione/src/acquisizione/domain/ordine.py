"""What the secretariat's rules read of one Ordine's settings: terms, assignment, stamp duty and
what the notice prints.

Ordini differ (DOMAIN.md): the days of the procedure, the client's window for observations
(commonly 10 to 15 days), whether cases are assigned by rule or by hand, who the reporting
councillors are. The whole settings, their defaults and their validation belong to the
contracts (``parcelle_contracts.ordini.ImpostazioniOrdine``, which `acquisizione` owns and
announces); :mod:`acquisizione.views` maps them to this value, so the domain never sees settings
that did not pass that validation.
"""

from dataclasses import dataclass

from acquisizione.domain.assegnazione import Relatore
from acquisizione.domain.errori import RelatoreNonValidoError


@dataclass(frozen=True, kw_only=True)
class ImpostazioniOrdine:
    codice: str
    nome: str
    """The name documents print, e.g. ``Ordine degli Avvocati di Roma``."""
    indirizzo: str
    """The secretariat's postal address, where observations may be brought or sent."""
    pec: str
    """The Ordine's PEC, where observations may be sent."""
    termine_giorni: int
    giorni_osservazioni: int
    assegnazione_automatica: bool
    relatori: tuple[Relatore, ...]
    marca_da_bollo: bool
    """A hand-signed deposit is acquired only with the stamp duty (marca da bollo) received."""

    def relatore(self, username: str) -> Relatore:
        """The councillor ``username``, or :class:`RelatoreNonValidoError`."""
        for relatore in self.relatori:
            if relatore.username == username:
                return relatore
        messaggio = f"«{username}» non è tra i consiglieri relatori dell'Ordine"
        raise RelatoreNonValidoError(messaggio, {"relatore": messaggio})
