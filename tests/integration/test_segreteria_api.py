"""The secretariat's REST API and the scanner stations end to end: gateway -> RabbitMQ ->
istanze, acquisizione, firma, notifiche and postale, real stores. The demo lawyer deposits;
a station and the clerk acquire; the lawyer and the public exchange see the new status."""

import asyncio
import json
from typing import Any

import aio_pika
import httpx
import pytest

from acquisizione.bootstrap import ORDINE_DEMO, unit_of_work
from acquisizione.handlers.ordini import imposta
from parcelle_contracts.ordini import Relatore
from parcelle_kit import demo
from parcelle_kit.codes import nuovo_codice
from parcelle_kit.settings import Settings
from parcelle_testing.avvocato import deposited, lawyer, small_pdf
from parcelle_testing.codici import forgiato
from parcelle_testing.fixtures import StartServices

from .conftest import Gateway, GatewayClient

pytestmark = pytest.mark.integration
BIANCHI = Relatore(username="consigliere.bianchi", nome="Anna Bianchi")
SERVICES = ("istanze", "acquisizione", "firma", "notifiche", "postale")
SCANNER = "/api/v1/scanner/eventi"
LETTO_IL = "2026-03-02T09:15:30+01:00"


async def new_station(gateway: Gateway, headers: dict[str, str], nome: str) -> dict[str, Any]:
    created = await gateway.http.post(
        "/api/v1/segreteria/stazioni", json={"nome": nome}, headers=headers
    )
    assert created.status_code == 201, created.text
    assert created.headers["cache-control"] == "no-store"
    station: dict[str, Any] = created.json()
    return station


async def scan(gateway: Gateway, key: str, codice: str) -> httpx.Response:
    return await gateway.http.post(
        SCANNER, headers={"X-Station-Key": key}, json={"codice": codice, "letto_il": LETTO_IL}
    )


async def eventually(read: Any, ready: Any, seconds: float = 20) -> Any:
    """``await read()`` until ``ready(value)``: what other services do arrives later."""
    async with asyncio.timeout(seconds):
        while not ready(value := await read()):
            await asyncio.sleep(0.2)
    return value


async def pending_list(
    http: httpx.AsyncClient, headers: dict[str, str], totale: int
) -> dict[str, Any]:
    """The pending list's counts once it holds ``totale`` cases (deposits reach acquisizione as
    events)."""

    async def read() -> dict[str, Any]:
        answer = await http.get("/api/v1/segreteria/in-attesa/riepilogo", headers=headers)
        assert answer.status_code == 200, answer.text
        listed: dict[str, Any] = answer.json()
        return listed

    listed: dict[str, Any] = await eventually(read, lambda p: p["totale"] == totale)
    return listed


