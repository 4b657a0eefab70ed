"""``/consigliere/pratiche/{id}``, the review page: every requested item beside its DM 147/2022
range, the decision form prefilled with the requested amounts (a reason required for a change,
a warning when an amount leaves the range, the error summary naming the phase), the outcome not
liquidable with its reasons, the request for integration, the totals and the signed order after
the decision; a decision that must wait says why."""

import pytest

from parcelle_contracts.acquisizione import Pratica
from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.istanze import Allegato, Cliente
from parcelle_contracts.revisione import Revisione

from ...fake_acquisizione import FakeAcquisizione
from ...fake_istanze import PDF as PDF_ISTANZA
from ...fake_istanze import FakeIstanze
from ...fake_revisione import PDF, FakeRevisione
from ..pagine import Browser, Pagina
from .test_pratiche import acquisita


@pytest.fixture
async def consigliere(browser: Browser) -> Browser:
    await browser.accedi("consigliere.demo")
    return browser


async def in_revisione(
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
    *,
    decidibile: bool = True,
) -> tuple[Pratica, Revisione]:
    pratica = await acquisita(acquisizione)
    istanza = fake.bozza(
        giulia,
        cliente=Cliente(tipo="persona_fisica", nome="Mario", cognome="Rossi"),
        voci=[
            {"fase": "studio", "importo": "1701.00"},
            {"fase": "introduttiva", "importo": "1204.00"},
        ],
    ).model_copy(update={"id": pratica.istanza_id})
    fake.istanze[istanza.id] = istanza
    allegato = Allegato(
        id="parcella-1",
        categoria="parcella",
        nome_file="parcella.pdf",
        content_type="application/pdf",
        tipo="PDF",
        dimensione=1200,
        sha256="ab" * 32,
        caricato_il=utcnow(),
    )
    istanza = fake.imposta(istanza, stato="acquisita", allegati=[allegato])
    return pratica, revisione.assegna(istanza, decidibile=decidibile)


def modulo(pagina: Pagina, **campi: str) -> dict[str, str]:
    dati = {
        "csrf": pagina.csrf,
        "esito": "liquidata",
        "voci.0.importo_liquidato": pagina.valore("voci.0.importo_liquidato"),
        "voci.1.importo_liquidato": pagina.valore("voci.1.importo_liquidato"),
    }
    dati.update(campi)
    return dati


