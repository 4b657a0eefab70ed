"""What a reporting councillor sees of the secretariat's work: the cases assigned to them. The
case itself they read through ``DettaglioPratica``, which lets a councillor read the cases
currently assigned to them (and nothing else): registration, deadline, notices, the client's
observations and the timeline."""

from datetime import date

from acquisizione.domain.persone import verifica_consigliere
from acquisizione.handlers.base import Handler
from acquisizione.views import utente
from parcelle_contracts import acquisizione as contratti


class Relatori(Handler):
    """What a reporting councillor sees."""

    async def assegnate(self, msg: contratti.ElencoAssegnate) -> list[contratti.Pratica]:
        """The councillor's acquired cases, the nearest deadline first."""
        chi = utente(msg.attore)
        verifica_consigliere(chi)
        pratiche = await self.leggi(lambda uow: uow.registro.del_relatore(chi.ordine, chi.username))
        oggi = self.oggi()
        pratiche.sort(key=lambda p: (p.scadenza(oggi) or date.max, p.depositata_il))
        return [self.vista(p) for p in pratiche]
