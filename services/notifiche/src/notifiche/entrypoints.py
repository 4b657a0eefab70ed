"""FastStream subscribers of `notifiche`: the command to send a message, the copy of its dead
letters (a command given up on tells the secretariat), the secretariat's query, and the
Ordini's settings announced by their owner."""

from faststream.rabbit import RabbitRouter

from notifiche.handlers import seguiti
from notifiche.handlers.elenchi import Elenchi
from notifiche.handlers.invii import Invii
from notifiche.ports import Dependencies
from parcelle_contracts.comunicazioni import ElencoNonRecapitate, InviaComunicazione
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_kit.bus import Topology, follow, follow_dead_letters, router
from parcelle_kit.requests import answer_all


def build_router(topology: Topology, service: str, d: Dependencies) -> RabbitRouter:
    """The subscribers of `notifiche`, over the dependencies ``d`` (ping is built in)."""
    invii, elenchi = Invii(d), Elenchi(d)
    subscribers = router()
    answer_all(subscribers, topology, service, {ElencoNonRecapitate: elenchi.non_recapitate})

    async def impostazioni(message: ImpostazioniOrdineCambiate) -> None:
        await seguiti.registra_impostazioni(d, message)

    follow(subscribers, topology, service, InviaComunicazione, invii.invia)
    follow_dead_letters(subscribers, topology, service, InviaComunicazione, invii.abbandonato)
    follow(subscribers, topology, service, ImpostazioniOrdineCambiate, impostazioni)
    return subscribers
