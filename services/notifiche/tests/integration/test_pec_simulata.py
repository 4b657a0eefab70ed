"""A PEC sent in development, on the real broker, through `notifiche` as ``parcelle run``
starts it: the sender's PEC transport is the simulated provider, which keeps the message as
``.eml`` under ``var/mail/pec`` and feeds its receipts to the same intake as the Ordine's
mailbox; the message is announced sent, and each receipt (acceptance, delivery) is announced
once, carrying the command's correlation id."""

import asyncio
from email import message_from_bytes, policy
from pathlib import Path
from typing import Any

import pytest

from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_kit.impostazioni import CopiaImpostazioni
from parcelle_testing.fixtures import BusClient, StartServices

from ..finti import IMPOSTAZIONI, comando
from .test_consegna import ascolto, eventi

pytestmark = pytest.mark.integration


async def test_a_pec_goes_through_the_simulated_provider_and_its_receipts_come_back_once(
    start_services: StartServices,
    settings_values: dict[str, Any],
    bus_client: BusClient,
    amqp_url: str,
) -> None:
    assert settings_values["env"] == "development"
    settings_values.pop("pec_trasporto", None)  # development's default: the simulator
    async with ascolto(amqp_url, settings_values["bus_namespace"]) as q:
        [notifiche] = await start_services("notifiche")
        assert notifiche.settings.pec_simulata
        await bus_client.publisher.publish(
            ImpostazioniOrdineCambiate(
                correlation_id="impostazioni", ordine=IMPOSTAZIONI.codice, impostazioni=IMPOSTAZIONI
            )
        )
        async with asyncio.timeout(10):
            while not await notifiche.store.run(
                lambda tx: CopiaImpostazioni(tx).leggi(IMPOSTAZIONI.codice)
            ):
                await asyncio.sleep(0.05)

        msg = comando("avvio_procedimento", "pec")
        await bus_client.publisher.publish(msg)
        arrivati = await eventi(q, 3, timeout=60)
        await bus_client.publisher.publish(msg)  # delivered again: nothing more happens
        await asyncio.sleep(2)
        assert await q.get(fail=False) is None

    per_tipo: dict[str, list[dict[str, Any]]] = {}
    for e in arrivati:
        per_tipo.setdefault(e["routing_key"].rsplit(".", 1)[1], [])
        per_tipo[e["routing_key"].rsplit(".", 1)[1]].append(e)
    [spedita] = per_tipo["comunicazione_spedita"]
    ricevute = per_tipo["ricevuta_pec_registrata"]
    assert sorted(r["tipo"] for r in ricevute) == ["accettazione", "avvenuta-consegna"]
    for ricevuta in ricevute:
        assert ricevuta["comunicazione_id"] == msg.comunicazione_id
        assert ricevuta["istanza_id"] == msg.istanza_id
        assert ricevuta["correlation_id"] == msg.correlation_id
        assert ricevuta["simulata"] is True
        assert ricevuta["errore"] is None
    [consegna] = [r for r in ricevute if r["tipo"] == "avvenuta-consegna"]
    assert consegna["destinatario"] == msg.destinatario.pec

    cartella = Path(settings_values["var_dir"]) / "mail" / "pec"
    [inviato] = list((cartella / "inviati").glob("*.eml"))
    mail = message_from_bytes(inviato.read_bytes(), policy=policy.default)
    assert mail["Message-ID"] == spedita["message_id_mail"]
    assert mail["To"].addresses[0].addr_spec == msg.destinatario.pec
    assert len(list((cartella / "ricevute").glob("*.eml"))) == 2
