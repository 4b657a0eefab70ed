"""The guided form: each step saves exactly its parts; errors show next to their fields, in the
summary at the top, and every typed value comes back in its field."""

import re
from decimal import Decimal

import pytest

from parcelle_contracts.common import Attore
from parcelle_contracts.denaro import Parametri
from parcelle_contracts.istanze import Cliente, Istanza, Voce

from ...fake_istanze import FakeIstanze
from ..pagine import Browser, Pagina

CLIENTE = {
    "cliente.tipo": "persona_fisica",
    "cliente.nome": "Mario",
    "cliente.cognome": "Rossi",
    "cliente.codice_fiscale": "RSSMRA80A01H501U",
    "cliente.indirizzo.via": "Via Roma 1",
    "cliente.indirizzo.cap": "00187",
    "cliente.indirizzo.comune": "Roma",
    "cliente.indirizzo.provincia": "RM",
    "cliente.indirizzo.nazione": "IT",
    "cliente.pec": "mario.rossi@pec.example.it",
    "cliente.email": "",
}


def _passo(istanza: Istanza, slug: str) -> str:
    return f"/avvocato/istanze/{istanza.id}/modifica/{slug}"


def assert_errore_sul_campo(pagina: Pagina, percorso: str, messaggio: str) -> None:
    """The error is next to the field, tied to it, and in the summary with a link to it."""
    ident = "f-" + percorso.replace(".", "-")
    campo = pagina.per_id(ident)
    assert "is-invalid" in campo.attributi["class"]
    assert campo.attributi.get("aria-invalid") == "true"
    assert f"{ident}-errore" in campo.attributi["aria-describedby"].split()
    assert messaggio in pagina.per_id(f"{ident}-errore").testo
    riepilogo = pagina.per_id("riepilogo-errori")
    assert riepilogo.attributi["role"] == "alert"
    assert any(
        e.tag == "a" and e.attributi.get("href") == f"#{ident}" and messaggio in e.testo
        for e in pagina.elementi
    ), f"no summary link to #{ident}"


async def test_a_new_application_starts_from_the_lawyers_own_data(
    avvocato: Browser, fake: FakeIstanze
) -> None:
    pagina = await avvocato.pagina("/avvocato/istanze/nuova")
    assert "Giulia Bianchi" in pagina.testo
    assert "BNCGLI85M41H501Y" in pagina.testo
    assert "giulia.bianchi@pec.example.it" in pagina.testo
    assert "segreteria dell'Ordine" in pagina.testo  # how to change them
    assert not pagina.campi("avvocato.codice_fiscale")  # read-only: no field to edit
    assert fake.chiamate == []

    rifiutata = await avvocato.post("/avvocato/istanze/nuova", data={})
    assert rifiutata.status_code == 403
    assert fake.chiamate_di("crea") == []

    risposta = await avvocato.post("/avvocato/istanze/nuova", data={"csrf": pagina.csrf})
    assert risposta.status_code == 303
    [creata] = fake.istanze.values()
    assert risposta.headers["location"] == _passo(creata, "cliente")
    assert fake.chiamate_di("crea")[0]["attore"].username == "avvocato.demo"


