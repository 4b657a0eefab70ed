"""The term stops while the lawyer owes an integration: suspended on ``IntegrazioneRichiesta``,
running again on ``IntegrazioneFornita``, each once; the deadline moves by the days suspended."""

from datetime import timedelta
from typing import Any

from acquisizione.handlers.sospensioni import Sospensioni
from parcelle_contracts.acquisizione import DettaglioPratica
from parcelle_contracts.integrazioni import IntegrazioneFornita
from parcelle_contracts.revisione import IntegrazioneRichiesta

from ..conftest import Servizio
from ..fabbrica import ACQUISITA
from ..finti import SEGRETERIA


async def vista(servizio: Servizio, istanza_id: str) -> Any:
    return await servizio.segreteria.dettaglio(
        DettaglioPratica(
            correlation_id="c", ordine="DEMO", attore=SEGRETERIA, istanza_id=istanza_id
        )
    )


async def test_an_integration_suspends_the_term_until_the_answer(servizio: Servizio) -> None:
    await servizio.configura()
    (codice,) = await servizio.deposita()
    acquisita = await servizio.acquisisci(codice)
    istanza_id = acquisita["istanza_id"]
    prima = (await vista(servizio, istanza_id)).scadenza
    assert prima is not None
    sospensioni = Sospensioni(servizio.d)
    richiesta = IntegrazioneRichiesta(
        correlation_id="c",
        ordine="DEMO",
        istanza_id=istanza_id,
        testo="Depositare la procura",
        giorni=15,
        scadenza=ACQUISITA + timedelta(days=17),
        richiesta_il=ACQUISITA + timedelta(days=2),
        relatore="consigliere.demo",
    )
    await sospensioni.integrazione_richiesta(richiesta)
    await sospensioni.integrazione_richiesta(richiesta)  # redelivered: nothing more
    sospesa = await vista(servizio, istanza_id)
    assert sospesa.cronologia[-1].descrizione.startswith("Termine sospeso")
    fornita = IntegrazioneFornita(
        correlation_id="c",
        ordine="DEMO",
        istanza_id=istanza_id,
        nota="Allego la procura",
        allegati=[],
        fornita_il=ACQUISITA + timedelta(days=12),
    )
    await sospensioni.integrazione_fornita(fornita)
    await sospensioni.integrazione_fornita(fornita)
    ripresa = await vista(servizio, istanza_id)
    assert ripresa.cronologia[-1].descrizione == "Il termine riprende a decorrere"
    assert ripresa.scadenza is not None
    assert ripresa.scadenza - prima == timedelta(days=10)
