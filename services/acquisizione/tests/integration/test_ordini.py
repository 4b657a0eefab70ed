"""The Ordine's settings on the real broker: the demo seed at start is announced once however
many replicas start, a change written to the store (as ``parcelle ordini imposta`` writes it)
is published by the running service's outbox relay, and the query is answered."""

import asyncio

import pytest

from acquisizione.bootstrap import ORDINE_DEMO, unit_of_work
from acquisizione.handlers.ordini import imposta
from parcelle_contracts.ordini import ImpostazioniOrdine, LeggiImpostazioniOrdine
from parcelle_testing.fixtures import StartServices

from .conftest import Client, Lettore

pytestmark = pytest.mark.integration
ALTROVE = "Ordine degli Avvocati di Altrove"


async def test_settings_are_announced_by_their_owner_and_answered(
    start_services: StartServices, client: Client, lettore: Lettore
) -> None:
    (acquisizione,) = await start_services("acquisizione")
    (seme,) = await lettore.attendi(1)
    assert seme.versione == 1
    assert seme.model_dump(exclude={"versione"}) == ORDINE_DEMO.model_dump(exclude={"versione"})

    # Written and staged in one transaction, not woken: the relay's poll publishes it.
    cambi = {"nome": ALTROVE}
    await acquisizione.store.run(lambda tx: imposta(unit_of_work(tx), "DEMO", cambi))
    _, cambiate = await lettore.attendi(2)
    assert (cambiate.versione, cambiate.nome) == (2, ALTROVE)

    # Another replica starting seeds nothing over the changed settings.
    await start_services("acquisizione")
    await asyncio.sleep(2)
    assert len(lettore.annunci) == 2

    def domanda(ordine: str) -> LeggiImpostazioniOrdine:
        return LeggiImpostazioniOrdine(correlation_id="c", ordine=ordine)

    assert await client.ok(domanda("DEMO"), ImpostazioniOrdine) == cambiate
    predefinite = await client.ok(domanda("ROMA"), ImpostazioniOrdine)
    assert predefinite == ImpostazioniOrdine(codice="ROMA")
