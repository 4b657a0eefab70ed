"""``POST /api/v1/scanner/eventi``: a station's key lets its scans in (unknown, revoked or
missing: 401); the scan goes to ``acquisizione`` on behalf of the station, for the station's
Ordine; the answer is 202 with the outcome, or the service's refusal with its status."""

from datetime import UTC, datetime
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI

from gateway.config import GatewaySettings
from gateway.stazioni.demo import percorso_chiave
from gateway.stazioni.store import StazioniStore

from ..fake_acquisizione import FakeAcquisizione

EVENTI = "/api/v1/scanner/eventi"
LETTO_IL = "2026-03-02T09:15:30+01:00"


async def scansione(api: httpx.AsyncClient, chiave: str | None, codice: str) -> httpx.Response:
    headers = {} if chiave is None else {"X-Station-Key": chiave}
    return await api.post(EVENTI, headers=headers, json={"codice": codice, "letto_il": LETTO_IL})


async def nuova_stazione(app: FastAPI, nome: str, ordine: str = "DEMO") -> str:
    stazioni: StazioniStore = app.state.stazioni
    _, chiave = await stazioni.crea(nome=nome, ordine=ordine, da="test")
    return chiave


async def test_a_scan_acquires_and_answers_202_with_the_outcome(
    api: httpx.AsyncClient, app: FastAPI, acquisizione: FakeAcquisizione
) -> None:
    chiave = await nuova_stazione(app, "Sportello 1")
    pratica = acquisizione.deposita()
    risposta = await scansione(api, chiave, pratica.codice)
    assert risposta.status_code == 202, risposta.text
    corpo = risposta.json()
    registrata = acquisizione.pratiche[pratica.istanza_id]
    assert corpo["esito"] == "acquisita"
    assert corpo["istanza_id"] == pratica.istanza_id
    assert corpo["codice"] == pratica.codice
    assert corpo["protocollo"] == registrata.protocollo
    assert corpo["relatore"] == "consigliere.demo"

    (chiamata,) = acquisizione.chiamate_di("acquisisci")
    assert chiamata.attore.ruolo == "segreteria"
    assert chiamata.attore.ordine == "DEMO"
    assert chiamata.attore.username == "stazione:Sportello 1"
    assert chiamata.argomenti["origine"] == "scanner"
    assert (chiamata.attore.tramite, chiamata.attore.stazione) == ("stazione", "Sportello 1")
    assert chiamata.argomenti["letto_il"] == datetime(2026, 3, 2, 8, 15, 30, tzinfo=UTC)

    di_nuovo = await scansione(api, chiave, pratica.codice)
    assert di_nuovo.status_code == 202
    assert di_nuovo.json()["esito"] == "gia_acquisita"
    assert di_nuovo.json()["protocollo"] == registrata.protocollo
    assert acquisizione.protocolli == 1


@pytest.mark.parametrize(
    ("chiave", "codice"),
    [
        (None, "stazione_non_autenticata"),
        ("", "stazione_non_autenticata"),
        ("non-una-chiave-vera", "stazione_non_riconosciuta"),
        ("x" * 500, "stazione_non_riconosciuta"),
    ],
)
async def test_a_missing_or_unknown_key_is_refused(
    api: httpx.AsyncClient, acquisizione: FakeAcquisizione, chiave: str | None, codice: str
) -> None:
    pratica = acquisizione.deposita()
    risposta = await scansione(api, chiave, pratica.codice)
    assert risposta.status_code == 401
    assert risposta.json()["error"] == codice
    assert "chiave" in risposta.json()["message"].lower()
    assert acquisizione.chiamate == []


async def test_a_revoked_station_is_refused(
    api: httpx.AsyncClient, app: FastAPI, acquisizione: FakeAcquisizione
) -> None:
    chiave = await nuova_stazione(app, "Sportello 1")
    stazioni: StazioniStore = app.state.stazioni
    stazione = await stazioni.per_chiave(chiave)
    assert stazione is not None
    pratica = acquisizione.deposita()
    await stazioni.revoca(stazione.id, da="segreteria.demo")
    risposta = await scansione(api, chiave, pratica.codice)
    assert risposta.status_code == 401
    assert risposta.json() == {
        "error": "stazione_revocata",
        "message": "Questa stazione è stata revocata: chiedi alla segreteria una nuova chiave.",
        "fields": {},
    }
    assert acquisizione.chiamate == []


async def test_a_station_scanning_another_ordines_code_is_refused(
    api: httpx.AsyncClient, app: FastAPI, acquisizione: FakeAcquisizione
) -> None:
    chiave = await nuova_stazione(app, "Sportello A", ordine="ALFA")
    di_demo = acquisizione.deposita(ordine="DEMO")
    risposta = await scansione(api, chiave, di_demo.codice)
    assert risposta.status_code == 403
    assert risposta.json()["error"] == "codice_altro_ordine"
    (chiamata,) = acquisizione.chiamate_di("acquisisci")
    assert chiamata.attore.ordine == "ALFA"  # the station's Ordine, for the service to check
    assert acquisizione.pratiche[di_demo.istanza_id].protocollo is None


