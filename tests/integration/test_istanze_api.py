"""The lawyer's REST API end to end: gateway -> RabbitMQ -> istanze and firma, real stores."""

import asyncio
import io
import json
from pathlib import Path
from typing import Any

import aio_pika
import pytest
from pyhanko.pdf_utils.incremental_writer import IncrementalPdfFileWriter
from pyhanko.sign import signers

from parcelle_contracts.ordini import ImpostazioniOrdine, ImpostazioniOrdineCambiate, RegoleIstanze
from parcelle_kit import demo
from parcelle_kit.codes import verifica_codice
from parcelle_kit.impostazioni import CopiaImpostazioni
from parcelle_kit.settings import Settings
from parcelle_testing.avvocato import SAMPLE, attach, complete_draft, lawyer, small_pdf
from parcelle_testing.fixtures import StartServices

from .conftest import GatewayClient
from .lawyers import add_lawyer

pytestmark = pytest.mark.integration
SERVICES = ("istanze", "firma")


async def sign_with_demo_certificate(var_dir: Path, pdf: bytes) -> bytes:
    """What the lawyer's own signing tool does: a PAdES signature by incremental update."""
    signer = signers.SimpleSigner.load_pkcs12(  # type: ignore[no-untyped-call]  # untyped in pyhanko
        str(demo.directory(var_dir) / "avvocato.p12"), passphrase=demo.password().encode()
    )
    assert signer is not None
    output = io.BytesIO()
    await signers.async_sign_pdf(
        IncrementalPdfFileWriter(io.BytesIO(pdf)),
        signers.PdfSignatureMetadata(field_name="FirmaAvvocato"),
        signer=signer,
        output=output,
    )
    return output.getvalue()


async def test_create_attach_sign_deposit_and_download_the_receipt(
    start_services: StartServices,
    gateway_client: GatewayClient,
    settings_values: dict[str, Any],
) -> None:
    await start_services(*SERVICES)
    async with gateway_client() as gateway:
        headers = await lawyer(gateway.http)
        http = gateway.http
        created = await http.post("/api/v1/istanze", json=SAMPLE, headers=headers)
        assert created.status_code == 201, created.text
        istanza = created.json()
        assert istanza["stato"] == "bozza"
        assert istanza["codice"].startswith("DEMO-")
        # The DM 147/2022 worked example: 7,616.00 of fees.
        assert istanza["totali"]["compenso"] == "7616.00"
        assert istanza["totali"]["totale"] == "11112.66"
        assert any(item["requisito"] == "allegato_parcella" for item in istanza["mancanti"])

        refused = await http.post(f"/api/v1/istanze/{istanza['id']}/deposito", headers=headers)
        assert refused.status_code == 422
        assert refused.json()["error"] == "incompleta"

        for categoria in ("parcella", "prova_invio"):
            attached = await attach(http, headers, istanza["id"], categoria)
            assert attached.status_code == 201, attached.text
        allegati = attached.json()["allegati"]
        assert [a["categoria"] for a in allegati] == ["parcella", "prova_invio"]
        assert all(len(a["sha256"]) == 64 for a in allegati)

        document = await http.get(f"/api/v1/istanze/{istanza['id']}/documento", headers=headers)
        assert document.status_code == 200
        assert document.headers["content-type"] == "application/pdf"
        assert document.content.startswith(b"%PDF-")

        signed = await sign_with_demo_certificate(settings_values["var_dir"], document.content)
        deposited = await http.post(
            f"/api/v1/istanze/{istanza['id']}/deposito",
            headers=headers,
            files={"file": ("istanza-firmata.pdf", io.BytesIO(signed), "application/pdf")},
        )
        assert deposited.status_code == 201, deposited.text
        body = deposited.json()
        assert body["codice"] == istanza["codice"]
        assert body["stato"] == "depositata"
        assert body["istanza"]["firma"]["codice_fiscale"] == demo.AVVOCATO.codice_fiscale

        receipt = await http.get(body["ricevuta"], headers=headers)
        assert receipt.status_code == 200
        assert receipt.content.startswith(b"%PDF-")
        detail = (await http.get(f"/api/v1/istanze/{istanza['id']}", headers=headers)).json()
        assert [e["stato"] for e in detail["cronologia"]][-1] == "depositata"

        late = await http.patch(
            f"/api/v1/istanze/{istanza['id']}", json={"spese": "10.00"}, headers=headers
        )
        assert late.status_code == 409


