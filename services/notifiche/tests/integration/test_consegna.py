"""Delivery on the real broker to a real SMTP server (aiosmtpd) started by the test, through
`notifiche` started as ``parcelle run`` starts it: every message reaches its recipient with
its attachments byte for byte; a server that is down and comes back gets the mail once; a
refusal and a command given up on become ``ComunicazioneNonRecapitata`` and the secretariat's
list; a redelivered command sends nothing more."""

import asyncio
import hashlib
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import aio_pika
import pytest
from aio_pika.abc import AbstractQueue

from parcelle_contracts.common import Attore, BlobRef, FileRef, Pagina
from parcelle_contracts.comunicazioni import (
    ElencoNonRecapitate,
    InviaComunicazione,
    InvioNonRecapitato,
)
from parcelle_contracts.ids import new_id
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_contracts.vocabolario import MESSAGGI, CanalePosta
from parcelle_kit.bus import Topology
from parcelle_kit.impostazioni import CopiaImpostazioni
from parcelle_kit.requests import ask
from parcelle_kit.settings import Settings
from parcelle_kit.stores import build_blob_store
from parcelle_testing.fixtures import BusClient, StartServices

from ..finti import IMPOSTAZIONI, comando
from ..server_smtp import ServerSmtp, porta_libera, server_smtp

pytestmark = pytest.mark.integration

EVENTI = "notifiche.event.#"


@asynccontextmanager
async def ascolto(amqp_url: str, namespace: str) -> AsyncIterator[AbstractQueue]:
    """A queue of the test's own receiving every event of ``notifiche``."""
    topology = Topology(namespace=namespace)
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.declare_exchange(
            topology.exchange.name, aio_pika.ExchangeType.TOPIC, durable=True
        )
        queue = await channel.declare_queue(exclusive=True)
        await queue.bind(exchange, EVENTI)
        yield queue


async def eventi(queue: AbstractQueue, quanti: int, timeout: float = 30) -> list[dict[str, Any]]:
    """The next ``quanti`` events, then a moment to see that no other one comes."""
    presi: list[dict[str, Any]] = []
    async with asyncio.timeout(timeout):
        while len(presi) < quanti:
            message = await queue.get(fail=False)
            if message is None:
                await asyncio.sleep(0.05)
                continue
            await message.ack()
            presi.append({"routing_key": message.routing_key, **json.loads(message.body)})
    await asyncio.sleep(0.5)
    altro = await queue.get(fail=False)
    assert altro is None, altro.body if altro else None
    return presi


async def ricevuti(server: ServerSmtp, quanti: int, timeout: float = 30) -> None:
    async with asyncio.timeout(timeout):
        while len(server.gestore.ricevuti) < quanti:
            await asyncio.sleep(0.05)
    await asyncio.sleep(0.5)
    assert len(server.gestore.ricevuti) == quanti


async def avvia(
    start_services: StartServices,
    settings_values: dict[str, Any],
    bus_client: BusClient,
    porta: int,
    **altro: Any,
) -> None:
    """`notifiche` sending to ``porta`` (PEC too, not through the development simulator), with
    the demo Ordine's settings in its copy."""
    settings_values.update(
        smtp_host="127.0.0.1", smtp_port=porta, smtp_tls="none", pec_trasporto="smtp", **altro
    )
    [runtime] = await start_services("notifiche")
    await bus_client.publisher.publish(
        ImpostazioniOrdineCambiate(
            correlation_id="impostazioni", ordine=IMPOSTAZIONI.codice, impostazioni=IMPOSTAZIONI
        )
    )
    async with asyncio.timeout(10):
        while not await runtime.store.run(
            lambda tx: CopiaImpostazioni(tx).leggi(IMPOSTAZIONI.codice)
        ):
            await asyncio.sleep(0.05)


async def documento(settings_values: dict[str, Any], dati: bytes, nome: str) -> FileRef:
    store = build_blob_store(Settings(**settings_values), "acquisizione")
    await store.open()

    async def uno() -> AsyncIterator[bytes]:
        yield dati

    key = f"avvisi/{new_id()}.pdf"
    await store.put(key, uno(), max_size=len(dati), content_type="application/pdf")
    await store.close()
    digest = hashlib.sha256(dati).hexdigest()
    blob = BlobRef(area="acquisizione", key=key, sha256=digest, size=len(dati))
    return FileRef(blob=blob, nome_file=nome, content_type="application/pdf")


