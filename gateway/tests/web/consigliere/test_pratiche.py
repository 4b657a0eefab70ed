"""``/consigliere``: the councillor's cases, the nearest deadline first, and each case read-only
with its notices and the client's observations to download; nobody else's."""

import pytest

from parcelle_contracts.acquisizione import Pratica
from parcelle_contracts.common import Attore

from ...fake_acquisizione import PDF, FakeAcquisizione
from ..pagine import Browser, Pagina

SARA = Attore(username="segreteria.demo", ruolo="segreteria", ordine="DEMO")


async def acquisita(acquisizione: FakeAcquisizione, relatore: str = "consigliere.demo") -> Pratica:
    pratica = acquisizione.deposita()
    pratica = await acquisizione.acquisisci(SARA, pratica.codice, origine="scanner")
    if relatore != "consigliere.demo":
        pratica = await acquisizione.assegna(SARA, pratica.istanza_id, relatore, "Astensione")
    return pratica


@pytest.fixture
async def consigliere(browser: Browser) -> Browser:
    await browser.accedi("consigliere.demo")
    return browser


async def test_the_list_shows_the_councillors_cases_only(
    consigliere: Browser, acquisizione: FakeAcquisizione
) -> None:
    mia = await acquisita(acquisizione)
    altrui = await acquisita(acquisizione, relatore="consigliere.due")
    acquisizione.deposita()  # pending: nobody's yet
    pagina = await consigliere.pagina("/consigliere")
    assert "Pratiche assegnate" in pagina.testo
    assert mia.protocollo
    assert mia.protocollo in pagina.testo
    assert altrui.protocollo
    assert altrui.protocollo not in pagina.testo
    assert not pagina.ha_id("f-scansione")  # the scan field is the secretariat's


async def test_a_case_reads_with_its_notices_and_observations(
    consigliere: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = await acquisita(acquisizione)
    pratica = acquisizione.imposta(pratica, osservazioni=[pratica.comunicazioni[0].documento])
    base = f"/consigliere/pratiche/{pratica.istanza_id}"
    pagina = await consigliere.pagina(base)
    assert f"Pratica {pratica.protocollo}" in pagina.testo
    assert "Comunicazione di avvio del procedimento" in pagina.testo_di("comunicazioni")
    assert "Nessuna osservazione" not in pagina.testo_di("osservazioni")
    assert "Cronologia" in pagina.testo
    moduli = [e.attributi.get("action") for e in pagina.elementi if e.tag == "form"]
    assert moduli == ["/logout"]  # read-only: none of the clerk's forms
    (avviso,) = pratica.comunicazioni
    scaricato = await consigliere.get(f"{base}/comunicazioni/{avviso.id}")
    assert (scaricato.status_code, scaricato.content) == (200, PDF)
    osservazioni = await consigliere.get(f"{base}/osservazioni/1")
    assert (osservazioni.status_code, osservazioni.content) == (200, PDF)
    assert (await consigliere.get(f"{base}/osservazioni/2")).status_code == 404


async def test_another_councillors_case_is_not_found(
    consigliere: Browser, acquisizione: FakeAcquisizione
) -> None:
    altrui = await acquisita(acquisizione, relatore="consigliere.due")
    risposta = await consigliere.get(f"/consigliere/pratiche/{altrui.istanza_id}")
    assert risposta.status_code == 404
    assert "non trovata" in Pagina(risposta.text).testo.lower()


async def test_other_roles_do_not_enter(segreteria: Browser) -> None:
    assert (await segreteria.get("/consigliere")).status_code == 403
