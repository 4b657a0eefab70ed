"""What guides the lawyer through the form: required fields marked (and the mark explained once),
what each step still lacks, labels named with their phase, a summary that says everything the
application PDF says in its words, and the API naming every wrong field at once."""

from datetime import date
from decimal import Decimal

import httpx

from parcelle_contracts.common import Attore
from parcelle_contracts.istanze import Cliente, DatiPratica, Istanza, Voce
from parcelle_contracts.vocabolario import DATI_ISTANZA
from parcelle_kit import demo

from ...fake_istanze import FakeIstanze
from ..pagine import Browser, Pagina

LINEETTA = "\u2013"
EURO = "\u20ac\u00a0"


def _passo(istanza: Istanza, slug: str) -> str:
    return f"/avvocato/istanze/{istanza.id}/modifica/{slug}"


def _etichetta(pagina: Pagina, ident: str) -> str:
    """The accessible name a label gives its field (hidden words included)."""
    (label,) = [e for e in pagina.elementi if e.tag == "label" and e.attributi.get("for") == ident]
    return " ".join(label.testo.split())


async def test_required_fields_are_marked_and_the_mark_explained_once(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(_passo(istanza, "pratica"))
    for ident in ("f-pratica-numero_rg", "f-pratica-valore", "f-pratica-autorita"):
        campo = pagina.per_id(ident)
        assert "required" in campo.attributi, ident
        assert campo.attributi["aria-required"] == "true", ident
        (label,) = [e for e in pagina.elementi if e.attributi.get("for") == ident]
        assert "parcelle-richiesto" in label.attributi["class"].split(), ident
    for valore in ("si", "no"):  # the three yes/no questions
        for domanda in ("mandato_concluso", "difesa_ufficio", "equo_compenso_art7"):
            assert "required" in pagina.per_id(f"f-pratica-{domanda}-{valore}").attributi
    for ident in ("f-pratica-insinuazione_passivo", "f-pratica-numero_parti"):
        assert "required" not in pagina.per_id(ident).attributi  # not asked by this Ordine
    assert pagina.testo.count("I campi segnati con l'asterisco servono per depositare") == 1


async def test_each_step_ends_saying_what_it_still_lacks(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(_passo(istanza, "pratica"))
    fine = pagina.testo_di("titolo-mancano")
    assert fine == "Questo passo e il deposito"
    assert "Per depositare l'istanza qui manca ancora: Tipo di procedimento" in pagina.testo
    fake.imposta(
        istanza,
        contenuto=istanza.contenuto.model_copy(
            update={"pratica": DatiPratica(procedimento="tribunale_cognizione")}
        ),
    )
    pagina = await avvocato.pagina(_passo(istanza, "pratica"))
    assert "Qui c'è tutto quello che serve per il deposito." in pagina.testo


async def test_repeated_labels_are_named_with_their_phase(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    pagina = await avvocato.pagina(_passo(istanza, "importi"))
    nomi = [_etichetta(pagina, f"f-voci-{n}-importo") for n in range(5)]
    assert nomi == [
        f"Compenso richiesto (€) {LINEETTA} Fase di studio della controversia",
        f"Compenso richiesto (€) {LINEETTA} Fase introduttiva del giudizio",
        f"Compenso richiesto (€) {LINEETTA} Fase istruttoria e/o di trattazione",
        f"Compenso richiesto (€) {LINEETTA} Fase decisionale",
        f"Compenso richiesto (€) {LINEETTA} Altra voce 1",
    ]
    motivi = {_etichetta(pagina, f"f-voci-{n}-motivazione") for n in range(5)}
    assert len(motivi) == 5


async def test_the_summary_says_everything_the_application_says_in_its_words(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(
        giulia,
        cliente=Cliente(tipo="persona_fisica", nome="Mario", cognome="Rossi"),
        pratica=DatiPratica(
            procedimento="tribunale_cognizione",
            numero_parti=3,
            mandato_concluso=True,
            difesa_ufficio=False,
        ),
        voci=[
            Voce(fase="studio", importo=Decimal("1701"), motivazione="Questioni nuove"),
            Voce(fase="decisionale", importo=Decimal("2905")),
        ],
    )
    testo = (await avvocato.pagina(_passo(istanza, "riepilogo"))).testo
    assert f"{DATI_ISTANZA['pratica.numero_parti']} 3" in testo
    assert f"{DATI_ISTANZA['pratica.mandato_concluso']} Sì" in testo
    assert f"{DATI_ISTANZA['pratica.difesa_ufficio']} No" in testo
    assert f"{DATI_ISTANZA['pratica.equo_compenso_art7']} non indicato" in testo
    assert f"{DATI_ISTANZA['pratica.periodo']} non indicato" in testo
    assert "—" not in testo.split("I dati dell'istanza")[1].split("Scarica l'istanza")[0]
    assert f"Fase di studio della controversia {EURO}1.701,00" in testo
    assert f"Fase decisionale {EURO}2.905,00" in testo
    assert f"Cassa Forense {LINEETTA} CPA (4%)" in testo
    assert "Fase di studio della controversia. Questioni nuove" in testo

    fake.imposta(
        istanza,
        contenuto=istanza.contenuto.model_copy(
            update={
                "pratica": DatiPratica(periodo_dal=date(2024, 3, 1), periodo_al=date(2025, 10, 15))
            }
        ),
    )
    testo = (await avvocato.pagina(_passo(istanza, "riepilogo"))).testo
    assert "Periodo dell'attività dal 01/03/2024 al 15/10/2025" in testo


async def test_the_summary_lists_what_to_correct_and_no_deposit_meanwhile(
    avvocato: Browser, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(
        giulia, cliente=Cliente(tipo="persona_fisica", nome="Mario", codice_fiscale="RSS")
    )
    pagina = await avvocato.pagina(_passo(istanza, "riepilogo"))
    assert "Da correggere prima del deposito" in pagina.testo
    assert "Codice fiscale: Il codice fiscale deve avere 16 caratteri" in pagina.testo
    assert "Procedi al deposito" not in pagina.testo


async def test_the_api_saves_every_field_and_names_every_wrong_one_at_once(
    api: httpx.AsyncClient, fake: FakeIstanze, giulia: Attore
) -> None:
    istanza = fake.bozza(giulia)
    risposta = await api.post(
        "/api/v1/auth/token", data={"username": giulia.username, "password": demo.password()}
    )
    token = {"Authorization": f"Bearer {risposta.json()['access_token']}"}
    corpo = {
        "cliente": {
            "tipo": "persona_fisica",
            "nome": "Mario",
            "codice_fiscale": "RSSMRA",
            "indirizzo": {"via": "Via Roma 1", "cap": "0018"},
        }
    }
    risposta = await api.patch(f"/api/v1/istanze/{istanza.id}", json=corpo, headers=token)
    assert risposta.status_code == 422
    errore = risposta.json()
    assert errore["error"] == "dati_non_validi"
    assert set(errore["fields"]) == {"cliente.codice_fiscale", "cliente.indirizzo.cap"}
    assert "salvati come scritti" in errore["message"]
    salvata = await api.get(f"/api/v1/istanze/{istanza.id}", headers=token)
    dati = salvata.json()
    assert dati["contenuto"]["cliente"]["nome"] == "Mario"
    assert dati["contenuto"]["cliente"]["indirizzo"]["cap"] == "0018"
    assert {e["campo"] for e in dati["errori"]} == set(errore["fields"])
