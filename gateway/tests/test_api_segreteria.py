"""The secretariat's REST API (``/api/v1/segreteria``): only clerks, only their Ordine; the
pending list, acquisition by code, the case, assignment, observations, downloads, deadlines,
and the Ordine's scanner stations (the key in the creation answer only)."""

import hashlib
from datetime import timedelta

import httpx
import pytest
from fastapi import FastAPI

from gateway.stazioni.store import StazioniStore
from parcelle_contracts.envelope import utcnow
from parcelle_kit import demo

from .fake_acquisizione import PDF, FakeAcquisizione

API = "/api/v1/segreteria"


async def token(api: httpx.AsyncClient, username: str) -> dict[str, str]:
    risposta = await api.post(
        "/api/v1/auth/token", data={"username": username, "password": demo.password()}
    )
    assert risposta.status_code == 200, risposta.text
    return {"Authorization": f"Bearer {risposta.json()['access_token']}"}


@pytest.fixture
async def sara(api: httpx.AsyncClient) -> dict[str, str]:
    return await token(api, "segreteria.demo")


async def test_only_clerks_use_the_secretariats_api(
    api: httpx.AsyncClient, acquisizione: FakeAcquisizione
) -> None:
    assert (await api.get(f"{API}/in-attesa")).status_code == 401
    giulia = await token(api, "avvocato.demo")
    for metodo, indirizzo in (
        ("GET", f"{API}/in-attesa"),
        ("POST", f"{API}/acquisizioni"),
        ("GET", f"{API}/pratiche/x"),
        ("GET", f"{API}/scadenze"),
        ("GET", f"{API}/stazioni"),
        ("POST", f"{API}/stazioni"),
        ("DELETE", f"{API}/stazioni/x"),
    ):
        risposta = await api.request(metodo, indirizzo, headers=giulia, json={})
        assert risposta.status_code == 403, (metodo, indirizzo)
        assert risposta.json()["error"] == "non_autorizzata"
    assert acquisizione.chiamate == []


async def test_the_pending_list_with_filters_and_counts(
    api: httpx.AsyncClient, sara: dict[str, str], acquisizione: FakeAcquisizione
) -> None:
    autografa = acquisizione.deposita(firma="autografa", cliente="Alfa Srl")
    acquisizione.deposita()
    risposta = await api.get(
        f"{API}/in-attesa",
        params={"cerca": f" {autografa.codice[:12]} ", "firma": "autografa"},
        headers=sara,
    )
    assert risposta.status_code == 200
    corpo = risposta.json()
    assert [riga["cliente"] for riga in corpo["items"]] == ["Alfa Srl"]
    assert corpo["next"] is None
    chiamata = acquisizione.chiamate_di("in_attesa")[-1]
    assert (chiamata.argomenti["cerca"], chiamata.argomenti["firma"]) == (
        autografa.codice[:12],
        "autografa",
    )
    assert chiamata.attore.ordine == "DEMO"
    riepilogo = (await api.get(f"{API}/in-attesa/riepilogo", headers=sara)).json()
    assert (riepilogo["totale"], riepilogo["firmate_digitalmente"]) == (2, 1)
    assert riepilogo["con_firma_autografa"] == 1

    prima = (await api.get(f"{API}/in-attesa", params={"limit": 1}, headers=sara)).json()
    assert len(prima["items"]) == 1
    assert prima["next"].startswith("http://parcelle.test/api/v1/segreteria/in-attesa?")
    seconda = (await api.get(prima["next"], headers=sara)).json()
    assert len(seconda["items"]) == 1
    assert seconda["next"] is None
    assert seconda["items"][0]["istanza_id"] != prima["items"][0]["istanza_id"]
    troppi = await api.get(f"{API}/in-attesa", params={"limit": 201}, headers=sara)
    assert troppi.status_code == 422
    cattivo = await api.get(f"{API}/in-attesa", params={"firma": "a-penna"}, headers=sara)
    assert cattivo.status_code == 422


async def test_acquisition_by_code_201_then_200(
    api: httpx.AsyncClient, sara: dict[str, str], acquisizione: FakeAcquisizione
) -> None:
    pratica = acquisizione.deposita()
    prima = await api.post(f"{API}/acquisizioni", json={"codice": pratica.codice}, headers=sara)
    assert prima.status_code == 201, prima.text
    assert prima.json()["protocollo"]
    assert prima.json()["gia_acquisita"] is False
    assert acquisizione.chiamate_di("acquisisci")[0].argomenti["origine"] == "api"
    seconda = await api.post(f"{API}/acquisizioni", json={"codice": pratica.codice}, headers=sara)
    assert seconda.status_code == 200
    assert seconda.json()["gia_acquisita"] is True
    assert seconda.json()["protocollo"] == prima.json()["protocollo"]

    autografa = acquisizione.deposita(firma="autografa")
    rifiuto = await api.post(f"{API}/acquisizioni", json={"codice": autografa.codice}, headers=sara)
    assert rifiuto.status_code == 409
    assert rifiuto.json()["error"] == "originale_mancante"
    con_originale = await api.post(
        f"{API}/acquisizioni",
        json={"codice": autografa.codice, "originale_ricevuto": True},
        headers=sara,
    )
    assert con_originale.status_code == 201
    falso = await api.post(f"{API}/acquisizioni", json={"codice": "FALSO"}, headers=sara)
    assert falso.status_code == 422
    assert falso.json()["error"] == "codice_non_valido"


