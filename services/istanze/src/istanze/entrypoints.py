"""FastStream subscribers of `istanze`: one request/reply subscriber per command and query, and
the followers of other services' events, each handing the decoded message to its handler."""

from faststream.rabbit import RabbitRouter

from istanze.handlers.acquisizione import registra_acquisizione, registra_relatore
from istanze.handlers.deposito import Deposito
from istanze.handlers.impostazioni import registra_impostazioni
from istanze.handlers.integrazioni import Integrazioni
from istanze.handlers.istanze import Istanze
from istanze.handlers.revisione import (
    registra_integrazione_richiesta,
    registra_non_liquidabile,
    registra_provvedimento,
)
from istanze.handlers.seguito import Seguito, registra_rapporto
from istanze.ports import Dependencies
from parcelle_contracts import istanze as contratti
from parcelle_contracts.acquisizione import PraticaAcquisita, RelatoreAssegnato
from parcelle_contracts.avvisi import ImpostaAvvisi, LeggiAvvisi
from parcelle_contracts.comunicazioni import (
    ComunicazioneNonRecapitata,
    ComunicazioneSpedita,
    RicevutaPecRegistrata,
)
from parcelle_contracts.consegne import InviaProvvedimento, RegistraPagamento
from parcelle_contracts.integrazioni import RispondiIntegrazione
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_contracts.postale import RaccomandataAggiornata
from parcelle_contracts.revisione import (
    IntegrazioneRichiesta,
    PraticaNonLiquidabile,
    ProvvedimentoEmesso,
)
from parcelle_kit.bus import Topology, follow, router
from parcelle_kit.requests import answer_all


def build_router(topology: Topology, service: str, d: Dependencies) -> RabbitRouter:
    """The subscribers of `istanze`, over the dependencies ``d`` (ping is built in)."""
    istanze, deposito, seguito = Istanze(d), Deposito(d), Seguito(d)
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
            RegistraPagamento: seguito.registra_pagamento,
            InviaProvvedimento: seguito.invia_provvedimento,
            ImpostaAvvisi: seguito.imposta_avvisi,
            LeggiAvvisi: seguito.leggi_avvisi,
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

    async def relatore(message: RelatoreAssegnato) -> None:
        await registra_relatore(d, message)

    async def spedita(message: ComunicazioneSpedita) -> None:
        await registra_rapporto(d, message)

    async def ricevuta(message: RicevutaPecRegistrata) -> None:
        await registra_rapporto(d, message)

    async def non_recapitata(message: ComunicazioneNonRecapitata) -> None:
        await registra_rapporto(d, message)

    async def raccomandata(message: RaccomandataAggiornata) -> None:
        await registra_rapporto(d, message)

    follow(subscribers, topology, service, PraticaAcquisita, acquisita)
    follow(subscribers, topology, service, RelatoreAssegnato, relatore)
    follow(subscribers, topology, service, ComunicazioneSpedita, spedita)
    follow(subscribers, topology, service, RicevutaPecRegistrata, ricevuta)
    follow(subscribers, topology, service, ComunicazioneNonRecapitata, non_recapitata)
    follow(subscribers, topology, service, RaccomandataAggiornata, raccomandata)
    follow(subscribers, topology, service, IntegrazioneRichiesta, integrazione)
    follow(subscribers, topology, service, ProvvedimentoEmesso, provvedimento)
    follow(subscribers, topology, service, PraticaNonLiquidabile, non_liquidabile)
    follow(subscribers, topology, service, ImpostazioniOrdineCambiate, impostazioni)
    return subscribers