async def test_the_demo_signature_then_deposit(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    await start_services(*SERVICES)
    async with gateway_client() as gateway:
        headers = await lawyer(gateway.http)
        istanza = await complete_draft(gateway.http, headers)
        signed = await gateway.http.post(
            f"/api/v1/istanze/{istanza['id']}/firma-demo", headers=headers
        )
        assert signed.status_code == 200, signed.text
        assert signed.json()["firma"]["firmatario"]
        deposited = await gateway.http.post(
            f"/api/v1/istanze/{istanza['id']}/deposito", headers=headers
        )
        assert deposited.status_code == 201, deposited.text
        assert deposited.json()["istanza"]["firma"]["tipo"] == "pades"


async def test_a_wrong_signed_file_is_refused_and_the_draft_stays_a_draft(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    await start_services(*SERVICES)
    async with gateway_client() as gateway:
        headers = await lawyer(gateway.http)
        istanza = await complete_draft(gateway.http, headers)
        unsigned = small_pdf("not the application and not signed")
        url = f"/api/v1/istanze/{istanza['id']}/deposito"

        def upload() -> dict[str, Any]:
            return {"file": ("firmata.pdf", io.BytesIO(unsigned), "application/pdf")}

        # Nothing to sign was ever generated: whatever was signed, it is not this application.
        premature = await gateway.http.post(url, headers=headers, files=upload())
        assert premature.status_code == 409, premature.text
        assert premature.json()["error"] == "documento_non_aggiornato"

        await gateway.http.get(f"/api/v1/istanze/{istanza['id']}/documento", headers=headers)
        refused = await gateway.http.post(url, headers=headers, files=upload())
        assert refused.status_code == 422, refused.text
        assert refused.json()["error"] == "firma_non_valida"
        assert refused.json()["message"]
        after = await gateway.http.get(f"/api/v1/istanze/{istanza['id']}", headers=headers)
        assert after.json()["stato"] == "bozza"


async def test_depositing_twice_at_once_gives_one_deposit(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    await start_services(*SERVICES)
    async with gateway_client() as gateway:
        headers = await lawyer(gateway.http)
        istanza = await complete_draft(gateway.http, headers)
        await gateway.http.post(f"/api/v1/istanze/{istanza['id']}/firma-demo", headers=headers)
        url = f"/api/v1/istanze/{istanza['id']}/deposito"
        first, second = await asyncio.gather(
            gateway.http.post(url, headers=headers), gateway.http.post(url, headers=headers)
        )
        assert {first.status_code, second.status_code} == {201}
        assert first.json()["depositata_il"] == second.json()["depositata_il"]
        detail = (
            await gateway.http.get(f"/api/v1/istanze/{istanza['id']}", headers=headers)
        ).json()
        assert [e["stato"] for e in detail["cronologia"]].count("depositata") == 1


async def test_a_lawyer_never_sees_another_lawyers_case(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    await start_services(*SERVICES)
    async with gateway_client() as gateway:
        await add_lawyer(gateway.app.state.accounts, "altro.avvocato")
        await add_lawyer(gateway.app.state.accounts, "avvocato.roma", ordine="ROMA")
        owner = await lawyer(gateway.http)
        created = await gateway.http.post("/api/v1/istanze", json=SAMPLE, headers=owner)
        istanza_id = created.json()["id"]
        for other in ("altro.avvocato", "avvocato.roma"):
            headers = await lawyer(gateway.http, other, "altra-password")
            seen = await gateway.http.get(f"/api/v1/istanze/{istanza_id}", headers=headers)
            assert seen.status_code == 404, other
            listed = await gateway.http.get("/api/v1/istanze", headers=headers)
            assert listed.json() == {"items": [], "next": None}, other
            changed = await gateway.http.patch(
                f"/api/v1/istanze/{istanza_id}", json={"spese": "1.00"}, headers=headers
            )
            assert changed.status_code == 404, other


async def test_errors_are_structured_and_in_italian(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    await start_services(*SERVICES)
    async with gateway_client() as gateway:
        headers = await lawyer(gateway.http)
        wrong_cf = json.loads(json.dumps(SAMPLE))
        wrong_cf["cliente"]["codice_fiscale"] = "RSSMRA80A01H501X"
        bad = await gateway.http.post("/api/v1/istanze", json=wrong_cf, headers=headers)
        assert bad.status_code == 422
        assert set(bad.json()) == {"error", "message", "fields"}
        assert "cliente.codice_fiscale" in bad.json()["fields"]
        unreadable = await gateway.http.post(
            "/api/v1/istanze",
            json={"voci": [{"fase": "studio", "importo": "12,5x"}]},
            headers=headers,
        )
        assert unreadable.status_code == 422
        assert "voci.0.importo" in unreadable.json()["fields"]
        anonymous = await gateway.http.get("/api/v1/istanze")
        assert anonymous.status_code == 401
        assert anonymous.json()["error"] == "non_autenticato"


async def test_every_status_change_is_published_on_the_public_exchange(
    start_services: StartServices,
    gateway_client: GatewayClient,
    amqp_url: str,
    bus_namespace: str,
) -> None:
    await start_services(*SERVICES)
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        channel = await connection.channel()
        exchange = await channel.declare_exchange(
            f"{bus_namespace}.public", aio_pika.ExchangeType.TOPIC, durable=True
        )
        queue = await channel.declare_queue(exclusive=True)
        await queue.bind(exchange, "pratica.DEMO.#")
        async with gateway_client() as gateway:
            headers = await lawyer(gateway.http)
            istanza = await complete_draft(gateway.http, headers)
            await gateway.http.post(f"/api/v1/istanze/{istanza['id']}/firma-demo", headers=headers)
            await gateway.http.post(f"/api/v1/istanze/{istanza['id']}/deposito", headers=headers)
            await gateway.http.post(
                f"/api/v1/istanze/{istanza['id']}/rinuncia",
                json={"motivo": "Accordo raggiunto con il cliente"},
                headers=headers,
            )
        received: list[tuple[str, dict[str, Any]]] = []
        async with asyncio.timeout(10):
            while len(received) < 2:
                message = await queue.get(fail=False)
                if message is None:
                    await asyncio.sleep(0.1)
                    continue
                await message.ack()
                received.append((str(message.routing_key), json.loads(message.body)))
    assert [key for key, _ in received] == ["pratica.DEMO.depositata", "pratica.DEMO.rinunciata"]
    payload = received[0][1]
    assert payload["pratica_id"] == istanza["id"]
    assert payload["codice"] == istanza["codice"]
    assert "cliente" not in payload


async def configure_ordine(runtimes: list[Any], **regole: Any) -> None:
    """Give the running istanze service a read copy of the DEMO Ordine's settings with these
    rules, as acquisizione's announcement would (a version no demo seed reaches)."""
    (istanze,) = [runtime for runtime in runtimes if runtime.name == "istanze"]
    impostazioni = ImpostazioniOrdine(
        codice=demo.ORDINE, versione=1000, nome=demo.ORDINE_NOME, istanze=RegoleIstanze(**regole)
    )
    await istanze.store.run(lambda tx: CopiaImpostazioni(tx).sostituisci(impostazioni))


async def test_where_the_ordine_allows_it_a_deposit_without_digital_signature(
    start_services: StartServices, gateway_client: GatewayClient, testo: Any
) -> None:
    runtimes = await start_services(*SERVICES)
    await configure_ordine(runtimes, firma_digitale_obbligatoria=False)
    async with gateway_client() as gateway:
        headers = await lawyer(gateway.http)
        istanza = await complete_draft(gateway.http, headers)
        assert istanza["firma_richiesta"] is False
        await gateway.http.get(f"/api/v1/istanze/{istanza['id']}/documento", headers=headers)
        deposited = await gateway.http.post(
            f"/api/v1/istanze/{istanza['id']}/deposito", headers=headers
        )
        assert deposited.status_code == 201, deposited.text
        assert deposited.json()["istanza"]["firma"]["tipo"] == "autografa"
        receipt = await gateway.http.get(deposited.json()["ricevuta"], headers=headers)
    text = testo(receipt.content).lower()
    assert "sportello" in text  # bring the hand-signed original to the counter


async def test_uploads_of_the_wrong_type_or_too_large_are_refused(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    runtimes = await start_services(*SERVICES)
    await configure_ordine(runtimes, max_dimensione_file=2000, max_dimensione_pratica=4000)
    async with gateway_client() as gateway:
        headers = await lawyer(gateway.http)
        created = await gateway.http.post("/api/v1/istanze", json=SAMPLE, headers=headers)
        url = f"/api/v1/istanze/{created.json()['id']}/allegati"
        renamed = await gateway.http.post(
            url,
            headers=headers,
            data={"categoria": "parcella"},
            files={
                "file": ("parcella.pdf", io.BytesIO(b"just text, named .pdf"), "application/pdf")
            },
        )
        assert renamed.status_code == 415, renamed.text
        assert renamed.json()["error"] == "tipo_non_ammesso"
        large = await gateway.http.post(
            url,
            headers=headers,
            data={"categoria": "parcella"},
            files={
                "file": ("grande.pdf", io.BytesIO(b"%PDF-1.7\n" + b"0" * 5000), "application/pdf")
            },
        )
        assert large.status_code == 413, large.text
        assert large.json()["error"] == "limite_superato"
        after = await gateway.http.get(f"/api/v1/istanze/{created.json()['id']}", headers=headers)
        assert after.json()["allegati"] == []


async def test_the_receipts_2d_code_decodes_to_a_code_the_system_accepts(
    start_services: StartServices,
    gateway_client: GatewayClient,
    codici_2d: Any,
    settings_values: dict[str, Any],
) -> None:
    await start_services(*SERVICES)
    async with gateway_client() as gateway:
        headers = await lawyer(gateway.http)
        istanza = await complete_draft(gateway.http, headers)
        await gateway.http.post(f"/api/v1/istanze/{istanza['id']}/firma-demo", headers=headers)
        deposited = await gateway.http.post(
            f"/api/v1/istanze/{istanza['id']}/deposito", headers=headers
        )
        receipt = await gateway.http.get(deposited.json()["ricevuta"], headers=headers)
    ((_, decoded),) = codici_2d(receipt.content)
    assert decoded == istanza["codice"]
    secret = Settings(**settings_values).secret()
    assert verifica_codice(secret, decoded) == decoded


async def test_the_ordines_announced_name_is_printed_on_the_next_application(
    start_services: StartServices, gateway_client: GatewayClient, testo: Any
) -> None:
    runtimes = await start_services(*SERVICES)
    (istanze,) = [runtime for runtime in runtimes if runtime.name == "istanze"]
    impostazioni = ImpostazioniOrdine(
        codice=demo.ORDINE, versione=2000, nome="Ordine degli Avvocati di Nuovo Nome"
    )
    # As acquisizione announces a change: through the broker, to istanze's own queue.
    await istanze.publisher.publish(
        ImpostazioniOrdineCambiate(
            correlation_id="ordine-DEMO", ordine=demo.ORDINE, impostazioni=impostazioni
        )
    )
    async with asyncio.timeout(10):
        while await istanze.store.run(lambda tx: CopiaImpostazioni(tx).leggi(demo.ORDINE)) != (
            impostazioni
        ):
            await asyncio.sleep(0.1)
    async with gateway_client() as gateway:
        headers = await lawyer(gateway.http)
        istanza = await complete_draft(gateway.http, headers)
        pdf = await gateway.http.get(f"/api/v1/istanze/{istanza['id']}/documento", headers=headers)
        assert pdf.status_code == 200, pdf.text
    assert "Ordine degli Avvocati di Nuovo Nome" in testo(pdf.content)
