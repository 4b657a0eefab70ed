"""The councillor's REST API (``/api/v1/revisione``) and the lawyer's side of the review in
``/api/v1/istanze``: only councillors review, only the relatore sees the case, the decision body
of the issue is accepted, a decided case is not decided again, a decision waiting for the
observations term is a conflict, the signed order reaches the lawyer, the secretariat and the
relatore, and the lawyer answers an integration with a note and files."""

from decimal import Decimal

import httpx
import pytest

from parcelle_contracts.common import Attore
from parcelle_contracts.istanze import Istanza

from .fake_acquisizione import FakeAcquisizione
from .fake_istanze import FakeIstanze
from .fake_revisione import PDF, FakeRevisione
from .test_api_segreteria import token

API = "/api/v1/revisione"
DECISIONE = {
    "esito": "liquidata",
    "voci": [
        {"fase": "studio", "importo_liquidato": "1701.00", "motivazione": "Congruo."},
        {"fase": "introduttiva", "importo_liquidato": "1000.00", "motivazione": "Atto breve."},
    ],
    "note": "Liquidata in parte.",
}


def depositata(fake: FakeIstanze, giulia: Attore) -> Istanza:
    istanza = fake.bozza(
        giulia,
        voci=[
            {"fase": "studio", "importo": "1701.00"},
            {"fase": "introduttiva", "importo": "1204.00"},
        ],
    )
    return fake.imposta(istanza, stato="acquisita", protocollo="2026/000001")


@pytest.fixture
async def marco(api: httpx.AsyncClient) -> dict[str, str]:
    return await token(api, "consigliere.demo")


async def test_only_councillors_use_the_review_api(
    api: httpx.AsyncClient, revisione: FakeRevisione
) -> None:
    assert (await api.get(f"{API}/assegnate")).status_code == 401
    for utente in ("avvocato.demo", "segreteria.demo"):
        headers = await token(api, utente)
        for metodo, indirizzo in (
            ("GET", f"{API}/assegnate"),
            ("GET", f"{API}/pratiche/x"),
            ("POST", f"{API}/pratiche/x/decisione"),
            ("POST", f"{API}/pratiche/x/integrazione"),
            ("GET", f"{API}/pratiche/x/provvedimento"),
        ):
            risposta = await api.request(metodo, indirizzo, headers=headers, json={})
            assert risposta.status_code == 403, (utente, metodo, indirizzo)
            assert risposta.json()["error"] == "non_autorizzata"
    assert revisione.chiamate == []


async def test_the_assigned_cases_are_a_list_of_pages(
    api: httpx.AsyncClient, marco: dict[str, str], acquisizione: FakeAcquisizione
) -> None:
    for _ in range(3):
        pratica = acquisizione.deposita()
        await acquisizione.acquisisci(
            Attore(username="s", ruolo="segreteria", ordine="DEMO"), pratica.codice, origine="api"
        )
    risposta = await api.get(f"{API}/assegnate", params={"limit": 2}, headers=marco)
    assert risposta.status_code == 200
    corpo = risposta.json()
    assert len(corpo["items"]) == 2
    assert corpo["next"] is not None
    seconda = (await api.get(corpo["next"], headers=marco)).json()
    assert len(seconda["items"]) == 1
    assert seconda["next"] is None


