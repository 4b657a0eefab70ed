"""The councillor's REST API end to end: gateway -> RabbitMQ -> istanze, acquisizione, firma
and revisione, real stores. The demo lawyer deposits, the clerk acquires, the relatore finds the
case in ``/api/v1/revisione/assegnate``, decides it with the body of the issue, and the lawyer
downloads the signed order, which poppler's ``pdfsig`` validates with the demo CA trusted."""

import asyncio
from pathlib import Path
from typing import Any

import httpx
import pytest

from parcelle_kit import demo
from parcelle_testing.avvocato import deposited, lawyer, small_pdf
from parcelle_testing.fixtures import StartServices
from parcelle_testing.pdf_tools import pdfsig

from .conftest import GatewayClient

pytestmark = pytest.mark.integration
SERVICES = ("istanze", "acquisizione", "firma", "revisione", "notifiche", "postale")
DECISIONE = {
    "esito": "liquidata",
    "voci": [
        {"fase": "studio", "importo_liquidato": "1701.00", "motivazione": "Congruo."},
        {"fase": "introduttiva", "importo_liquidato": "1204.00"},
        {"fase": "istruttoria", "importo_liquidato": "1806.00"},
        {
            "fase": "decisionale",
            "importo_liquidato": "2500.00",
            "motivazione": "Fase decisionale di breve durata.",
        },
    ],
    "note": "Liquidata in parte.",
}


async def eventually(
    http: httpx.AsyncClient,
    method: str,
    url: str,
    headers: dict[str, str],
    ready: Any,
    seconds: float = 90,
    **kwargs: Any,
) -> httpx.Response:
    """The request again until ``ready(answer)``: other services hear events later."""
    async with asyncio.timeout(seconds):
        while not ready(answer := await http.request(method, url, headers=headers, **kwargs)):
            await asyncio.sleep(0.3)
    return answer


async def test_the_relatore_decides_through_the_api_and_the_lawyer_downloads_the_signed_order(
    start_services: StartServices,
    gateway_client: GatewayClient,
    settings_values: dict[str, Any],
    tmp_path: Path,
) -> None:
    runtimes = await start_services(*SERVICES)
    firma = runtimes[SERVICES.index("firma")]
    async with gateway_client() as gateway:
        http = gateway.http
        avvocato = await lawyer(http)
        segreteria = await lawyer(http, demo.SEGRETERIA.username)
        relatore = await lawyer(http, demo.CONSIGLIERE.username)
        istanza = await deposited(http, avvocato)

        acquisita = await eventually(  # acquisizione hears the deposit
            http,
            "POST",
            "/api/v1/segreteria/acquisizioni",
            segreteria,
            lambda r: r.status_code != 404,
            json={"codice": istanza["codice"]},
        )
        assert acquisita.status_code == 201, acquisita.text

        assegnate = await eventually(
            http,
            "GET",
            "/api/v1/revisione/assegnate",
            relatore,
            lambda r: r.status_code == 200 and r.json()["items"],
        )
        assert [p["istanza_id"] for p in assegnate.json()["items"]] == [istanza["id"]]
        assert assegnate.json()["next"] is None
        vietata = await http.get("/api/v1/revisione/assegnate", headers=avvocato)
        assert vietata.status_code == 403

        pratica = f"/api/v1/revisione/pratiche/{istanza['id']}"
        vista = await eventually(  # revisione hears the acquisition and the assignment
            http, "GET", pratica, relatore, lambda r: r.status_code != 404
        )
        assert vista.status_code == 200, vista.text
        assert vista.json()["decidibile"] is True  # the demo Ordine does not wait
        assert vista.json()["voci"][0]["parametri"]["medio"] == "1701.00"

        decisa = await http.post(f"{pratica}/decisione", json=DECISIONE, headers=relatore)
        assert decisa.status_code == 200, decisa.text
        assert decisa.json()["decisione"]["totali"]["compenso"] == "7211.00"
        di_nuovo = await http.post(f"{pratica}/decisione", json=DECISIONE, headers=relatore)
        assert (di_nuovo.status_code, di_nuovo.json()["error"]) == (409, "stato_non_valido")

        provvedimento = await eventually(  # rendered, signed, kept, then released by istanze
            http,
            "GET",
            f"/api/v1/istanze/{istanza['id']}/provvedimento",
            avvocato,
            lambda r: r.status_code not in (404, 409),
            seconds=180,
        )
        assert provvedimento.status_code == 200, provvedimento.text
        assert provvedimento.headers["content-type"] == "application/pdf"
        firmato = provvedimento.content
        assert firmato.startswith(b"%PDF-")

        ca = (demo.directory(firma.settings.var_dir) / "ca.pem").read_bytes()
        report = pdfsig(firmato, ca, tmp_path)
        assert "Signature Validation: Signature is Valid." in report, report
        assert "Certificate Validation: Certificate is Trusted." in report, report
        assert "Total document signed" in report, report

        for headers, url in (
            (segreteria, f"/api/v1/segreteria/pratiche/{istanza['id']}/provvedimento"),
            (relatore, f"{pratica}/provvedimento"),
        ):
            copia = await http.get(url, headers=headers)
            assert (copia.status_code, copia.content) == (200, firmato), url

        caso = await eventually(  # istanze hears ProvvedimentoEmesso
            http,
            "GET",
            f"/api/v1/istanze/{istanza['id']}",
            avvocato,
            lambda r: r.json()["stato"] == "provvedimento_emesso",
        )
        assert caso.json()["provvedimento"] is True
        assert caso.json()["diritti"] is not None


