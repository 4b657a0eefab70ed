"""Each role sees only its own area; pages get Italian error pages, the API keeps JSON."""

from ..fake_istanze import FakeIstanze
from .pagine import Browser, Pagina


async def test_a_lawyer_never_sees_another_roles_area(avvocato: Browser) -> None:
    for area in ("/segreteria", "/consigliere"):
        risposta = await avvocato.get(area)
        assert risposta.status_code == 403
        pagina = Pagina(risposta.text)
        assert "Accesso non consentito" in pagina.testo
        assert "Torna alle tue istanze" in pagina.testo


async def test_other_roles_cannot_use_the_lawyers_pages(
    browser: Browser, fake: FakeIstanze
) -> None:
    await browser.accedi("segreteria.demo")
    csrf = await browser.csrf("/segreteria")
    for indirizzo in ("/avvocato", "/avvocato/istanze/nuova", "/avvocato/istanze/x1"):
        assert (await browser.get(indirizzo)).status_code == 403
    risposta = await browser.post("/avvocato/istanze/nuova", data={"csrf": csrf})
    assert risposta.status_code == 403
    risposta = await browser.post(
        "/avvocato/istanze/x1/modifica/cliente", data={"csrf": csrf, "cliente.nome": "X"}
    )
    assert risposta.status_code == 403
    assert fake.chiamate == []


async def test_pages_get_html_errors_and_the_api_keeps_json(avvocato: Browser) -> None:
    pagina = await avvocato.get("/avvocato/non-esiste/davvero")
    assert pagina.status_code == 404
    assert pagina.headers["content-type"].startswith("text/html")
    assert "Pagina non trovata" in Pagina(pagina.text).testo

    json = await avvocato.get("/avvocato/non-esiste/davvero", headers={"Accept": "*/*"})
    assert json.status_code == 404
    assert json.json()["error"] == "non_trovata"

    api = await avvocato.get("/api/v1/istanze/nessuna", headers={"Accept": "text/html"})
    assert api.headers["content-type"].startswith("application/json")


async def test_a_case_of_someone_else_is_not_found(avvocato: Browser) -> None:
    risposta = await avvocato.get("/avvocato/istanze/di-un-altro")
    assert risposta.status_code == 404
    assert "Istanza non trovata." in Pagina(risposta.text).testo


async def test_a_service_that_does_not_answer_gets_the_503_page(
    avvocato: Browser, fake: FakeIstanze
) -> None:
    fake.assenti.add("elenco")
    risposta = await avvocato.get("/avvocato")
    assert risposta.status_code == 503
    assert "Servizio momentaneamente non disponibile" in Pagina(risposta.text).testo


async def test_pages_carry_a_strict_content_security_policy(avvocato: Browser) -> None:
    risposta = await avvocato.get("/avvocato")
    politica = risposta.headers["content-security-policy"]
    assert "script-src 'self'" in politica
    assert "unsafe-inline" not in politica
    pagina = Pagina(risposta.text)
    for elemento in pagina.elementi:  # nothing a CSP without 'unsafe-inline' would block
        assert not any(nome.startswith("on") for nome in elemento.attributi), elemento
        assert "style" not in elemento.attributi, elemento
        assert elemento.tag != "style"
        assert elemento.tag != "script" or elemento.attributi.get("src", "").startswith("/static/")
