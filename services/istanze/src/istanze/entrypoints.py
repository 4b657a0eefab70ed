"""FastStream subscribers of `istanze`: one request/reply subscriber per command and query, and
the followers of other services' events, each handing the decoded message to its handler."""

from faststream.rabbit import RabbitRouter

from istanze.handlers.acquisizione import registra_acquisizione
from istanze.handlers.deposito import Deposito
from istanze.handlers.impostazioni import registra_impostazioni
from istanze.handlers.integrazioni import Integrazioni
from istanze.handlers.istanze import Istanze
from istanze.handlers.revisione import (
    registra_integrazione_richiesta,
    registra_non_liquidabile,
    registra_provvedimento,
)
from istanze.ports import Dependencies
from parcelle_contracts import istanze as contratti
from parcelle_contracts.acquisizione import PraticaAcquisita
from parcelle_contracts.integrazioni import RispondiIntegrazione
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_contracts.revisione import (
    IntegrazioneRichiesta,
    PraticaNonLiquidabile,
    ProvvedimentoEmesso,
)
from parcelle_kit.bus import Topology, follow, router
from parcelle_kit.requests import answer_all


def build_router(topology: Topology, service: str, d: Dependencies) -> RabbitRouter:
    """The subscribers of `istanze`, over the dependencies ``d`` (ping is built in)."""
    istanze, deposito = Istanze(d), Deposito(d)
    subscribers = router()
    answer_all(
        subscribers,
        topology,
        service,
        {
            contratti.ElencoIstanze: istanze.elenco,
            contratti.DettaglioIstanza: istanze.dettaglio,
            contratti.FileIstanza: istanze.file,
            contratti.CreaBozza: istanze.crea_bozza,
            contratti.AggiornaBozza: istanze.aggiorna_bozza,
            contratti.AggiungiAllegato: istanze.aggiungi_allegato,
            contratti.RimuoviAllegato: istanze.rimuovi_allegato,
            contratti.RinunciaIstanza: istanze.rinuncia,
            contratti.PreparaDocumento: deposito.prepara_documento,
            contratti.FirmaDemoIstanza: deposito.firma_demo,
            contratti.DepositaIstanza: deposito.deposita,
            RispondiIntegrazione: Integrazioni(d).rispondi,
        },
    )

    async def acquisita(message: PraticaAcquisita) -> None:
        await registra_acquisizione(d, message)

    async def impostazioni(message: ImpostazioniOrdineCambiate) -> None:
        await registra_impostazioni(d, message)

    async def integrazione(message: IntegrazioneRichiesta) -> None:
        await registra_integrazione_richiesta(d, message)

    async def provvedimento(message: ProvvedimentoEmesso) -> None:
        await registra_provvedimento(d, message)

    async def non_liquidabile(message: PraticaNonLiquidabile) -> None:
        await registra_non_liquidabile(d, message)

    follow(subscribers, topology, service, PraticaAcquisita, acquisita)
    follow(subscribers, topology, service, IntegrazioneRichiesta, integrazione)
    follow(subscribers, topology, service, ProvvedimentoEmesso, provvedimento)
    follow(subscribers, topology, service, PraticaNonLiquidabile, non_liquidabile)
    follow(subscribers, topology, service, ImpostazioniOrdineCambiate, impostazioni)
    return subscribers
