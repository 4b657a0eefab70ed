"""What a reporting councillor sees of the secretariat's work: the cases assigned to them. The
case itself they read through ``DettaglioPratica``, which lets a councillor read the cases
currently assigned to them (and nothing else): registration, deadline, notices, the client's
observations and the timeline."""

from acquisizione.domain.elenco import ricerca
from acquisizione.domain.persone import verifica_consigliere
from acquisizione.handlers.base import Handler
from acquisizione.views import utente
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts.common import Pagina


class Relatori(Handler):
    """What a reporting councillor sees."""

    async def assegnate(self, msg: contratti.ElencoAssegnate) -> Pagina[contratti.Pratica]:
        """A page of the councillor's acquired cases, the nearest deadline first."""
        chi = utente(msg.attore)
        verifica_consigliere(chi)
        pagina = await self.leggi(
            lambda uow: uow.registro.per_scadenza(
                chi.ordine, None, chi.username, ricerca(msg.cerca), msg.limit, msg.cursor
            )
        )
        return Pagina[contratti.Pratica](
            items=[self.vista(p) for p in pagina.righe], next=pagina.next
        )
