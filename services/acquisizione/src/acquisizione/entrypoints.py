"""FastStream subscribers of `acquisizione`: one request/reply subscriber per command and query
of the secretariat, of the councillors' list and of the Ordine's settings, a plain subscriber
for each event it follows (deposits, withdrawals, integrations asked and given) and one for its
own command that prepares the notice. Each hands the decoded message to its handler; building
them is :mod:`acquisizione.bootstrap`'s job."""

from dataclasses import dataclass

from faststream.rabbit import RabbitRouter

from acquisizione.config import AcquisizioneSettings
from acquisizione.handlers.avvio import Avvio
from acquisizione.handlers.comandi import PreparaAvvio
from acquisizione.handlers.consegne import Consegne
from acquisizione.handlers.ingresso import Ingresso
from acquisizione.handlers.ordini import Ordini
from acquisizione.handlers.relatori import Relatori
from acquisizione.handlers.segreteria import Segreteria
from acquisizione.handlers.sospensioni import Sospensioni
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts.comunicazioni import (
    ComunicazioneNonRecapitata,
    ComunicazioneSpedita,
    RicevutaPecRegistrata,
)
from parcelle_contracts.integrazioni import IntegrazioneFornita
from parcelle_contracts.istanze import IstanzaDepositata, IstanzaRinunciata
from parcelle_contracts.ordini import LeggiImpostazioniOrdine
from parcelle_contracts.postale import RaccomandataAggiornata
from parcelle_contracts.revisione import IntegrazioneRichiesta
from parcelle_kit.bus import follow, router
from parcelle_kit.requests import answer_all
from parcelle_kit.service import Runtime


@dataclass(frozen=True)
class Handlers:
    """The use cases, one object per group."""

    segreteria: Segreteria
    ingresso: Ingresso
    avvio: Avvio
    relatori: Relatori
    ordini: Ordini
    sospensioni: Sospensioni
    consegne: Consegne


def build_router(runtime: Runtime[AcquisizioneSettings], handlers: Handlers) -> RabbitRouter:
    """The subscribers of `acquisizione` (ping is built in)."""
    segreteria = handlers.segreteria
    subscribers = router()
    answer_all(
        subscribers,
        runtime.topology,
        runtime.name,
        {
            contratti.AcquisisciPratica: segreteria.acquisisci,
            contratti.AssegnaRelatore: segreteria.assegna,
            contratti.AggiungiOsservazioni: segreteria.aggiungi_osservazioni,
            contratti.ElencoInAttesa: segreteria.elenco_in_attesa,
            contratti.RiepilogoInAttesa: segreteria.riepilogo_in_attesa,
            contratti.DettaglioPratica: segreteria.dettaglio,
            contratti.ElencoScadenze: segreteria.scadenze,
            contratti.ElencoAssegnate: handlers.relatori.assegnate,
            LeggiImpostazioniOrdine: handlers.ordini.leggi_impostazioni,
        },
    )
    ingresso, topology, nome = handlers.ingresso, runtime.topology, runtime.name
    follow(subscribers, topology, nome, IstanzaDepositata, ingresso.depositata)
    follow(subscribers, topology, nome, IstanzaRinunciata, ingresso.rinunciata)
    follow(subscribers, topology, nome, PreparaAvvio, handlers.avvio.prepara)
    sospensioni = handlers.sospensioni
    follow(subscribers, topology, nome, IntegrazioneRichiesta, sospensioni.integrazione_richiesta)
    follow(subscribers, topology, nome, IntegrazioneFornita, sospensioni.integrazione_fornita)
    rapporto = handlers.consegne.rapporto
    follow(subscribers, topology, nome, ComunicazioneSpedita, rapporto)
    follow(subscribers, topology, nome, RicevutaPecRegistrata, rapporto)
    follow(subscribers, topology, nome, ComunicazioneNonRecapitata, rapporto)
    follow(subscribers, topology, nome, RaccomandataAggiornata, rapporto)
    return subscribers
