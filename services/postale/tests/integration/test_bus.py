"""`postale` on the real broker: an ``InviaRaccomandata`` in, one mailing printed by the
simulator and a ``RaccomandataAggiornata`` out for each step to the return receipt; the same
command delivered again submits nothing twice; a print center down for a while is retried by
the platform's delayed retries; the secretariat reads the mailing and its receipts."""

import asyncio
import hashlib
import io
from collections.abc import AsyncIterator
from typing import Any

import pikepdf
import pytest
from faststream.rabbit import RabbitRouter

from parcelle_contracts.common import Attore, BlobRef, FileRef
from parcelle_contracts.comunicazioni import Destinatario
from parcelle_contracts.postale import (
    ElencoRaccomandate,
    FileRicevutaPostale,
    InviaRaccomandata,
    PaginaRaccomandate,
    RaccomandataAggiornata,
)
from parcelle_kit.blob.writes import put_once
from parcelle_kit.bus import follow, router
from parcelle_kit.requests import ask
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.settings import Settings
from parcelle_kit.stores import build_blob_store
from parcelle_testing.fixtures import BusClient, StartServices
from postale.adapters.simulatore import SPEDIZIONI

pytestmark = pytest.mark.integration
SEGRETERIA = Attore(username="segreteria", ruolo="segreteria", ordine="DEMO")
FINO_ALLA_CARTOLINA = ["accettata", "stampata", "spedita", "consegnata", "ricevuta_ritorno"]


class Ascoltatore:
    """Another service following what `postale` announces."""

    def __init__(self) -> None:
        self.eventi: list[RaccomandataAggiornata] = []

    def wire(self, runtime: Runtime[Settings]) -> RabbitRouter:
        subscribers = router()

        async def aggiornata(evento: RaccomandataAggiornata) -> None:
            self.eventi.append(evento)

        follow(subscribers, runtime.topology, "ascoltatore", RaccomandataAggiornata, aggiornata)
        return subscribers

    async def fino_a(self, comunicazione_id: str, stato: str, timeout: float = 60) -> list[str]:
        async with asyncio.timeout(timeout):
            while stato not in (stati := self.stati(comunicazione_id)):
                await asyncio.sleep(0.1)
        return stati

    def stati(self, comunicazione_id: str) -> list[str]:
        return [e.stato for e in self.eventi if e.comunicazione_id == comunicazione_id]


@pytest.fixture
async def ascoltatore(
    settings_values: dict[str, Any], monkeypatch: pytest.MonkeyPatch
) -> AsyncIterator[Ascoltatore]:
    # The simulator's week in about 1.5 s, asked about every 0.2 s.
    monkeypatch.setenv("PARCELLE_POSTALE_SIMULATORE_ACCELERAZIONE", "400000")
    monkeypatch.setenv("PARCELLE_POSTALE_TRACCIAMENTO_OGNI", "0.2")
    ascoltatore = Ascoltatore()
    definition = ServiceDefinition(name="ascoltatore", settings_cls=Settings, wire=ascoltatore.wire)
    runtime = await Runtime.start(definition, Settings(**settings_values))
    yield ascoltatore
    await runtime.stop()


def un_pdf() -> bytes:
    pdf = pikepdf.new()
    pdf.add_blank_page()
    uscita = io.BytesIO()
    pdf.save(uscita)
    return uscita.getvalue()


async def comando(settings_values: dict[str, Any], nome: str, n: int) -> InviaRaccomandata:
    """A command as `acquisizione` sends it, its notice kept in `acquisizione`'s area."""
    area = build_blob_store(Settings(**settings_values), "acquisizione")
    await area.open()
    data = un_pdf()
    info = await put_once(area, f"avvisi/{n}.pdf", data, content_type="application/pdf")
    await area.close()
    blob = BlobRef(area="acquisizione", key=info.key, sha256=info.sha256, size=info.size)
    return InviaRaccomandata(
        correlation_id=f"istanza-{n}",
        ordine="DEMO",
        istanza_id=f"istanza-{n}",
        comunicazione_id=f"comunicazione-{n}",
        destinatario=Destinatario(nome=nome, indirizzo="Via Roma 10\n00100 Roma RM"),
        documento=FileRef(blob=blob, nome_file="avvio.pdf", content_type="application/pdf"),
    )


async def test_a_command_in_its_course_out_once_however_often_delivered(
    start_services: StartServices,
    bus_client: BusClient,
    ascoltatore: Ascoltatore,
    settings_values: dict[str, Any],
) -> None:
    [postale] = await start_services("postale")
    msg = await comando(settings_values, "Mario Rossi", 1)
    await bus_client.publisher.publish(msg)
    await bus_client.publisher.publish(msg)  # the same command delivered again

    assert await ascoltatore.fino_a("comunicazione-1", "ricevuta_ritorno") == FINO_ALLA_CARTOLINA
    await bus_client.publisher.publish(msg)  # and again, at the end of the course
    await asyncio.sleep(1.0)
    assert ascoltatore.stati("comunicazione-1") == FINO_ALLA_CARTOLINA
    spedizioni = await postale.store.run(lambda tx: tx.find(SPEDIZIONI))
    assert len(spedizioni) == 1  # the print center got one mailing
    primo, ultimo = ascoltatore.eventi[0], ascoltatore.eventi[-1]
    assert primo.costo is not None
    assert primo.numero is not None
    assert primo.numero.startswith("SIM")
    assert all(e.simulata and e.numero == primo.numero for e in ascoltatore.eventi)

    domanda = ElencoRaccomandate(correlation_id="c", ordine="DEMO", attore=SEGRETERIA)
    esito = await ask(bus_client.rpc, domanda, PaginaRaccomandate, timeout=30)
    assert esito.dati is not None
    [raccomandata] = esito.dati.items
    assert esito.dati.simulatore is True
    assert raccomandata.stato == "ricevuta_ritorno"
    assert raccomandata.costo == primo.costo
    assert [r.tipo for r in raccomandata.ricevute] == ["accettazione", "ricevuta_ritorno"]
    assert raccomandata.ricevute[1].id == ultimo.ricevuta_id
    file = await ask(
        bus_client.rpc,
        FileRicevutaPostale(
            correlation_id="c",
            ordine="DEMO",
            attore=SEGRETERIA,
            raccomandata_id=raccomandata.id,
            ricevuta_id=raccomandata.ricevute[1].id,
        ),
        FileRef,
        timeout=30,
    )
    assert file.dati is not None
    scansione = await postale.blobs.get(file.dati.blob.key)
    assert hashlib.sha256(scansione).hexdigest() == file.dati.blob.sha256
    assert scansione.startswith(b"%PDF")


async def test_a_print_center_down_for_a_while_is_retried_later(
    start_services: StartServices,
    bus_client: BusClient,
    ascoltatore: Ascoltatore,
    settings_values: dict[str, Any],
) -> None:
    [postale] = await start_services("postale")
    msg = await comando(settings_values, "Studio GUASTO", 2)  # the first submission fails
    await bus_client.publisher.publish(msg)
    assert await ascoltatore.fino_a("comunicazione-2", "ricevuta_ritorno") == FINO_ALLA_CARTOLINA
    [spedizione] = await postale.store.run(lambda tx: tx.find(SPEDIZIONI))
    assert spedizione["tentativi"] == 2
