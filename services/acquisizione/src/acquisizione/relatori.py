"""What a reporting councillor sees of the secretariat's work: the cases assigned to them. The
case itself they read through ``DettaglioPratica``, which lets a councillor read the cases
currently assigned to them (and nothing else): registration, deadline, notices, the client's
observations and the timeline."""

from datetime import date

from acquisizione.adapters.registro import Registro
from acquisizione.casi import Casi
from acquisizione.domain.persone import verifica_consigliere
from acquisizione.mapping import utente_da_attore
from parcelle_contracts import acquisizione as contratti


class Relatori(Casi):
    async def assegnate(self, msg: contratti.ElencoAssegnate) -> list[contratti.Pratica]:
        """The councillor's acquired cases, the nearest deadline first."""
        utente = utente_da_attore(msg.attore)
        verifica_consigliere(utente)
        pratiche = await self.d.store.run(
            lambda tx: Registro(tx).del_relatore(utente.ordine, utente.username)
        )
        oggi = self.oggi()
        pratiche.sort(key=lambda p: (p.scadenza(oggi) or date.max, p.depositata_il))
        return [self.vista(p) for p in pratiche]