async def test_client_step_saves_exactly_the_client(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(_passo(istanza, "cliente"))
    risposta = await avvocato.post(
        _passo(istanza, "cliente"), data={**CLIENTE, "csrf": pagina.csrf, "azione": "continua"}
    )
    assert risposta.status_code == 303
    assert risposta.headers["location"] == _passo(istanza, "pratica") + "?salvato=1"
    [chiamata] = fake.chiamate_di("aggiorna")
    assert chiamata["parti"] == ["cliente"]
    assert chiamata["contenuto"].model_fields_set == {"cliente"}
    assert chiamata["contenuto"].cliente.codice_fiscale == "RSSMRA80A01H501U"

    salvata = await avvocato.pagina(_passo(istanza, "cliente"))
    assert salvata.valore("cliente.nome") == "Mario"
    assert salvata.valore("cliente.tipo") == "persona_fisica"
    assert salvata.valore("cliente.indirizzo.cap") == "00187"


async def test_client_step_without_csrf_token_saves_nothing(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    risposta = await avvocato.post(_passo(istanza, "cliente"), data=CLIENTE)
    assert risposta.status_code == 403
    risposta = await avvocato.post(_passo(istanza, "cliente"), data={**CLIENTE, "csrf": "x" * 32})
    assert risposta.status_code == 403
    assert fake.chiamate_di("aggiorna") == []


async def test_wrong_client_data_is_saved_as_typed_and_every_error_comes_back_at_once(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    csrf = await avvocato.csrf(_passo(istanza, "cliente"))
    digitato = {
        **CLIENTE,
        "cliente.indirizzo.cap": "1234",
        "cliente.nome": "Màrio <b>",
        "cliente.indirizzo.provincia": "Roma",  # too long for the contract: kept as typed
        "cliente.codice_fiscale": "RSSMRA",
    }
    risposta = await avvocato.post(_passo(istanza, "cliente"), data={**digitato, "csrf": csrf})
    # Saved, every field, and back to the step's own address (not the next step).
    assert risposta.status_code == 303
    assert risposta.headers["location"] == _passo(istanza, "cliente")
    (chiamata,) = fake.chiamate_di("aggiorna")
    assert chiamata["contenuto"].cliente.indirizzo.cap == "1234"
    assert [c.campo for c in chiamata["non_letti"]] == ["cliente.indirizzo.provincia"]
    # Left and reopened, the step has everything as typed and every error at once.
    await avvocato.pagina(_passo(istanza, "pratica"))
    pagina = await avvocato.pagina(_passo(istanza, "cliente"))
    assert pagina.html.count("<title>Errore: ") == 1
    assert_errore_sul_campo(pagina, "cliente.indirizzo.cap", "Il CAP deve essere di 5 cifre")
    assert_errore_sul_campo(pagina, "cliente.codice_fiscale", "16 caratteri")
    assert_errore_sul_campo(pagina, "cliente.indirizzo.provincia", "due lettere")
    for percorso, valore in digitato.items():
        assert pagina.valore(percorso) == valore.strip(), percorso
    assert "Màrio &lt;b&gt;" in pagina.html  # escaped, never markup
    assert "anche quelli da correggere" in pagina.testo
    riepilogo = [
        e.attributi["href"]
        for e in pagina.elementi
        if e.tag == "a" and e.attributi.get("href", "").startswith("#f-")
    ]
    assert riepilogo == [  # in the order of the fields on the page
        "#f-cliente-codice_fiscale",
        "#f-cliente-indirizzo-cap",
        "#f-cliente-indirizzo-provincia",
    ]
    # Deposit is impossible while anything is wrong.
    assert "deposita" not in fake.istanze[istanza.id].azioni


async def test_the_services_field_errors_land_next_to_their_fields(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    csrf = await avvocato.csrf(_passo(istanza, "cliente"))
    fake.rifiuta(
        "aggiorna",
        "dati_non_validi",
        "Alcuni dati non sono validi.",
        **{"cliente.codice_fiscale": "Il codice fiscale non è valido (carattere di controllo)"},
    )
    risposta = await avvocato.post(_passo(istanza, "cliente"), data={**CLIENTE, "csrf": csrf})
    assert risposta.status_code == 422
    pagina = Pagina(risposta.text)
    assert_errore_sul_campo(
        pagina, "cliente.codice_fiscale", "Il codice fiscale non è valido (carattere di controllo)"
    )
    assert "Alcuni dati non sono validi." in pagina.testo
    assert pagina.valore("cliente.codice_fiscale") == CLIENTE["cliente.codice_fiscale"]


async def test_a_service_that_does_not_answer_loses_nothing_typed(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    csrf = await avvocato.csrf(_passo(istanza, "cliente"))
    fake.assenti.add("aggiorna")
    risposta = await avvocato.post(_passo(istanza, "cliente"), data={**CLIENTE, "csrf": csrf})
    assert risposta.status_code == 503
    pagina = Pagina(risposta.text)
    assert "non sono stati salvati" in pagina.testo
    for percorso, valore in CLIENTE.items():
        assert pagina.valore(percorso) == valore, percorso


async def test_matter_step_saves_exactly_the_matter(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(_passo(istanza, "pratica"))
    assert pagina.per_id("f-pratica-mandato_concluso-si").tag == "input"
    legende = [e.testo.strip() for e in pagina.elementi if e.tag == "legend"]
    assert "Il mandato è concluso?" in legende
    procedimenti = [e.testo for e in pagina.elementi if e.tag == "option"]
    assert "Tribunale: giudizio ordinario di cognizione" in procedimenti
    risposta = await avvocato.post(
        _passo(istanza, "pratica"),
        data={
            "csrf": pagina.csrf,
            "pratica.autorita": "Tribunale di Roma",
            "pratica.procedimento": "tribunale_cognizione",
            "pratica.numero_rg": "123/2023",
            "pratica.valore": "35.000,00",
            "pratica.numero_parti": "1",
            "pratica.periodo_dal": "2023-01-10",
            "pratica.periodo_al": "2024-06-15",
            "pratica.mandato_concluso": "si",
            "pratica.difesa_ufficio": "no",
            "pratica.equo_compenso_art7": "no",
            "azione": "salva",
        },
    )
    assert risposta.status_code == 303
    assert risposta.headers["location"] == _passo(istanza, "pratica") + "?salvato=1"
    [chiamata] = fake.chiamate_di("aggiorna")
    assert chiamata["parti"] == ["pratica"]
    pratica = chiamata["contenuto"].pratica
    assert pratica.valore == Decimal("35000.00")
    assert pratica.mandato_concluso is True
    assert pratica.difesa_ufficio is False

    salvata = await avvocato.pagina(risposta.headers["location"])
    assert "Bozza salvata." in salvata.testo
    assert salvata.valore("pratica.valore") == "35.000,00"
    assert salvata.valore("pratica.difesa_ufficio") == "no"


async def test_amounts_step_reads_italian_amounts_and_saves_exactly_its_parts(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(_passo(istanza, "importi"))
    for n, fase in enumerate(("studio", "introduttiva", "istruttoria", "decisionale", "altro")):
        assert pagina.valore(f"voci.{n}.fase") == fase
    assert pagina.valore("spese_generali_percentuale") == "15"
    dati = {
        "csrf": pagina.csrf,
        "voci.0.fase": "studio",
        "voci.0.importo": "1.701,00",
        "voci.1.fase": "introduttiva",
        "voci.1.importo": "1204,00",
        "voci.2.fase": "istruttoria",
        "voci.2.importo": "1806.00",
        "voci.3.fase": "decisionale",
        "voci.3.importo": "2905",
        "voci.4.fase": "altro",
        "voci.4.importo": "",
        "voci.4.descrizione": "",
        "spese_generali_percentuale": "15",
        "spese": "",
        "note": "",
        "azione": "continua",
    }
    risposta = await avvocato.post(_passo(istanza, "importi"), data=dati)
    assert risposta.status_code == 303
    assert risposta.headers["location"] == _passo(istanza, "allegati") + "?salvato=1"
    [chiamata] = fake.chiamate_di("aggiorna")
    assert chiamata["parti"] == ["voci", "spese", "spese_generali_percentuale", "note"]
    assert [v.importo for v in chiamata["contenuto"].voci] == [
        Decimal("1701.00"),
        Decimal("1204.00"),
        Decimal("1806.00"),
        Decimal("2905.00"),
    ]
    salvata = await avvocato.pagina(_passo(istanza, "importi"))
    assert "€\u00a07.616,00" in salvata.testo  # the totals computed by the service
    assert "€\u00a011.112,66" in salvata.testo


async def test_a_service_error_on_an_item_lands_on_the_row_it_came_from(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    csrf = await avvocato.csrf(_passo(istanza, "importi"))
    fake.rifiuta("aggiorna", "dati_non_validi", "Dati non validi.", **{"voci.1.importo": "Troppo"})
    risposta = await avvocato.post(
        _passo(istanza, "importi"),
        data={
            "csrf": csrf,
            "voci.0.fase": "studio",
            "voci.0.importo": "",
            "voci.1.fase": "introduttiva",
            "voci.1.importo": "100",
            "voci.2.fase": "istruttoria",
            "voci.2.importo": "",
            "voci.3.fase": "decisionale",
            "voci.3.importo": "999.999,99",
            "spese_generali_percentuale": "15",
        },
    )
    assert risposta.status_code == 422
    pagina = Pagina(risposta.text)
    # voci.1 of what was sent is the decisionale row, the fourth of the form.
    assert_errore_sul_campo(pagina, "voci.3.importo", "Troppo")
    assert "Fase decisionale: importo: Troppo" in pagina.testo
    assert pagina.valore("voci.3.importo") == "999.999,99"


async def test_amounts_that_cannot_be_read_are_kept_as_typed(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia, voci=[Voce(fase="studio", importo=Decimal("1701"))])
    pagina = await avvocato.pagina(_passo(istanza, "importi"))
    assert pagina.valore("voci.0.importo") == "1.701,00"
    dati = {
        k.attributi["name"]: pagina.valore(k.attributi["name"])
        for k in pagina.elementi
        if k.attributi.get("name", "").startswith("voci.")
    }
    dati |= {
        "voci.0.importo": "mille e cento",
        "voci.0.motivazione": "Causa complessa",
        "voci.2.importo": "1.806,00",
        "voci.4.descrizione": "Trasferta",
        "voci.4.importo": "",
        "spese_generali_percentuale": "18",
        "csrf": pagina.csrf,
    }
    risposta = await avvocato.post(_passo(istanza, "importi"), data=dati)
    assert risposta.status_code == 303
    assert risposta.headers["location"] == _passo(istanza, "importi")
    (chiamata,) = fake.chiamate_di("aggiorna")
    assert [(v.fase, v.importo) for v in chiamata["contenuto"].voci] == [
        ("istruttoria", Decimal("1806.00"))
    ]
    di_nuovo = await avvocato.pagina(_passo(istanza, "importi"))
    assert di_nuovo.valore("voci.0.importo") == "mille e cento"
    assert di_nuovo.valore("voci.0.motivazione") == "Causa complessa"
    assert di_nuovo.valore("voci.2.importo") == "1.806,00"
    assert di_nuovo.valore("voci.4.descrizione") == "Trasferta"
    assert di_nuovo.valore("spese_generali_percentuale") == "18"
    assert_errore_sul_campo(di_nuovo, "voci.0.importo", "Importo non valido")
    assert_errore_sul_campo(di_nuovo, "voci.4.importo", "Indica l'importo")
    assert_errore_sul_campo(di_nuovo, "spese_generali_percentuale", "Al massimo 15%")


@pytest.mark.parametrize(
    ("campi", "arrivo"),
    [
        ({"azione": "indietro"}, "cliente"),
        ({"azione": "salva"}, "pratica"),
        ({"azione": "continua"}, "importi"),
        ({"azione": "salva", "vai": "riepilogo"}, "riepilogo"),
        ({"azione": "salva", "vai": "inesistente"}, "pratica"),
    ],
)
async def test_users_move_freely_between_steps(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore, campi: dict[str, str], arrivo: str
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(_passo(istanza, "pratica"))
    passi = [e for e in pagina.elementi if e.attributi.get("data-passo")]
    assert [p.attributi["data-passo"] for p in passi] == [
        "richiedente",
        "cliente",
        "pratica",
        "importi",
        "allegati",
        "riepilogo",
    ]
    assert [p.attributi.get("aria-current") for p in passi].count("step") == 1
    assert "Passo 3 di 6" in pagina.testo
    risposta = await avvocato.post(_passo(istanza, "pratica"), data={"csrf": pagina.csrf, **campi})
    assert risposta.headers["location"] == _passo(istanza, arrivo) + "?salvato=1"


async def test_a_deposited_case_is_no_longer_editable(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.imposta(fake.bozza(giulia), stato="depositata")
    risposta = await avvocato.get(_passo(istanza, "cliente"))
    assert risposta.status_code == 303
    assert risposta.headers["location"] == f"/avvocato/istanze/{istanza.id}"


async def test_the_client_step_of_a_company(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia, cliente=Cliente(tipo="persona_fisica", nome="Ex"))
    csrf = await avvocato.csrf(_passo(istanza, "cliente"))
    await avvocato.post(
        _passo(istanza, "cliente"),
        data={
            "csrf": csrf,
            "cliente.tipo": "persona_giuridica",
            "cliente.nome": "Ex",
            "cliente.denominazione": "Alfa S.r.l.",
            "cliente.partita_iva": "IT 01234567890",
            "cliente.codice_fiscale": "01234567890",
        },
    )
    cliente = fake.chiamate_di("aggiorna")[0]["contenuto"].cliente
    assert (cliente.denominazione, cliente.nome, cliente.partita_iva) == (
        "Alfa S.r.l.",
        None,
        "01234567890",
    )


async def test_the_amounts_step_shows_each_phases_range_and_warns_outside_it(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    intervallo = Parametri(
        minimo=Decimal("850.50"), medio=Decimal("1701.00"), massimo=Decimal("2551.50")
    )
    voci = [
        Voce(fase="studio", importo=Decimal("3000.00")),
        Voce(fase="introduttiva", importo=Decimal("1204.00")),
    ]
    fake.imposta(
        istanza,
        contenuto=istanza.contenuto.model_copy(update={"voci": voci}),
        parametri={"studio": intervallo, "introduttiva": intervallo},
    )
    pagina = await avvocato.pagina(_passo(istanza, "importi"))
    righe = re.findall(r"<p class=\"parcelle-parametri[^>]*>(.*?)</p>", pagina.html, re.S)
    assert len(righe) == 2
    testo = " ".join(righe[0].split())
    assert "minimo € 850,50" in testo.replace("\u00a0", " ")
    assert "massimo € 2.551,50" in testo.replace("\u00a0", " ")
    fuori, dentro = (re.search(r"<strong[^>]*data-avviso[^>]*>", r) for r in righe)
    assert fuori is not None
    assert "hidden" not in fuori.group(0)  # 3,000 is above the maximum
    assert dentro is not None
    assert "hidden" in dentro.group(0)
