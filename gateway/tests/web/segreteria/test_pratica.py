"""``/segreteria/pratiche/{id}``: registration, parties, relatore and (re)assignment, the notice
and its sending, the client's observations, the deadline, the timeline; downloads."""

from datetime import UTC, datetime, timedelta

import pytest

from parcelle_contracts.acquisizione import Passo, Pratica
from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import utcnow

from ...fake_acquisizione import PDF, FakeAcquisizione
from ..pagine import Browser, Pagina

SARA = Attore(username="segreteria.demo", ruolo="segreteria", ordine="DEMO")


def stazione(nome: str) -> Attore:
    """A scanner station, as the gateway sends it to the service."""
    return Attore(
        username=f"stazione:{nome}",
        ruolo="segreteria",
        ordine="DEMO",
        tramite="stazione",
        stazione=nome,
    )


async def acquisita(acquisizione: FakeAcquisizione, attore: Attore = SARA) -> Pratica:
    pratica = acquisizione.deposita()
    return await acquisizione.acquisisci(attore, pratica.codice, origine="scanner")


def base(pratica: Pratica) -> str:
    return f"/segreteria/pratiche/{pratica.istanza_id}"


async def test_the_case_page_shows_the_registration_and_the_parties(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = await acquisita(acquisizione, stazione("Sportello 1"))
    pratica = acquisizione.imposta(
        pratica,
        acquisita_il=datetime(2026, 7, 1, 22, 30, tzinfo=UTC),
        cronologia=[
            Passo(
                quando=datetime(2026, 7, 1, 22, 30, tzinfo=UTC),
                descrizione="Pratica acquisita",
                chi="segreteria.demo",
                ruolo="segreteria",
                tramite="stazione",
                stazione="Sportello 1",
            )
        ],
    )
    pagina = await segreteria.pagina(base(pratica))
    registrazione = pagina.testo_di("registrazione")
    assert pratica.protocollo
    assert f"Protocollo {pratica.protocollo}" in registrazione
    assert "Acquisita il 02/07/2026 00:30" in registrazione  # Europe/Rome
    assert "Acquisita da segreteria.demo" in registrazione
    assert "Stazione di scansione «Sportello 1»" in registrazione
    assert "Acquisita dalla segreteria" in registrazione
    assert "Giulia Bianchi" in registrazione
    assert "Mario Rossi" in registrazione
    assert "7.616,00" in registrazione
    assert f"<h1>Pratica {pratica.protocollo}</h1>" in pagina.html
    assert pagina.ha_id("esito") is False
    assert "autofocus" in pagina.per_id("f-scansione").attributi


async def test_the_relatore_and_the_history_of_assignments(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = await acquisita(acquisizione)
    pagina = await segreteria.pagina(base(pratica))
    relatore = pagina.testo_di("relatore")
    assert "Marco Verdi" in relatore
    assert "automaticamente" in relatore
    assert "Riassegna la pratica" in relatore
    assert "Motivo (obbligatorio)" in relatore
    scelte = [e.attributi["value"] for e in pagina.elementi if e.tag == "option"]
    # The Ordine's reporting councillors as acquisizione (which owns the settings) names them,
    # not the gateway's accounts: consigliere.due has no account here.
    assert {"consigliere.demo", "consigliere.due"} <= set(scelte)
    assert pagina.per_id("f-assegnazione-relatore").tag == "select"

    risposta = await segreteria.post(
        f"{base(pratica)}/assegnazione",
        data={
            "csrf": pagina.csrf,
            "riassegnazione": "si",
            "assegnazione.relatore": " consigliere.due ",
            "assegnazione.motivo": "Conflitto  di interessi",
        },
    )
    assert risposta.status_code == 303
    assert risposta.headers["location"] == f"{base(pratica)}?esito=assegnata#relatore"
    chiamata = acquisizione.chiamate_di("assegna")[-1]
    assert chiamata.argomenti == {
        "istanza_id": pratica.istanza_id,
        "relatore": "consigliere.due",
        "motivo": "Conflitto di interessi",
    }
    pagina = await segreteria.pagina(risposta.headers["location"])
    assert "Relatore assegnato." in pagina.testo_di("esito")
    storia = pagina.testo_di("relatore")
    assert storia.index("Anna Gialli") < storia.index("Marco Verdi")  # latest first
    assert "Conflitto di interessi" in storia
    assert "assegnazione automatica" in storia


async def test_a_reassignment_needs_a_reason_and_a_known_councillor(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = await acquisita(acquisizione)
    csrf = await segreteria.csrf(base(pratica))
    risposta = await segreteria.post(
        f"{base(pratica)}/assegnazione",
        data={"csrf": csrf, "riassegnazione": "si", "assegnazione.relatore": ""},
    )
    assert risposta.status_code == 422
    pagina = Pagina(risposta.text)
    assert "Indica il consigliere relatore." in pagina.testo
    assert "Indica il motivo della riassegnazione." in pagina.testo
    assert pagina.per_id("f-assegnazione-relatore").attributi["aria-invalid"] == "true"
    assert acquisizione.chiamate_di("assegna") == []

    risposta = await segreteria.post(
        f"{base(pratica)}/assegnazione",
        data={
            "csrf": csrf,
            "riassegnazione": "si",
            "assegnazione.relatore": "avvocato.demo",
            "assegnazione.motivo": "Prova",
        },
    )
    assert risposta.status_code == 422
    pagina = Pagina(risposta.text)
    errore = pagina.testo_di("f-assegnazione-relatore-errore")
    assert "non è un consigliere dell'Ordine" in errore
    assert pagina.valore("assegnazione.motivo") == "Prova"  # what was typed is kept
    assert "Errore:" in pagina.html.split("</title>")[0]


async def test_the_notice_is_listed_with_its_state_and_downloads(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = await acquisita(acquisizione)
    pagina = await segreteria.pagina(base(pratica))
    comunicazioni = pagina.testo_di("comunicazioni")
    assert "Comunicazione di avvio del procedimento" in comunicazioni
    assert "In attesa di invio" in comunicazioni
    assert "PEC" in comunicazioni
    (avviso,) = pratica.comunicazioni
    risposta = await segreteria.get(f"{base(pratica)}/comunicazioni/{avviso.id}")
    assert risposta.status_code == 200
    assert risposta.content == PDF
    assert risposta.headers["content-type"] == "application/pdf"
    assert avviso.documento.nome_file in risposta.headers["content-disposition"]
    assert (await segreteria.get(f"{base(pratica)}/comunicazioni/altra")).status_code == 404


async def test_until_the_notice_exists_the_page_says_why(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pendente = acquisizione.deposita()
    pagina = await segreteria.pagina(base(pendente))
    assert "si genera con l'acquisizione" in pagina.testo_di("comunicazioni")
    pratica = await acquisita(acquisizione)
    senza_avviso = acquisizione.imposta(pratica, comunicazioni=[])
    pagina = await segreteria.pagina(base(senza_avviso))
    assert "in preparazione" in pagina.testo_di("comunicazioni")
    senza_relatore = acquisizione.imposta(senza_avviso, relatore=None, assegnazioni=[])
    pagina = await segreteria.pagina(base(senza_relatore))
    assert "quando è assegnato il relatore" in pagina.testo_di("comunicazioni")


async def test_the_clients_observations_are_uploaded_listed_and_downloaded(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = await acquisita(acquisizione)
    pagina = await segreteria.pagina(base(pratica))
    assert "Nessuna osservazione ricevuta." in pagina.testo
    risposta = await segreteria.post(
        f"{base(pratica)}/osservazioni",
        data={"csrf": pagina.csrf},
        files={"osservazioni.file": ("Osservazioni Rossi.pdf", PDF, "application/pdf")},
    )
    assert risposta.status_code == 303, risposta.text[:500]
    pagina = await segreteria.pagina(risposta.headers["location"])
    assert "Osservazioni aggiunte alla pratica." in pagina.testo
    assert "Osservazioni Rossi.pdf" in pagina.testo_di("osservazioni")
    scaricato = await segreteria.get(f"{base(pratica)}/osservazioni/1")
    assert scaricato.status_code == 200
    assert scaricato.content == PDF
    assert (await segreteria.get(f"{base(pratica)}/osservazioni/2")).status_code == 404


async def test_observations_must_be_a_pdf(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = await acquisita(acquisizione)
    csrf = await segreteria.csrf(base(pratica))
    for nome, contenuto, messaggio in (
        ("nota.pdf", b"ciao, non sono un PDF", "Il file non è un PDF"),
        ("vuoto.pdf", b"", "Il file è vuoto."),
    ):
        risposta = await segreteria.post(
            f"{base(pratica)}/osservazioni",
            data={"csrf": csrf},
            files={"osservazioni.file": (nome, contenuto, "application/pdf")},
        )
        assert risposta.status_code in (415, 422)
        errore = Pagina(risposta.text).per_id("f-osservazioni-file-errore").testo
        assert messaggio in errore
    risposta = await segreteria.post(f"{base(pratica)}/osservazioni", data={"csrf": csrf})
    assert risposta.status_code == 422
    assert "Scegli il file PDF delle osservazioni." in Pagina(risposta.text).testo
    assert acquisizione.chiamate_di("aggiungi_osservazioni") == []


@pytest.mark.parametrize(
    ("giorni", "testo", "classe"),
    [(-2, "Scaduto da 2 giorni", "scaduto"), (3, "Scade tra 3 giorni", "vicino")],
)
async def test_the_deadline_says_whether_it_is_near_or_past(
    segreteria: Browser, acquisizione: FakeAcquisizione, giorni: int, testo: str, classe: str
) -> None:
    pratica = await acquisita(acquisizione)
    pratica = acquisizione.imposta(pratica, scadenza=utcnow() + timedelta(days=giorni))
    pagina = await segreteria.pagina(base(pratica))
    termine = pagina.testo_di("termine")
    assert testo in termine
    assert "10 giorni dalla comunicazione di avvio" in termine
    (badge,) = [e for e in pagina.elementi if testo in e.testo and e.tag == "span"]
    assert f"parcelle-termine-{classe}" in badge.attributi["class"]


async def test_the_timeline_says_who_when_and_through_what(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = await acquisita(acquisizione, stazione("Sportello 2"))
    pagina = await segreteria.pagina(base(pratica))
    cronologia = pagina.testo_di("cronologia")
    assert "Pratica acquisita (Stazione di scansione «Sportello 2»)" in cronologia
    # Parcelle's own step says what happened once, with no "who" beside it.
    assert "Relatore assegnato: Marco Verdi (assegnazione automatica)" in cronologia
    assert "Automaticamente" not in cronologia
    # The same instant: the assignment, caused by the acquisition, stands above it.
    assert cronologia.index("Relatore assegnato") < cronologia.index("Pratica acquisita")


async def test_a_clerk_acquiring_from_the_page_reads_as_the_secretariat_area(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = await acquisita(acquisizione)
    pagina = await segreteria.pagina(base(pratica))
    cronologia = pagina.testo_di("cronologia")
    assert "segreteria.demo, Area web della segreteria" in cronologia
    assert "Tramite Area web della segreteria" in pagina.testo_di("registrazione")


async def test_a_case_of_another_ordine_is_not_found(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    altra = acquisizione.deposita(ordine="ALTRO")
    risposta = await segreteria.get(base(altra))
    assert risposta.status_code == 404
    assert "Pratica non trovata." in Pagina(risposta.text).testo


async def test_without_the_ordines_settings_the_relatore_is_typed(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pratica = await acquisita(acquisizione)
    await segreteria.pagina("/segreteria")  # the Ordine's name, read once and kept a minute
    acquisizione.assenti.add("impostazioni")
    pagina = await segreteria.pagina(base(pratica))
    assert pagina.per_id("f-assegnazione-relatore").tag == "input"