async def test_the_relatore_decides_with_the_body_of_the_issue(
    api: httpx.AsyncClient,
    marco: dict[str, str],
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    istanza = depositata(fake, giulia)
    revisione.assegna(istanza)

    vista = await api.get(f"{API}/pratiche/{istanza.id}", headers=marco)
    assert vista.status_code == 200
    voci = vista.json()["voci"]
    assert [(v["id"], v["parametri"]["medio"]) for v in voci] == [
        ("studio", "1701.00"),
        ("introduttiva", "1204.00"),
    ]
    assert (await api.get(f"{API}/pratiche/{istanza.id}/provvedimento", headers=marco)).json()[
        "error"
    ] == "non_trovata"

    decisa = await api.post(f"{API}/pratiche/{istanza.id}/decisione", json=DECISIONE, headers=marco)
    assert decisa.status_code == 200, decisa.text
    corpo = decisa.json()
    assert corpo["stato"] == "decisa"
    assert corpo["decisione"]["totali"]["compenso"] == "2701.00"
    assert [v["variazione"] for v in corpo["decisione"]["voci"]] == ["confermata", "ridotta"]
    (chiamata,) = revisione.chiamate_di("decidi")
    assert chiamata.argomenti["voci"][0].importo_liquidato == Decimal("1701.00")
    assert chiamata.argomenti["note"] == "Liquidata in parte."

    di_nuovo = await api.post(
        f"{API}/pratiche/{istanza.id}/decisione", json=DECISIONE, headers=marco
    )
    assert (di_nuovo.status_code, di_nuovo.json()["error"]) == (409, "stato_non_valido")

    pdf = await api.get(f"{API}/pratiche/{istanza.id}/provvedimento", headers=marco)
    assert (pdf.status_code, pdf.content) == (200, PDF)
    assert pdf.headers["content-type"] == "application/pdf"
    for utente, indirizzo in (
        ("avvocato.demo", f"/api/v1/istanze/{istanza.id}/provvedimento"),
        ("segreteria.demo", f"/api/v1/segreteria/pratiche/{istanza.id}/provvedimento"),
    ):
        scaricato = await api.get(indirizzo, headers=await token(api, utente))
        assert (scaricato.status_code, scaricato.content) == (200, PDF), utente


async def test_a_decision_refused_says_why(
    api: httpx.AsyncClient,
    marco: dict[str, str],
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    istanza = depositata(fake, giulia)
    revisione.assegna(istanza, decidibile=False)
    indirizzo = f"{API}/pratiche/{istanza.id}/decisione"
    attesa = await api.post(indirizzo, json=DECISIONE, headers=marco)
    assert (attesa.status_code, attesa.json()["error"]) == (409, "in_attesa")

    revisione.assegna(istanza)
    senza_motivo = {
        "esito": "liquidata",
        "voci": [
            {"fase": "studio", "importo_liquidato": "1000.00"},
            {"fase": "introduttiva", "importo_liquidato": "1204.00"},
        ],
    }
    risposta = await api.post(indirizzo, json=senza_motivo, headers=marco)
    assert risposta.status_code == 422
    assert risposta.json()["fields"] == {
        "voci.0.motivazione": "Motivare la variazione dell'importo."
    }

    sbagliata = {"esito": "liquidata", "voci": [{"fase": "studio", "importo_liquidato": "uno"}]}
    risposta = await api.post(indirizzo, json=sbagliata, headers=marco)
    assert risposta.status_code == 422
    assert "voci.0.importo_liquidato" in risposta.json()["fields"]
    esito_ignoto = await api.post(indirizzo, json={"esito": "forse"}, headers=marco)
    assert esito_ignoto.json()["fields"] == {"esito": "Valore non ammesso."}

    revisione.assegna(istanza, relatore="consigliere.due")  # reassigned: not Marco's now
    nascosta = await api.get(f"{API}/pratiche/{istanza.id}", headers=marco)
    assert (nascosta.status_code, nascosta.json()["error"]) == (404, "non_trovata")
    revisione.assegna(istanza)
    revisione.assenti.add("dettaglio")
    silenzio = await api.get(f"{API}/pratiche/{istanza.id}", headers=marco)
    assert silenzio.status_code == 503


async def test_the_relatore_asks_for_integration(
    api: httpx.AsyncClient,
    marco: dict[str, str],
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    istanza = depositata(fake, giulia)
    revisione.assegna(istanza)
    indirizzo = f"{API}/pratiche/{istanza.id}/integrazione"
    corta = await api.post(indirizzo, json={"testo": "x", "giorni": 10}, headers=marco)
    assert corta.status_code == 422
    troppi = await api.post(indirizzo, json={"testo": "Il verbale.", "giorni": 31}, headers=marco)
    assert troppi.json()["fields"] == {"giorni": "Valore troppo grande."}
    risposta = await api.post(
        indirizzo, json={"testo": "Allegare il verbale d'udienza.", "giorni": 10}, headers=marco
    )
    assert risposta.status_code == 200
    assert risposta.json()["stato"] == "integrazione_richiesta"
    assert risposta.json()["integrazioni"][0]["giorni"] == 10


async def test_the_lawyer_answers_with_a_note_and_files(
    api: httpx.AsyncClient, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.imposta(
        depositata(fake, giulia), stato="integrazione_richiesta", azioni=["integra"]
    )
    headers = await token(api, "avvocato.demo")
    indirizzo = f"/api/v1/istanze/{istanza.id}/integrazioni"
    senza_nota = await api.post(indirizzo, data={"nota": ""}, headers=headers)
    assert senza_nota.status_code == 422
    risposta = await api.post(
        indirizzo,
        data={"nota": " Ecco il verbale. ", "categoria": "atti"},
        files=[
            ("file", ("verbale.pdf", PDF, "application/pdf")),
            ("file", ("nota.pdf", PDF, "application/pdf")),
        ],
        headers=headers,
    )
    assert risposta.status_code == 200, risposta.text
    assert risposta.json()["stato"] == "acquisita"
    (chiamata,) = fake.chiamate_di("rispondi_integrazione")[-1:]
    assert chiamata["nota"] == "Ecco il verbale."
    assert [(a.nome_file, a.categoria) for a in chiamata["allegati"]] == [
        ("verbale.pdf", "atti"),
        ("nota.pdf", "atti"),
    ]
    di_nuovo = await api.post(indirizzo, data={"nota": "Ancora."}, headers=headers)
    assert (di_nuovo.status_code, di_nuovo.json()["error"]) == (409, "stato_non_valido")
    altro = await token(api, "consigliere.demo")
    assert (await api.post(indirizzo, data={"nota": "x"}, headers=altro)).status_code == 403


async def test_every_status_of_the_review_is_in_the_openapi_document(
    api: httpx.AsyncClient,
) -> None:
    documento = (await api.get("/api/v1/openapi.json")).json()["paths"]
    decisione = documento["/api/v1/revisione/pratiche/{istanza_id}/decisione"]["post"]
    assert {"200", "401", "403", "404", "409", "422", "503"} <= set(decisione["responses"])
    assert "`in_attesa`" in decisione["responses"]["409"]["description"]
    assert "`stato_non_valido`" in decisione["responses"]["409"]["description"]
    for percorso in (
        "/api/v1/istanze/{istanza_id}/provvedimento",
        "/api/v1/segreteria/pratiche/{istanza_id}/provvedimento",
        "/api/v1/revisione/pratiche/{istanza_id}/provvedimento",
    ):
        risposte = documento[percorso]["get"]["responses"]
        assert "application/pdf" in risposte["200"]["content"], percorso
        assert "404" in risposte, percorso
    integrazioni = documento["/api/v1/istanze/{istanza_id}/integrazioni"]["post"]
    assert {"409", "413", "415", "422"} <= set(integrazioni["responses"])
    assert "/api/v1/revisione/assegnate" in documento
