"""Fixtures of the `acquisizione` tests on the real broker: services started in this process
(as tests/integration does), a client asking them as the gateway would, a stand-in for
``istanze`` answering the application's details, a service that keeps what `acquisizione`
announces of the Ordini's settings, and a look at queues from the outside."""

import asyncio
from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Any, TypeVar

import aio_pika
import pytest
from faststream.rabbit import RabbitRouter

from parcelle_contracts import acquisizione as contratti
from parcelle_contracts.common import Attore, Esito
from parcelle_contracts.envelope import Message
from parcelle_contracts.istanze import DettaglioIstanza, Istanza
from parcelle_contracts.ordini import ImpostazioniOrdine, ImpostazioniOrdineCambiate
from parcelle_contracts.vocabolario import CANALI, RICEVUTE_PEC
from parcelle_kit.bus import Publisher, RpcClient, follow, router
from parcelle_kit.requests import answer, ask
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.settings import Settings
from parcelle_testing.fixtures import BusClient

from ..finti import SEGRETERIA

D = TypeVar("D")


class Client:
    """Asks the services as the gateway does, and publishes as `istanze` does."""

    def __init__(self, rpc: RpcClient, publisher: Publisher) -> None:
        self.rpc = rpc
        self.publisher = publisher

    async def ask(self, message: Message, dati: type[D], timeout: float = 30) -> Esito[D]:
        return await ask(self.rpc, message, dati, timeout=timeout)

    async def ok(self, message: Message, dati: type[D], timeout: float = 30) -> D:
        esito = await self.ask(message, dati, timeout)
        assert esito.ok, esito.errore
        assert esito.dati is not None
        return esito.dati

    async def in_attesa(self, attore: Attore = SEGRETERIA) -> contratti.RiepilogoAttesa:
        """How many cases wait (the counts of the pending list)."""
        domanda = contratti.RiepilogoInAttesa(
            correlation_id="c", ordine=attore.ordine, attore=attore
        )
        return await self.ok(domanda, contratti.RiepilogoAttesa)

    async def dettaglio(self, istanza_id: str) -> contratti.Pratica:
        domanda = contratti.DettaglioPratica(
            correlation_id="c", ordine="DEMO", attore=SEGRETERIA, istanza_id=istanza_id
        )
        return await self.ok(domanda, contratti.Pratica)

    async def attendi_in_attesa(self, totale: int, timeout: float = 60) -> None:
        async with asyncio.timeout(timeout):
            while (await self.in_attesa()).totale != totale:
                await asyncio.sleep(0.1)


async def attendi_consegna_pec(
    client: Client, istanza_id: str, comunicazione_id: str, timeout: float = 60
) -> None:
    """Wait until the notice's delivery ``comunicazione_id`` by PEC is ``consegnata``, and
    see in the case's timeline that it was ``inviata`` first (``comunicazione_spedita``: a
    delivery never moves back, so the line is there only if it came before the receipt of
    delivery), then delivered by the simulated provider's receipt."""
    async with asyncio.timeout(timeout):
        while True:
            pratica = await client.dettaglio(istanza_id)
            [avviso] = [c for c in pratica.comunicazioni if c.id == comunicazione_id]
            if avviso.stato == "consegnata":
                break
            assert avviso.stato in ("in_attesa", "inviata"), avviso
            await asyncio.sleep(0.2)
    righe = [
        p
        for p in pratica.cronologia
        if p.descrizione.startswith(f"Avviso per {avviso.destinatario} ({CANALI['pec']})")
    ]
    assert len([p for p in righe if ": inviata a " in p.descrizione]) == 1, righe
    [consegnata] = [p for p in righe if RICEVUTE_PEC["avvenuta-consegna"] in p.descrizione]
    assert "(simulata)" in consegnata.descrizione


@pytest.fixture
def client(bus_client: BusClient) -> Client:
    """A client on its own connection."""
    return Client(bus_client.rpc, bus_client.publisher)


class FintaIstanze:
    """Answers ``DettaglioIstanza`` like `istanze` with the views it is given."""

    def __init__(self) -> None:
        self.viste: dict[str, Istanza] = {}
        self.domande: list[DettaglioIstanza] = []

    def wire(self, runtime: Runtime[Settings]) -> RabbitRouter:
        subscribers = router()

        async def dettaglio(domanda: DettaglioIstanza) -> Istanza:
            self.domande.append(domanda)
            return self.viste[domanda.istanza_id]

        answer(subscribers, runtime.topology, "istanze", DettaglioIstanza, dettaglio)
        return subscribers


@pytest.fixture
async def finta_istanze(settings_values: dict[str, Any]) -> AsyncIterator[FintaIstanze]:
    finta = FintaIstanze()
    definition = ServiceDefinition(name="istanze-finta", settings_cls=Settings, wire=finta.wire)
    runtime = await Runtime.start(definition, Settings(**settings_values))
    yield finta
    await runtime.stop()


class Lettore:
    """Another service keeping a read copy of the Ordini's settings: records each announcement."""

    def __init__(self) -> None:
        self.annunci: list[ImpostazioniOrdine] = []

    def wire(self, runtime: Runtime[Settings]) -> RabbitRouter:
        subscribers = router()

        async def cambiate(evento: ImpostazioniOrdineCambiate) -> None:
            self.annunci.append(evento.impostazioni)

        follow(subscribers, runtime.topology, "lettore", ImpostazioniOrdineCambiate, cambiate)
        return subscribers

    async def attendi(self, quanti: int, timeout: float = 30) -> list[ImpostazioniOrdine]:
        async with asyncio.timeout(timeout):
            while len(self.annunci) < quanti:
                await asyncio.sleep(0.1)
        return self.annunci


@pytest.fixture
async def lettore(settings_values: dict[str, Any]) -> AsyncIterator[Lettore]:
    """Started before the test starts `acquisizione`: its queue is there for the first
    announcement."""
    lettore = Lettore()
    definition = ServiceDefinition(name="lettore", settings_cls=Settings, wire=lettore.wire)
    runtime = await Runtime.start(definition, Settings(**settings_values))
    yield lettore
    await runtime.stop()


@pytest.fixture
def contare(amqp_url: str) -> Callable[[str], Awaitable[int]]:
    """How many messages wait in a queue, as an operator's ``list_queues`` shows."""

    async def count(name: str) -> int:
        connection = await aio_pika.connect(amqp_url)
        async with connection:
            channel = await connection.channel()
            queue = await channel.declare_queue(name, passive=True)
            n = queue.declaration_result.message_count
            assert n is not None
            return n

    return count
