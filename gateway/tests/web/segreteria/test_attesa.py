"""``/segreteria``: the pending list (oldest first, filters, counts) and acquisition by the scan
field or the list's button: the case page at once, or a red banner for a refused code."""

from datetime import timedelta

import pytest

from parcelle_contracts.envelope import utcnow

from ...fake_acquisizione import FakeAcquisizione
from ..pagine import Browser, Pagina

NBSP = "\u00a0"


async def acquisisci(browser: Browser, codice: str, **campi: str) -> tuple[int, Pagina]:
    csrf = await browser.csrf("/segreteria")
    risposta = await browser.post(
        "/segreteria/acquisisci", data={"csrf": csrf, "codice": codice, **campi}
    )
    return risposta.status_code, Pagina(risposta.text)


async def test_the_pending_list_is_oldest_first_with_counts(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    recente = acquisizione.deposita(cliente="Recente Srl", depositata_il=utcnow())
    vecchia = acquisizione.deposita(
        cliente="Vecchia Spa", firma="autografa", depositata_il=utcnow() - timedelta(days=9)
    )
    acquisizione.deposita(ordine="ALTRO", cliente="Di un altro Ordine")

    pagina = await segreteria.pagina("/segreteria")
    testo = pagina.testo
    assert "Istanze da acquisire" in testo
    assert testo.index(vecchia.codice) < testo.index(recente.codice)
    assert "2 istanze depositate in attesa di acquisizione" in testo
    assert "1 con firma digitale, 1 con firma autografa" in testo
    assert f"€{NBSP}7.616,00" in testo
    assert "Di un altro Ordine" not in testo
    (chiamata,) = acquisizione.chiamate_di("in_attesa")
    assert chiamata.attore.username == "segreteria.demo"
    assert chiamata.attore.ordine == "DEMO"


async def test_the_list_filters_by_text_and_by_signature(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    digitale = acquisizione.deposita(cliente="Alfa Srl")
    cades = acquisizione.deposita(cliente="Beta Srl", firma="cades")
    autografa = acquisizione.deposita(cliente="Gamma Srl", firma="autografa")

    pagina = await segreteria.pagina("/segreteria?firma=digitale")
    assert digitale.codice in pagina.testo
    assert cades.codice in pagina.testo
    assert autografa.codice not in pagina.testo
    assert pagina.valore("firma") == "digitale"

    inizio = autografa.codice[:14]
    pagina = await segreteria.pagina(f"/segreteria?firma=autografa&cerca=%20{inizio}%20")
    chiamata = acquisizione.chiamate_di("in_attesa")[-1].argomenti
    assert (chiamata["cerca"], chiamata["firma"]) == (inizio, "autografa")
    assert autografa.codice in pagina.testo
    assert digitale.codice not in pagina.testo
    assert pagina.valore("cerca") == inizio

    pagina = await segreteria.pagina("/segreteria?cerca=nessuno")
    assert "Nessuna istanza in attesa corrisponde ai filtri" in pagina.testo


async def test_the_scan_field_has_the_focus_on_every_page_of_the_area(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    for indirizzo in ("/segreteria", "/segreteria/scadenze", "/segreteria/stazioni"):
        pagina = await segreteria.pagina(indirizzo)
        campo = pagina.per_id("f-scansione")
        assert "autofocus" in campo.attributi, indirizzo
        assert campo.attributi["name"] == "codice"
        assert campo.attributi["autocomplete"] == "off"
        form = next(e for e in pagina.elementi if e.attributi.get("id") == "scansione")
        assert form.attributi["action"] == "/segreteria/acquisisci"
        assert "data-scansione" in form.attributi
        assert "Codice dell'istanza" in pagina.testo_di("scansione")


async def test_a_scanned_code_opens_the_case_acquired_at_once(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = acquisizione.deposita()
    stato, pagina = await acquisisci(segreteria, f" {pratica.codice.lower()} ", origine="scanner")
    assert stato == 200
    assert pagina.per_id("esito").attributi["role"] == "status"
    assert "Istanza acquisita" in pagina.testo_di("esito")
    assert f"/segreteria/pratiche/{pratica.istanza_id}?esito=acquisita" in pagina.html
    assert 'rel="canonical"' in pagina.html
    registrata = acquisizione.pratiche[pratica.istanza_id]
    assert registrata.protocollo is not None
    assert registrata.protocollo in pagina.testo_di("esito")
    assert "Marco Verdi" in pagina.testo_di("esito")
    (chiamata,) = acquisizione.chiamate_di("acquisisci")
    assert chiamata.argomenti["codice"] == pratica.codice.lower()
    assert chiamata.argomenti["origine"] == "scanner"
    assert chiamata.attore.username == "segreteria.demo"
    assert (chiamata.attore.tramite, chiamata.attore.stazione) == ("area_web", None)
    # The answer is the case page itself: no second request to the service.
    assert acquisizione.chiamate_di("dettaglio") == []


async def test_scanning_an_acquired_case_opens_it_and_says_so(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = acquisizione.deposita()
    await acquisisci(segreteria, pratica.codice)
    protocollo = acquisizione.pratiche[pratica.istanza_id].protocollo
    stato, pagina = await acquisisci(segreteria, pratica.codice)
    assert stato == 200
    esito = pagina.testo_di("esito")
    assert "Istanza già acquisita" in esito
    assert f"con protocollo {protocollo}" in esito
    assert "Già acquisita il " in esito
    assert acquisizione.protocolli == 1


@pytest.mark.parametrize(
    ("codice", "stato", "messaggio"),
    [
        ("FALSO", 422, "Codice non valido"),
        ("ALTRO-26-00000001-ABCD", 403, "di un altro Ordine"),
        ("DEMO-26-99999999-ZZZZ", 404, "Nessuna istanza depositata ha questo codice"),
    ],
)
async def test_a_refused_code_shows_a_red_banner_and_keeps_the_scan_field(
    segreteria: Browser, acquisizione: FakeAcquisizione, codice: str, stato: int, messaggio: str
) -> None:
    acquisizione.deposita()
    risposta_stato, pagina = await acquisisci(segreteria, codice)
    assert risposta_stato == stato
    banner = pagina.per_id("rifiuto")
    assert banner.attributi["role"] == "alert"
    assert "parcelle-rifiuto" in banner.attributi["class"]
    assert "Codice non accettato" in banner.testo
    assert messaggio in banner.testo
    assert f"Codice letto: {codice}" in banner.testo
    assert pagina.html.index('id="rifiuto"') < pagina.html.index('id="f-scansione"')
    assert "autofocus" in pagina.per_id("f-scansione").attributi
    assert pagina.valore("codice") == ""  # the next scan starts from an empty field
    assert "<title>Codice non accettato" in pagina.html
    assert "Istanze da acquisire" in pagina.testo  # the list is still there


async def test_a_forged_check_element_is_refused(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = acquisizione.deposita()
    acquisizione.falsi.add(pratica.codice)
    stato, pagina = await acquisisci(segreteria, pratica.codice)
    assert stato == 422
    assert "contraffatto" in pagina.testo_di("rifiuto")
    assert acquisizione.pratiche[pratica.istanza_id].protocollo is None


async def test_a_hand_signed_deposit_needs_the_original_confirmed(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = acquisizione.deposita(firma="autografa")
    stato, pagina = await acquisisci(segreteria, pratica.codice)
    assert stato == 409
    conferma = pagina.per_id("conferma-originale")
    assert conferma.attributi["role"] == "alert"
    assert "Firma autografa: serve l'originale" in conferma.testo
    assert "marca da bollo" not in conferma.testo  # this Ordine does not ask for it
    assert pagina.per_id("f-conferma-originale").attributi["name"] == "originale_ricevuto"
    assert not pagina.ha_id("rifiuto")

    stato, pagina = await acquisisci(segreteria, pratica.codice, originale_ricevuto="si")
    assert stato == 200
    assert "Istanza acquisita" in pagina.testo_di("esito")
    assert acquisizione.chiamate_di("acquisisci")[-1].argomenti["originale_ricevuto"] is True
    assert "originale ricevuto" in pagina.testo


async def test_where_the_ordine_asks_for_it_the_stamp_duty_is_confirmed_too(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    acquisizione.marca_da_bollo = True
    pratica = acquisizione.deposita(firma="autografa")
    elenco = await segreteria.pagina("/segreteria")
    caselle = {e.attributi.get("name") for e in elenco.elementi if e.tag == "input"}
    assert {"originale_ricevuto", "bollo_ricevuto"} <= caselle
    assert "Marca da bollo ricevuta" in elenco.testo

    stato, pagina = await acquisisci(segreteria, pratica.codice, originale_ricevuto="si")
    assert stato == 409
    conferma = pagina.per_id("conferma-originale")
    assert "marca da bollo" in conferma.testo
    assert "required" in pagina.per_id("f-conferma-bollo").attributi
    assert not pagina.ha_id("f-conferma-originale")  # confirmed already: carried, not asked
    nascosti = [e for e in pagina.elementi if e.attributi.get("type") == "hidden"]
    assert any(e.attributi.get("name") == "originale_ricevuto" for e in nascosti)

    stato, pagina = await acquisisci(
        segreteria, pratica.codice, originale_ricevuto="si", bollo_ricevuto="si"
    )
    assert stato == 200
    argomenti = acquisizione.chiamate_di("acquisisci")[-1].argomenti
    assert (argomenti["originale_ricevuto"], argomenti["bollo_ricevuto"]) == (True, True)
    assert "con la marca da bollo" in pagina.testo


async def test_the_list_acquires_a_case_with_its_button(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    digitale = acquisizione.deposita()
    autografa = acquisizione.deposita(firma="autografa")
    pagina = await segreteria.pagina("/segreteria")
    bottoni = [e for e in pagina.elementi if e.tag == "button" and "Acquisisci" in e.testo]
    assert any(f"l'istanza {digitale.codice}" in b.testo for b in bottoni)
    caselle = [e for e in pagina.elementi if e.attributi.get("name") == "originale_ricevuto"]
    assert len(caselle) == 1  # only the hand-signed deposit asks for the original
    assert "Originale firmato ricevuto" in pagina.testo
    assert autografa.codice in pagina.testo

    stato, pagina = await acquisisci(segreteria, digitale.codice, origine="elenco")
    assert stato == 200
    assert acquisizione.chiamate_di("acquisisci")[-1].argomenti["origine"] == "elenco"


async def test_an_empty_scan_or_a_missing_service_is_said_clearly(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    stato, pagina = await acquisisci(segreteria, "   ")
    assert stato == 422
    assert "Nessun codice letto" in pagina.testo_di("rifiuto")
    assert acquisizione.chiamate_di("acquisisci") == []

    csrf = await segreteria.csrf("/segreteria")
    acquisizione.assenti.update({"acquisisci", "in_attesa"})
    risposta = await segreteria.post(
        "/segreteria/acquisisci", data={"csrf": csrf, "codice": "DEMO-26-00000001-ABCD"}
    )
    assert risposta.status_code == 503
    pagina = Pagina(risposta.text)
    assert "non è stata acquisita" in pagina.testo_di("rifiuto")
    assert "L'elenco delle istanze in attesa non è disponibile" in pagina.testo


async def test_only_the_secretariat_enters_and_forms_need_the_csrf_token(
    browser: Browser, acquisizione: FakeAcquisizione
) -> None:
    await browser.accedi("avvocato.demo")
    for indirizzo in ("/segreteria", "/segreteria/scadenze", "/segreteria/stazioni"):
        assert (await browser.get(indirizzo)).status_code == 403
    csrf = await browser.csrf("/avvocato")
    risposta = await browser.post("/segreteria/acquisisci", data={"csrf": csrf, "codice": "X"})
    assert risposta.status_code == 403

    browser.client.cookies.clear()
    await browser.accedi("segreteria.demo")
    risposta = await browser.post("/segreteria/acquisisci", data={"codice": "DEMO-1-2-3"})
    assert risposta.status_code == 403
    assert acquisizione.chiamate_di("acquisisci") == []
    assert (await browser.get("/segreteria/acquisisci")).headers["location"] == "/segreteria"