async def test_a_station_scan_acquires_and_every_bad_scan_gets_a_clear_refusal(
    start_services: StartServices,
    gateway_client: GatewayClient,
    settings_values: dict[str, Any],
    amqp_url: str,
    bus_namespace: str,
) -> None:
    await start_services(*SERVICES)
    connection = await aio_pika.connect(amqp_url)
    async with connection, gateway_client() as gateway:
        channel = await connection.channel()
        public = await channel.declare_exchange(
            f"{bus_namespace}.public", aio_pika.ExchangeType.TOPIC, durable=True
        )
        statuses = await channel.declare_queue(exclusive=True)
        await statuses.bind(public, "pratica.DEMO.acquisita")

        avvocato = await lawyer(gateway.http)
        segreteria = await lawyer(gateway.http, demo.SEGRETERIA.username)
        istanza = await deposited(gateway.http, avvocato)
        await pending_list(gateway.http, segreteria, 1)
        listed = (await gateway.http.get("/api/v1/segreteria/in-attesa", headers=segreteria)).json()
        assert [r["codice"] for r in listed["items"]] == [istanza["codice"]]

        station = await new_station(gateway, segreteria, "Sportello 1")
        assert (await scan(gateway, "chiave-inventata", istanza["codice"])).status_code == 401

        acquired = await scan(gateway, station["chiave"], istanza["codice"].lower())
        assert acquired.status_code == 202, acquired.text
        outcome = acquired.json()
        assert outcome["esito"] == "acquisita"
        assert outcome["istanza_id"] == istanza["id"]
        anno = outcome["protocollo"].split("/")[0]
        assert outcome["protocollo"] == f"{anno}/000001"
        assert outcome["relatore"] == demo.CONSIGLIERE.username

        again = await scan(gateway, station["chiave"], istanza["codice"])
        assert again.status_code == 202
        assert again.json()["esito"] == "gia_acquisita"
        assert again.json()["protocollo"] == outcome["protocollo"]

        secret = Settings(**settings_values).secret()
        refusals = {
            forgiato(istanza["codice"]): (422, "codice_non_valido"),
            "non è un codice": (422, "codice_non_valido"),
            nuovo_codice(secret, "ROMA", 2026): (403, "codice_altro_ordine"),
            nuovo_codice(secret, "DEMO", 2026): (404, "non_trovata"),
        }
        for codice, (status, error) in refusals.items():
            refused = await scan(gateway, station["chiave"], codice)
            assert (refused.status_code, refused.json()["error"]) == (status, error), codice
            assert refused.json()["message"]

        roma, roma_key = await gateway.app.state.stazioni.crea(
            nome="Sportello Roma", ordine="ROMA", da="admin"
        )
        other_ordine = await scan(gateway, roma_key, istanza["codice"])
        assert (other_ordine.status_code, other_ordine.json()["error"]) == (
            403,
            "codice_altro_ordine",
        )

        revoked = await gateway.http.delete(
            f"/api/v1/segreteria/stazioni/{station['id']}", headers=segreteria
        )
        assert revoked.status_code == 200, revoked.text
        assert revoked.json()["attiva"] is False
        after = await scan(gateway, station["chiave"], istanza["codice"])
        assert (after.status_code, after.json()["error"]) == (401, "stazione_revocata")
        foreign = await gateway.http.delete(
            f"/api/v1/segreteria/stazioni/{roma.id}", headers=segreteria
        )
        assert foreign.status_code == 404

        # The lawyer sees the case acquired, with its number; the public exchange says so.
        async def lawyer_view() -> dict[str, Any]:
            seen = await gateway.http.get(f"/api/v1/istanze/{istanza['id']}", headers=avvocato)
            view: dict[str, Any] = seen.json()
            return view

        view = await eventually(lawyer_view, lambda v: v["stato"] == "acquisita")
        assert view["protocollo"] == outcome["protocollo"]
        message = await eventually(lambda: statuses.get(fail=False), lambda m: m is not None)
        event = json.loads(message.body)
        assert event["pratica_id"] == istanza["id"]
        assert event["stato"] == "acquisita"


