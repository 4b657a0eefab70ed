"""An in-memory :class:`gateway.ports.NotifichePort`, standing in for the client of
``notifiche`` (:class:`gateway.notifiche.NotificheClient`) in the page tests: it lists the
undelivered messages a test gives it, only to the secretariat of their Ordine, and can be
told not to answer."""

from dataclasses import dataclass, field

from gateway.bus import ServiceUnavailableError
from parcelle_contracts.common import LIMITE_PAGINA, Attore, Pagina
from parcelle_contracts.comunicazioni import InvioNonRecapitato

from .finto import errore


@dataclass
class FakeNotifiche:
    non_recapitati: dict[str, list[InvioNonRecapitato]] = field(default_factory=dict)
    """Ordine -> its undelivered messages, the newest first."""
    muto: bool = False

    async def non_recapitate(
        self, attore: Attore, *, limit: int = LIMITE_PAGINA, cursor: str | None = None
    ) -> Pagina[InvioNonRecapitato]:
        if self.muto:
            raise ServiceUnavailableError("notifiche", "no answer")
        if attore.ruolo != "segreteria":
            raise errore("non_autorizzata", "Non consentito.")
        voci = self.non_recapitati.get(attore.ordine, [])
        inizio = int(cursor or 0)
        pezzo = voci[inizio : inizio + limit]
        seguente = str(inizio + limit) if inizio + limit < len(voci) else None
        return Pagina(items=pezzo, next=seguente)
