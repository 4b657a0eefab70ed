"""The secretariat's lists: the messages of its Ordine that could not be sent."""

from notifiche.domain.errori import NonAutorizzataError
from notifiche.handlers.base import Handler
from notifiche.views import non_recapitato
from parcelle_contracts.common import Pagina
from parcelle_contracts.comunicazioni import ElencoNonRecapitate, InvioNonRecapitato


class Elenchi(Handler):
    async def non_recapitate(self, msg: ElencoNonRecapitate) -> Pagina[InvioNonRecapitato]:
        """A page of the undelivered messages, the latest first; for the Ordine's secretariat."""
        attore = msg.attore
        if attore.ruolo != "segreteria" or attore.ordine != msg.ordine:
            raise NonAutorizzataError("Solo la segreteria dell'Ordine può consultare l'elenco.")
        invii, cursore = await self.d.store.run(
            lambda tx: self.d.invii(tx).non_consegnati(
                msg.ordine, limit=msg.limit, after=msg.cursor
            )
        )
        return Pagina(items=[non_recapitato(invio) for invio in invii], next=cursore)
