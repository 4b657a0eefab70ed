"""FastStream subscribers of `revisione`: the relatore's requests and the signed order's
readers (request/reply), the signing step it sends itself, and the followers of the events of
``acquisizione`` and ``istanze``."""

from faststream.rabbit import RabbitRouter

from parcelle_contracts import revisione as contratti
from parcelle_contracts.acquisizione import (
    AvvioNotificato,
    OsservazioniAggiunte,
    PraticaAcquisita,
    RelatoreAssegnato,
)
from parcelle_contracts.consegne import ProvvedimentoRilasciato
from parcelle_contracts.integrazioni import IntegrazioneFornita
from parcelle_contracts.istanze import IstanzaRinunciata
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_kit.bus import Topology, follow, router
from parcelle_kit.requests import answer_all
from revisione.handlers import seguiti
from revisione.handlers.firma import Firma
from revisione.handlers.revisione import Revisioni
from revisione.ports import Dependencies


def build_router(topology: Topology, service: str, d: Dependencies) -> RabbitRouter:
    """The subscribers of `revisione`, over the dependencies ``d`` (ping is built in)."""
    revisioni, firma = Revisioni(d), Firma(d)
    subscribers = router()
    answer_all(
        subscribers,
        topology,
        service,
        {
            contratti.DettaglioRevisione: revisioni.dettaglio,
            contratti.DecidiPratica: revisioni.decidi,
            contratti.RichiediIntegrazione: revisioni.richiedi_integrazione,
            contratti.FileProvvedimento: revisioni.file,
        },
    )

    async def acquisita(message: PraticaAcquisita) -> None:
        await seguiti.registra_acquisizione(d, message)

    async def relatore(message: RelatoreAssegnato) -> None:
        await seguiti.registra_relatore(d, message)

    async def osservazioni(message: OsservazioniAggiunte) -> None:
        await seguiti.registra_osservazioni(d, message)

    async def notificato(message: AvvioNotificato) -> None:
        await seguiti.registra_notifica(d, message)

    async def rilasciato(message: ProvvedimentoRilasciato) -> None:
        await seguiti.registra_rilascio(d, message)

    async def integrazione(message: IntegrazioneFornita) -> None:
        await seguiti.registra_integrazione(d, message)

    async def rinuncia(message: IstanzaRinunciata) -> None:
        await seguiti.registra_rinuncia(d, message)

    async def impostazioni(message: ImpostazioniOrdineCambiate) -> None:
        await seguiti.registra_impostazioni(d, message)

    follow(subscribers, topology, service, contratti.FirmaProvvedimento, firma.firma_provvedimento)
    follow(subscribers, topology, service, PraticaAcquisita, acquisita)
    follow(subscribers, topology, service, RelatoreAssegnato, relatore)
    follow(subscribers, topology, service, OsservazioniAggiunte, osservazioni)
    follow(subscribers, topology, service, AvvioNotificato, notificato)
    follow(subscribers, topology, service, ProvvedimentoRilasciato, rilasciato)
    follow(subscribers, topology, service, IntegrazioneFornita, integrazione)
    follow(subscribers, topology, service, IstanzaRinunciata, rinuncia)
    follow(subscribers, topology, service, ImpostazioniOrdineCambiate, impostazioni)
    return subscribers