async def test_the_case_assignment_observations_and_downloads(
    api: httpx.AsyncClient, sara: dict[str, str], acquisizione: FakeAcquisizione
) -> None:
    pratica = acquisizione.deposita()
    await api.post(f"{API}/acquisizioni", json={"codice": pratica.codice}, headers=sara)
    base = f"{API}/pratiche/{pratica.istanza_id}"
    dettaglio = await api.get(base, headers=sara)
    assert dettaglio.status_code == 200
    assert dettaglio.json()["relatore"]["relatore"] == "consigliere.demo"

    assegnata = await api.post(
        f"{base}/assegnazione",
        json={"relatore": "consigliere.due", "motivo": "Carico di lavoro"},
        headers=sara,
    )
    assert assegnata.status_code == 200
    assert [a["relatore"] for a in assegnata.json()["assegnazioni"]] == [
        "consigliere.demo",
        "consigliere.due",
    ]
    sconosciuto = await api.post(f"{base}/assegnazione", json={"relatore": "nessuno"}, headers=sara)
    assert sconosciuto.status_code == 422
    assert sconosciuto.json()["error"] == "relatore_non_valido"

    caricata = await api.post(
        f"{base}/osservazioni",
        files={"file": ("osservazioni.pdf", PDF, "application/pdf")},
        headers=sara,
    )
    assert caricata.status_code == 201
    assert caricata.json()["osservazioni"][0]["nome_file"] == "osservazioni.pdf"
    non_pdf = await api.post(
        f"{base}/osservazioni", files={"file": ("x.pdf", b"GIF89a", "image/gif")}, headers=sara
    )
    assert non_pdf.status_code == 415
    assert non_pdf.json()["error"] == "tipo_non_ammesso"

    osservazioni = await api.get(f"{base}/osservazioni/1", headers=sara)
    assert osservazioni.status_code == 200
    assert osservazioni.content == PDF
    avviso_id = dettaglio.json()["comunicazioni"][0]["id"]
    avviso = await api.get(f"{base}/comunicazioni/{avviso_id}/documento", headers=sara)
    assert avviso.status_code == 200
    assert avviso.headers["content-type"] == "application/pdf"
    assert (await api.get(f"{base}/comunicazioni/altra/documento", headers=sara)).status_code == 404

    altra = acquisizione.deposita(ordine="ALTRO")
    assert (await api.get(f"{API}/pratiche/{altra.istanza_id}", headers=sara)).status_code == 404


async def test_deadlines(
    api: httpx.AsyncClient, sara: dict[str, str], acquisizione: FakeAcquisizione
) -> None:
    pratica = acquisizione.deposita()
    acquisizione.imposta(
        pratica, stato="acquisita", protocollo="2026/000009", scadenza=utcnow() + timedelta(days=3)
    )
    risposta = await api.get(f"{API}/scadenze", params={"giorni": 5}, headers=sara)
    assert risposta.status_code == 200
    assert [p["protocollo"] for p in risposta.json()["items"]] == ["2026/000009"]
    assert acquisizione.chiamate_di("scadenze")[-1].argomenti["giorni"] == 5
    assert (await api.get(f"{API}/scadenze?giorni=400", headers=sara)).status_code == 422


async def test_stations_through_the_api(
    api: httpx.AsyncClient, sara: dict[str, str], app: FastAPI
) -> None:
    creata = await api.post(f"{API}/stazioni", json={"nome": "Sportello 3"}, headers=sara)
    assert creata.status_code == 201, creata.text
    assert creata.headers["cache-control"] == "no-store"
    corpo = creata.json()
    chiave = corpo.pop("chiave")
    assert len(chiave) >= 43
    assert corpo["ordine"] == "DEMO"
    assert corpo["creata_da"] == "segreteria.demo"
    assert corpo["attiva"] is True

    elenco = await api.get(f"{API}/stazioni", headers=sara)
    assert elenco.status_code == 200
    assert chiave not in elenco.text
    assert hashlib.sha256(chiave.encode()).hexdigest() not in elenco.text
    assert {s["nome"] for s in elenco.json()["items"]} == {"Sportello demo", "Sportello 3"}
    assert all("chiave" not in s for s in elenco.json()["items"])

    doppia = await api.post(f"{API}/stazioni", json={"nome": "Sportello 3"}, headers=sara)
    assert doppia.status_code == 422
    assert "nome" in doppia.json()["fields"]

    revocata = await api.delete(f"{API}/stazioni/{corpo['id']}", headers=sara)
    assert revocata.status_code == 200
    assert revocata.json()["attiva"] is False
    assert revocata.json()["revocata_da"] == "segreteria.demo"
    rifiutata = await api.post(
        "/api/v1/scanner/eventi",
        headers={"X-Station-Key": chiave},
        json={"codice": "DEMO-26-00000001-ABCD", "letto_il": "2026-03-02T09:15:30+01:00"},
    )
    assert rifiutata.status_code == 401

    stazioni: StazioniStore = app.state.stazioni
    altra, _ = await stazioni.crea(nome="Di un altro", ordine="ALTRO", da="x")
    assert (await api.delete(f"{API}/stazioni/{altra.id}", headers=sara)).status_code == 404
    assert (await api.delete(f"{API}/stazioni/nessuna", headers=sara)).status_code == 404


async def test_a_cursor_the_gateway_did_not_hand_out_is_a_400(
    api: httpx.AsyncClient, sara: dict[str, str]
) -> None:
    risposta = await api.get(f"{API}/stazioni", params={"cursor": "inventato"}, headers=sara)
    assert risposta.status_code == 400
    assert risposta.json()["error"] == "cursore_non_valido"
    vuoto = await api.get(f"{API}/stazioni", params={"cursor": ""}, headers=sara)
    assert vuoto.status_code == 200  # an empty cursor is the first page