async def test_the_clerk_acquires_assigns_adds_observations_and_gets_the_notice(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    runtimes = await start_services(*SERVICES)
    (acquisizione,) = [r for r in runtimes if r.name == "acquisizione"]
    cambi = {"relatori": (*ORDINE_DEMO.relatori, BIANCHI)}
    await acquisizione.store.run(lambda tx: imposta(unit_of_work(tx), demo.ORDINE, cambi))
    async with gateway_client() as gateway:
        http = gateway.http
        avvocato = await lawyer(http)
        segreteria = await lawyer(http, demo.SEGRETERIA.username)
        first, second = [await deposited(http, avvocato) for _ in range(2)]
        await pending_list(http, segreteria, 2)

        by_lawyer = await http.get("/api/v1/segreteria/in-attesa", headers=avvocato)
        assert by_lawyer.status_code == 403
        filtered = await http.get(
            "/api/v1/segreteria/in-attesa", params={"cerca": second["codice"]}, headers=segreteria
        )
        assert [r["codice"] for r in filtered.json()["items"]] == [second["codice"]]

        url = "/api/v1/segreteria/acquisizioni"
        created = await http.post(url, json={"codice": first["codice"]}, headers=segreteria)
        assert created.status_code == 201, created.text
        pratica = created.json()
        assert pratica["stato"] == "acquisita"
        assert pratica["relatore"]["relatore"] == demo.CONSIGLIERE.username
        assert pratica["relatore"]["da"] == "automatica"
        assert pratica["scadenza"] is not None
        (registrazione,) = [
            p for p in pratica["cronologia"] if "acquisita con protocollo" in p["descrizione"]
        ]
        assert registrazione["chi"] == f"{demo.SEGRETERIA.nome} {demo.SEGRETERIA.cognome}"
        assert (registrazione["tramite"], registrazione["ruolo"]) == ("api", "segreteria")
        repeated = await http.post(url, json={"codice": first["codice"]}, headers=segreteria)
        assert repeated.status_code == 200
        assert repeated.json()["gia_acquisita"] is True
        assert repeated.json()["protocollo"] == pratica["protocollo"]
        numero = int(pratica["protocollo"].split("/")[1])
        other = await http.post(url, json={"codice": second["codice"]}, headers=segreteria)
        assert other.json()["protocollo"].endswith(f"/{numero + 1:06d}")
        # Round robin weighted by open cases: the second case goes to the other councillor.
        assert other.json()["relatore"]["relatore"] == BIANCHI.username

        base = f"/api/v1/segreteria/pratiche/{pratica['istanza_id']}"
        unknown = await http.post(
            f"{base}/assegnazione", json={"relatore": "nessuno"}, headers=segreteria
        )
        assert (unknown.status_code, unknown.json()["error"]) == (422, "relatore_non_valido")
        reassigned = await http.post(
            f"{base}/assegnazione",
            json={"relatore": BIANCHI.username, "motivo": "Astensione del primo relatore"},
            headers=segreteria,
        )
        assert reassigned.status_code == 200, reassigned.text
        assert [(a["relatore"], a["da"]) for a in reassigned.json()["assegnazioni"]] == [
            (demo.CONSIGLIERE.username, "automatica"),
            (BIANCHI.username, demo.SEGRETERIA.username),
        ]
        assert reassigned.json()["relatore"]["motivo"] == "Astensione del primo relatore"

        not_pdf = await http.post(
            f"{base}/osservazioni",
            files={"file": ("osservazioni.txt", b"testo", "text/plain")},
            headers=segreteria,
        )
        assert (not_pdf.status_code, not_pdf.json()["error"]) == (415, "tipo_non_ammesso")
        pdf = small_pdf("Osservazioni del cliente")
        added = await http.post(
            f"{base}/osservazioni",
            files={"file": ("osservazioni.pdf", pdf, "application/pdf")},
            headers=segreteria,
        )
        assert added.status_code == 201, added.text
        download = await http.get(f"{base}/osservazioni/1", headers=segreteria)
        assert download.content == pdf

        async def detail() -> dict[str, Any]:
            seen: dict[str, Any] = (await http.get(base, headers=segreteria)).json()
            return seen

        with_notice = await eventually(detail, lambda p: len(p["comunicazioni"]) == 2)
        destinatari = " | ".join(c["destinatario"] for c in with_notice["comunicazioni"])
        assert "(cliente, controinteressato)" in destinatari
        assert "(richiedente)" in destinatari
        # notifiche sends them at once; the simulated PEC provider's receipts follow.
        delivered = await eventually(
            detail, lambda p: all(c["stato"] == "consegnata" for c in p["comunicazioni"])
        )
        assert [c["canale"] for c in delivered["comunicazioni"]] == ["pec", "pec"]
        notice = with_notice["comunicazioni"][0]
        pdf_notice = await http.get(
            f"{base}/comunicazioni/{notice['id']}/documento", headers=segreteria
        )
        assert pdf_notice.status_code == 200
        assert pdf_notice.content.startswith(b"%PDF")

        deadlines = await http.get(
            "/api/v1/segreteria/scadenze", params={"giorni": 365}, headers=segreteria
        )
        assert deadlines.status_code == 200
        assert pratica["istanza_id"] in {p["istanza_id"] for p in deadlines.json()["items"]}