async def test_every_message_reaches_its_recipient_with_its_attachments(
    start_services: StartServices,
    settings_values: dict[str, Any],
    bus_client: BusClient,
    amqp_url: str,
) -> None:
    async with server_smtp() as server, ascolto(amqp_url, settings_values["bus_namespace"]) as q:
        await avvia(start_services, settings_values, bus_client, server.porta)
        comandi: list[InviaComunicazione] = []
        pdf: dict[str, bytes] = {}
        for i, messaggio in enumerate(MESSAGGI):
            canale: CanalePosta = "pec" if i % 2 else "email"
            dati = f"%PDF-1.7 {messaggio} ".encode() + bytes(range(256)) * (i + 1)
            allegato = await documento(settings_values, dati, f"{messaggio}.pdf")
            msg = comando(messaggio, canale, [allegato])
            pdf[msg.message_id] = dati
            comandi.append(msg)
            await bus_client.publisher.publish(msg)

        spediti = await eventi(q, len(comandi))
        await ricevuti(server, len(comandi))

    per_id = {r.mail()["Message-ID"]: r for r in server.gestore.ricevuti}
    assert {e["routing_key"] for e in spediti} == {"notifiche.event.comunicazione_spedita"}
    for msg in comandi:
        [evento] = [e for e in spediti if e["comunicazione_id"] == msg.comunicazione_id]
        ricevuto = per_id[evento["message_id_mail"]]
        indirizzo = msg.destinatario.pec if msg.canale == "pec" else msg.destinatario.email
        assert ricevuto.destinatari == [indirizzo]
        assert evento["indirizzo"] == indirizzo
        mail = ricevuto.mail()
        assert mail["Subject"].startswith(MESSAGGI[msg.messaggio])
        [parte] = list(mail.iter_attachments())
        assert parte.get_filename() == f"{msg.messaggio}.pdf"
        assert parte.get_payload(decode=True) == pdf[msg.message_id]


async def test_a_server_down_then_up_gets_the_mail_once(
    start_services: StartServices,
    settings_values: dict[str, Any],
    bus_client: BusClient,
    amqp_url: str,
) -> None:
    porta = porta_libera()
    async with ascolto(amqp_url, settings_values["bus_namespace"]) as q:
        await avvia(
            start_services,
            settings_values,
            bus_client,
            porta,
            retry_initial_seconds=0.3,
            retry_max_seconds=0.6,
        )
        msg = comando("acquisizione", "email")
        await bus_client.publisher.publish(msg)
        await asyncio.sleep(1.5)  # refused a few times meanwhile
        async with server_smtp(porta) as server:
            [evento] = await eventi(q, 1)
            await ricevuti(server, 1)

    assert evento["routing_key"] == "notifiche.event.comunicazione_spedita"
    assert server.gestore.ricevuti[0].mail()["Message-ID"] == evento["message_id_mail"]


async def test_a_refusal_tells_the_secretariat_and_is_not_retried(
    start_services: StartServices,
    settings_values: dict[str, Any],
    bus_client: BusClient,
    amqp_url: str,
) -> None:
    async with server_smtp() as server, ascolto(amqp_url, settings_values["bus_namespace"]) as q:
        server.gestore.risposte = ["550 5.1.1 Mailbox unavailable"]
        await avvia(start_services, settings_values, bus_client, server.porta)
        msg = comando("provvedimento_emesso", "pec")
        await bus_client.publisher.publish(msg)
        [evento] = await eventi(q, 1)
        assert server.gestore.ricevuti == []

    assert evento["routing_key"] == "notifiche.event.comunicazione_non_recapitata"
    assert "550 5.1.1" in evento["motivo"]
    pagina = await elenco(bus_client)
    assert [v.comunicazione_id for v in pagina.items] == [msg.comunicazione_id]


async def test_a_command_given_up_on_tells_the_secretariat(
    start_services: StartServices,
    settings_values: dict[str, Any],
    bus_client: BusClient,
    amqp_url: str,
) -> None:
    async with ascolto(amqp_url, settings_values["bus_namespace"]) as q:
        await avvia(
            start_services,
            settings_values,
            bus_client,
            porta_libera(),  # nobody ever answers there
            retry_initial_seconds=0.1,
            retry_max_seconds=0.2,
            retry_budget_seconds=0.5,
        )
        msg = comando("diritti_dovuti", "email")
        await bus_client.publisher.publish(msg)
        [evento] = await eventi(q, 1)

    assert evento["routing_key"] == "notifiche.event.comunicazione_non_recapitata"
    assert evento["comunicazione_id"] == msg.comunicazione_id
    assert "retries spent" in evento["motivo"]
    [voce] = (await elenco(bus_client)).items
    assert voce.messaggio == "diritti_dovuti"


async def test_a_redelivered_command_sends_nothing_more(
    start_services: StartServices,
    settings_values: dict[str, Any],
    bus_client: BusClient,
    amqp_url: str,
) -> None:
    async with server_smtp() as server, ascolto(amqp_url, settings_values["bus_namespace"]) as q:
        await avvia(start_services, settings_values, bus_client, server.porta)
        msg = comando("pagamento_registrato", "pec")
        await bus_client.publisher.publish(msg)
        await eventi(q, 1)
        await bus_client.publisher.publish(msg)  # the same message id, again
        await bus_client.publisher.publish(msg)
        await asyncio.sleep(1.0)
        assert await q.get(fail=False) is None
        await ricevuti(server, 1)


async def elenco(bus_client: BusClient) -> Pagina[InvioNonRecapitato]:
    attore = Attore(username="segreteria.demo", ruolo="segreteria", ordine=IMPOSTAZIONI.codice)
    domanda = ElencoNonRecapitate(correlation_id="c", ordine=IMPOSTAZIONI.codice, attore=attore)
    esito = await ask(bus_client.rpc, domanda, Pagina[InvioNonRecapitato], timeout=10)
    assert esito.ok, esito.errore
    assert esito.dati is not None
    return esito.dati
