"""FastStream subscribers of `notifiche`: the command to send a message, the copy of its dead
letters (a command given up on tells the secretariat), the secretariat's queries, the Ordini's
settings announced by their owner, and the PEC receipts' requests (a receipt pushed by a
provider, a kept receipt's file)."""

from faststream.rabbit import RabbitRouter

from notifiche.handlers import seguiti
from notifiche.handlers.elenchi import Elenchi
from notifiche.handlers.invii import Invii
from notifiche.handlers.ricevute import Ricevute
from notifiche.ports import Dependencies
from parcelle_contracts.comunicazioni import (
    ElencoNonRecapitate,
    FileRicevutaPec,
    InviaComunicazione,
    RegistraRicevutaPec,
)
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_kit.bus import Topology, follow, follow_dead_letters, router
from parcelle_kit.requests import answer_all


def build_router(
    topology: Topology, service: str, d: Dependencies, ricevute: Ricevute
) -> RabbitRouter:
    """The subscribers of `notifiche`, over the sending dependencies ``d`` and the receipts'
    intake ``ricevute`` (ping is built in)."""
    invii, elenchi = Invii(d), Elenchi(d)
    subscribers = router()
    answer_all(
        subscribers,
        topology,
        service,
        {
            ElencoNonRecapitate: elenchi.non_recapitate,
            RegistraRicevutaPec: ricevute.registra,
            FileRicevutaPec: ricevute.file,
        },
    )

    async def impostazioni(message: ImpostazioniOrdineCambiate) -> None:
        await seguiti.registra_impostazioni(d, message)

    follow(subscribers, topology, service, InviaComunicazione, invii.invia)
    follow_dead_letters(subscribers, topology, service, InviaComunicazione, invii.abbandonato)
    follow(subscribers, topology, service, ImpostazioniOrdineCambiate, impostazioni)
    return subscribers