async def test_an_integration_asked_through_the_api_is_answered_by_the_lawyer_with_files(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    await start_services(*SERVICES)
    async with gateway_client() as gateway:
        http = gateway.http
        avvocato = await lawyer(http)
        segreteria = await lawyer(http, demo.SEGRETERIA.username)
        relatore = await lawyer(http, demo.CONSIGLIERE.username)
        istanza = await deposited(http, avvocato)
        await eventually(
            http,
            "POST",
            "/api/v1/segreteria/acquisizioni",
            segreteria,
            lambda r: r.status_code != 404,
            json={"codice": istanza["codice"]},
        )
        pratica = f"/api/v1/revisione/pratiche/{istanza['id']}"
        await eventually(http, "GET", pratica, relatore, lambda r: r.status_code == 200)

        chiesta = await http.post(
            f"{pratica}/integrazione",
            json={"testo": "Depositare la procura alle liti.", "giorni": 15},
            headers=relatore,
        )
        assert chiesta.status_code == 200, chiesta.text
        assert chiesta.json()["stato"] == "integrazione_richiesta"
        attesa = await http.post(f"{pratica}/decisione", json=DECISIONE, headers=relatore)
        assert (attesa.status_code, attesa.json()["error"]) == (409, "stato_non_valido")

        caso = f"/api/v1/istanze/{istanza['id']}"
        await eventually(  # istanze hears IntegrazioneRichiesta
            http, "GET", caso, avvocato, lambda r: "integra" in r.json()["azioni"]
        )
        risposta = await http.post(
            f"{caso}/integrazioni",
            data={"nota": "Allego la procura.", "categoria": "procura"},
            files={"file": ("procura.pdf", small_pdf("procura"), "application/pdf")},
            headers=avvocato,
        )
        assert risposta.status_code == 200, risposta.text
        assert risposta.json()["stato"] == "acquisita"
        assert any(a["nome_file"] == "procura.pdf" for a in risposta.json()["allegati"])

        vista = await eventually(  # revisione hears IntegrazioneFornita
            http, "GET", pratica, relatore, lambda r: r.json()["stato"] == "da_decidere"
        )
        assert vista.json()["integrazioni"][0]["nota"] == "Allego la procura."