@pytest.mark.parametrize(
    ("codice", "stato", "errore"),
    [
        ("DEMO-26", 422, "codice_non_valido"),
        ("DEMO-26-99999999-ZZZZ", 404, "non_trovata"),
    ],
)
async def test_bad_or_unknown_codes_get_a_clear_4xx(
    api: httpx.AsyncClient, app: FastAPI, codice: str, stato: int, errore: str
) -> None:
    chiave = await nuova_stazione(app, "Sportello 1")
    risposta = await scansione(api, chiave, codice)
    assert risposta.status_code == stato
    assert risposta.json()["error"] == errore
    assert risposta.json()["message"]


async def test_a_hand_signed_deposit_needs_the_original_at_the_counter(
    api: httpx.AsyncClient, app: FastAPI, acquisizione: FakeAcquisizione
) -> None:
    chiave = await nuova_stazione(app, "Sportello 1")
    pratica = acquisizione.deposita(firma="autografa")
    risposta = await scansione(api, chiave, pratica.codice)
    assert risposta.status_code == 409
    assert risposta.json()["error"] == "originale_mancante"
    risposta = await api.post(
        EVENTI,
        headers={"X-Station-Key": chiave},
        json={"codice": pratica.codice, "letto_il": LETTO_IL, "originale_ricevuto": True},
    )
    assert risposta.status_code == 202


async def test_where_the_ordine_asks_for_it_the_stamp_duty_too(
    api: httpx.AsyncClient, app: FastAPI, acquisizione: FakeAcquisizione
) -> None:
    acquisizione.marca_da_bollo = True
    chiave = await nuova_stazione(app, "Sportello 1")
    pratica = acquisizione.deposita(firma="autografa")
    evento = {"codice": pratica.codice, "letto_il": LETTO_IL, "originale_ricevuto": True}
    risposta = await api.post(EVENTI, headers={"X-Station-Key": chiave}, json=evento)
    assert risposta.status_code == 409
    assert set(risposta.json()["fields"]) == {"bollo_ricevuto"}
    risposta = await api.post(
        EVENTI, headers={"X-Station-Key": chiave}, json={**evento, "bollo_ricevuto": True}
    )
    assert risposta.status_code == 202
    assert acquisizione.chiamate_di("acquisisci")[-1].argomenti["bollo_ricevuto"] is True


async def test_the_event_is_validated(api: httpx.AsyncClient, app: FastAPI) -> None:
    chiave = await nuova_stazione(app, "Sportello 1")
    headers = {"X-Station-Key": chiave}
    senza_fuso = await api.post(
        EVENTI, headers=headers, json={"codice": "X", "letto_il": "2026-03-02T09:15:30"}
    )
    assert senza_fuso.status_code == 422
    assert "letto_il" in senza_fuso.json()["fields"]
    estraneo = await api.post(
        EVENTI, headers=headers, json={"codice": "X", "letto_il": LETTO_IL, "ordine": "ALTRO"}
    )
    assert estraneo.status_code == 422
    assert estraneo.json()["fields"] == {"ordine": "Campo non previsto."}


async def test_the_service_not_answering_is_a_503(
    api: httpx.AsyncClient, app: FastAPI, acquisizione: FakeAcquisizione
) -> None:
    chiave = await nuova_stazione(app, "Sportello 1")
    acquisizione.assenti.add("acquisisci")
    risposta = await scansione(api, chiave, "DEMO-26-00000001-ABCD")
    assert risposta.status_code == 503
    assert risposta.json()["error"] == "servizio_non_disponibile"


async def test_the_demo_station_key_works(
    api: httpx.AsyncClient, gateway_settings: GatewaySettings, acquisizione: FakeAcquisizione
) -> None:
    var_dir: Path = gateway_settings.var_dir
    chiave = percorso_chiave(var_dir).read_text().strip()
    pratica = acquisizione.deposita()
    risposta = await scansione(api, chiave, pratica.codice)
    assert risposta.status_code == 202
    assert acquisizione.chiamate_di("acquisisci")[0].attore.stazione == "Sportello demo"


async def test_the_endpoint_is_in_the_openapi_document(api: httpx.AsyncClient) -> None:
    documento = (await api.get("/api/v1/openapi.json")).json()
    operazione = documento["paths"][EVENTI]["post"]
    assert operazione["security"] == [{"StationKey": []}]
    assert documento["components"]["securitySchemes"]["StationKey"]["name"] == "X-Station-Key"
    assert "202" in operazione["responses"]