async def test_the_items_show_their_ranges_and_the_form_is_prefilled(
    consigliere: Browser,
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    pratica, _ = await in_revisione(acquisizione, fake, revisione, giulia)
    pagina = await consigliere.pagina(f"/consigliere/pratiche/{pratica.istanza_id}")
    tabella = pagina.testo_di("voci-richieste")
    assert "Fase di studio della controversia" in tabella
    for importo in ("850,50", "1.701,00", "2.551,50"):
        assert f"€\u00a0{importo}" in tabella
    assert "si può decidere ora" in pagina.testo_di("decidibile")
    assert pagina.valore("voci.0.importo_liquidato") == "1.701,00"
    assert pagina.valore("esito") == "liquidata"
    etichetta = [
        e for e in pagina.elementi if e.attributi.get("for") == "f-voci-0-importo_liquidato"
    ]
    assert etichetta[0].testo.startswith("Fase di studio della controversia: importo liquidato")
    azioni = [e.attributi.get("action") for e in pagina.elementi if e.tag == "form"]
    base = f"/consigliere/pratiche/{pratica.istanza_id}"
    assert f"{base}/decisione" in azioni
    assert f"{base}/integrazione" in azioni


async def test_a_change_without_a_reason_is_named_by_its_phase(
    consigliere: Browser,
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    pratica, _ = await in_revisione(acquisizione, fake, revisione, giulia)
    base = f"/consigliere/pratiche/{pratica.istanza_id}"
    pagina = await consigliere.pagina(base)
    risposta = await consigliere.post(
        f"{base}/decisione", data=modulo(pagina, **{"voci.0.importo_liquidato": "100,00"})
    )
    assert risposta.status_code == 422
    errata = Pagina(risposta.text)
    riepilogo = errata.testo_di("riepilogo-errori")
    assert "Fase di studio della controversia: motivazione" in riepilogo
    assert (
        errata.link(
            "Fase di studio della controversia: motivazione: Motiva la variazione: l'importo "
            "liquidato è diverso da quello richiesto."
        )
        == "#f-voci-0-motivazione"
    )
    assert errata.valore("voci.0.importo_liquidato") == "100,00"  # what was typed stays
    assert "hidden" not in errata.per_id("avviso-parametri-0").attributi  # out of the range
    assert "hidden" in errata.per_id("avviso-parametri-1").attributi
    assert revisione.chiamate_di("decidi") == []

    senza_csrf = await consigliere.post(f"{base}/decisione", data={"esito": "liquidata"})
    assert senza_csrf.status_code == 403


async def test_a_decision_shows_the_totals_and_the_signed_order(
    consigliere: Browser,
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    pratica, _ = await in_revisione(acquisizione, fake, revisione, giulia)
    base = f"/consigliere/pratiche/{pratica.istanza_id}"
    pagina = await consigliere.pagina(base)
    dati = modulo(
        pagina,
        **{
            "voci.1.importo_liquidato": "1.000,00",
            "voci.1.motivazione": "Atto introduttivo breve.",
        },
    )
    risposta = await consigliere.post(f"{base}/decisione", data=dati)
    assert risposta.status_code == 303
    assert risposta.headers["location"] == f"{base}?esito=decisa#esito"
    (chiamata,) = revisione.chiamate_di("decidi")
    assert [(v.id, str(v.importo_liquidato)) for v in chiamata.argomenti["voci"]] == [
        ("studio", "1701.00"),
        ("introduttiva", "1000.00"),
    ]
    decisa = await consigliere.pagina(f"{base}?esito=decisa")
    assert "Decisione registrata" in decisa.testo_di("esito")
    assert "€\u00a02.701,00" in decisa.testo_di("totali")
    assert not decisa.ha_id("decidi")
    scaricato = await consigliere.get(decisa.link("Scarica il provvedimento firmato (PDF)"))
    assert (scaricato.status_code, scaricato.content) == (200, PDF)


async def test_not_liquidable_needs_its_reasons(
    consigliere: Browser,
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    pratica, _ = await in_revisione(acquisizione, fake, revisione, giulia)
    base = f"/consigliere/pratiche/{pratica.istanza_id}"
    pagina = await consigliere.pagina(base)
    senza = await consigliere.post(
        f"{base}/decisione", data={"csrf": pagina.csrf, "esito": "non_liquidabile"}
    )
    assert senza.status_code == 422
    assert "Motivi della non liquidabilità" in Pagina(senza.text).testo_di("riepilogo-errori")
    con = await consigliere.post(
        f"{base}/decisione",
        data={"csrf": pagina.csrf, "esito": "non_liquidabile", "motivi": "Istanza inammissibile."},
    )
    assert con.status_code == 303
    (chiamata,) = revisione.chiamate_di("decidi")
    assert (chiamata.argomenti["esito"], chiamata.argomenti["motivi"]) == (
        "non_liquidabile",
        "Istanza inammissibile.",
    )


async def test_a_decision_that_must_wait_says_why_and_integration_can_be_asked(
    consigliere: Browser,
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    pratica, _ = await in_revisione(acquisizione, fake, revisione, giulia, decidibile=False)
    base = f"/consigliere/pratiche/{pratica.istanza_id}"
    pagina = await consigliere.pagina(base)
    assert "non è ancora scaduto" in pagina.testo_di("decidibile")
    assert not pagina.ha_id("decidi")
    corta = await consigliere.post(
        f"{base}/integrazione",
        data={"csrf": pagina.csrf, "integrazione.testo": "x", "integrazione.giorni": "40"},
    )
    assert corta.status_code == 422
    riepilogo = Pagina(corta.text).testo_di("riepilogo-errori")
    assert "Giorni per rispondere" in riepilogo
    assert "Che cosa deve integrare" in riepilogo
    inviata = await consigliere.post(
        f"{base}/integrazione",
        data={
            "csrf": pagina.csrf,
            "integrazione.testo": "Allegare il verbale d'udienza.",
            "integrazione.giorni": "10",
        },
    )
    assert inviata.status_code == 303
    dopo = await consigliere.pagina(f"{base}?esito=integrazione")
    assert "Richiesta di integrazione inviata" in dopo.testo_di("esito")
    assert "Allegare il verbale d'udienza." in dopo.testo
    assert not dopo.ha_id("integrazione")


async def test_the_application_data_and_documents_are_the_relatores_only(
    consigliere: Browser,
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    pratica, _ = await in_revisione(acquisizione, fake, revisione, giulia)
    base = f"/consigliere/pratiche/{pratica.istanza_id}"
    pagina = await consigliere.pagina(base)
    dati = pagina.testo_di("dati-istanza")
    assert "Mario Rossi" in dati
    assert "Giulia Bianchi" in dati
    assert "parcella.pdf" in pagina.testo_di("fascicolo")
    for indirizzo in (f"{base}/documenti/istanza", f"{base}/allegati/parcella-1"):
        scaricato = await consigliere.get(indirizzo)
        assert (scaricato.status_code, scaricato.content) == (200, PDF_ISTANZA), indirizzo
    assert (await consigliere.get(f"{base}/documenti/altro")).status_code == 404

    revisione.assegna(fake.istanze[pratica.istanza_id], relatore="consigliere.due")
    negato = await consigliere.get(f"{base}/allegati/parcella-1")
    assert negato.status_code == 404


async def test_a_refusal_or_silence_of_the_service_is_said_on_the_page(
    consigliere: Browser,
    acquisizione: FakeAcquisizione,
    fake: FakeIstanze,
    revisione: FakeRevisione,
    giulia: Attore,
) -> None:
    pratica, _ = await in_revisione(acquisizione, fake, revisione, giulia)
    base = f"/consigliere/pratiche/{pratica.istanza_id}"
    pagina = await consigliere.pagina(base)
    revisione.rifiuta("decidi", "in_attesa", "Il termine per le osservazioni non è scaduto.")
    attesa = await consigliere.post(f"{base}/decisione", data=modulo(pagina))
    assert attesa.status_code == 409
    assert "Il termine per le osservazioni non è scaduto." in Pagina(attesa.text).testo_di(
        "riepilogo-errori"
    )
    revisione.assenti.add("decidi")
    silenzio = await consigliere.post(f"{base}/decisione", data=modulo(pagina))
    assert silenzio.status_code == 503
    assert "non è stata registrata" in Pagina(silenzio.text).testo_di("riepilogo-errori")
    assert Pagina(silenzio.text).valore("voci.0.importo_liquidato") == "1.701,00"

    revisione.revisioni.clear()  # revisione has not heard of the case yet
    pagina = await consigliere.pagina(base)
    assert "non è ancora disponibile" in pagina.testo_di("revisione")
    assert not pagina.ha_id("decidi")
