"""A peer that goes away for a while: the work that needs it waits and is done once it is back,
once, and nothing ends among the dead letters. gateway -> RabbitMQ -> services, real stores.

``istanze`` stops for 20 s while the clerk acquires a case: ``acquisizione`` cannot read the
application to prepare the notice of start of proceedings, so its command is retried later
(the broker's wait queues), and the notice is prepared once ``istanze`` answers again.
"""

import asyncio
from typing import Any

import aio_pika
import pytest

from parcelle_kit import demo
from parcelle_kit.cli.processes import load_process
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_testing.avvocato import deposited, lawyer
from parcelle_testing.fixtures import StartServices

from .conftest import GatewayClient

pytestmark = pytest.mark.integration
DOWN_FOR = 20.0


async def test_a_notice_waits_for_istanze_and_is_prepared_once_when_it_is_back(
    start_services: StartServices,
    gateway_client: GatewayClient,
    settings_values: dict[str, Any],
    amqp_url: str,
) -> None:
    quick = {
        **settings_values,
        "retry_initial_seconds": 0.5,
        "retry_max_seconds": 3.0,
        "istanze_timeout": 1.0,
    }
    istanze = load_process("istanze")
    assert isinstance(istanze, ServiceDefinition)
    first = await Runtime.start(istanze, istanze.settings_cls(**settings_values))
    acquisizione = load_process("acquisizione")
    assert isinstance(acquisizione, ServiceDefinition)
    secretariat = await Runtime.start(acquisizione, acquisizione.settings_cls(**quick))
    await start_services("firma")
    try:
        async with gateway_client() as gateway:
            http = gateway.http
            avvocato = await lawyer(http)
            segreteria = await lawyer(http, demo.SEGRETERIA.username)
            istanza = await deposited(http, avvocato)
            await asyncio.sleep(1)  # the deposit reaches acquisizione as an event

            await first.stop()
            acquired = await http.post(
                "/api/v1/segreteria/acquisizioni",
                json={"codice": istanza["codice"]},
                headers=segreteria,
            )
            assert acquired.status_code == 201, acquired.text
            base = f"/api/v1/segreteria/pratiche/{istanza['id']}"
            await asyncio.sleep(DOWN_FOR)
            pratica = (await http.get(base, headers=segreteria)).json()
            assert pratica["comunicazioni"] == []  # nothing could be prepared meanwhile

            again = await Runtime.start(istanze, istanze.settings_cls(**settings_values))
            try:
                async with asyncio.timeout(30):
                    while len(pratica["comunicazioni"]) < 2:
                        await asyncio.sleep(0.5)
                        pratica = (await http.get(base, headers=segreteria)).json()
                await asyncio.sleep(5)  # a second preparation would show by now
                pratica = (await http.get(base, headers=segreteria)).json()
                destinatari = sorted(c["destinatario"] for c in pratica["comunicazioni"])
                assert len(destinatari) == 2, destinatari
                lawyer_view = (
                    await http.get(f"/api/v1/istanze/{istanza['id']}", headers=avvocato)
                ).json()
                assert lawyer_view["stato"] == "acquisita"
            finally:
                await again.stop()
        connection = await aio_pika.connect(amqp_url)
        async with connection:
            channel = await connection.channel()
            for service in ("acquisizione", "istanze"):
                name = secretariat.topology.dead_letter_queue(service).name
                queue = await channel.declare_queue(name, passive=True)
                assert queue.declaration_result.message_count == 0, f"{service} dead letters"
    finally:
        await secretariat.stop()
