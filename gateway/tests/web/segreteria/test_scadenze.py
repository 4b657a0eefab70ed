"""``/segreteria/scadenze``: cases whose deadline is near or past, the most urgent first; and
the deadline rules themselves (the Italian calendar day, near, past, suspended)."""

from datetime import UTC, date, datetime, timedelta

from gateway.web.presentazione import termine
from parcelle_contracts.acquisizione import Pratica
from parcelle_contracts.envelope import utcnow

from ...fake_acquisizione import FakeAcquisizione
from ..pagine import Browser


def _pratica(acquisizione: FakeAcquisizione, scadenza: datetime | None, **campi: str) -> Pratica:
    pratica = acquisizione.deposita(cliente=campi.get("cliente", "Mario Rossi"))
    return acquisizione.imposta(
        pratica,
        stato=campi.get("stato", "acquisita"),
        protocollo=campi.get("protocollo", "2026/000001"),
        acquisita_il=utcnow(),
        scadenza=scadenza,
    )


async def test_the_deadlines_page_lists_past_and_near_first_the_most_urgent(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    _pratica(acquisizione, utcnow() + timedelta(days=4), cliente="Vicina", protocollo="2026/2")
    _pratica(acquisizione, utcnow() - timedelta(days=3), cliente="Scaduta", protocollo="2026/1")
    _pratica(acquisizione, utcnow() + timedelta(days=40), cliente="Lontana", protocollo="2026/3")

    pagina = await segreteria.pagina("/segreteria/scadenze")
    assert acquisizione.chiamate_di("scadenze")[-1].argomenti["giorni"] == 10
    testo = pagina.testo
    assert testo.index("Scaduta") < testo.index("Vicina")
    assert "Scaduto da 3 giorni" in testo
    assert "Scade tra 4 giorni" in testo
    assert "Lontana" not in testo
    assert 'href="/segreteria/pratiche/' in pagina.html

    pagina = await segreteria.pagina("/segreteria/scadenze?giorni=30")
    assert acquisizione.chiamate_di("scadenze")[-1].argomenti["giorni"] == 30
    assert pagina.valore("giorni") == "30"
    await segreteria.pagina("/segreteria/scadenze?giorni=9999")
    assert acquisizione.chiamate_di("scadenze")[-1].argomenti["giorni"] == 10

    vicina = next(p for p in acquisizione.pratiche.values() if p.cliente == "Vicina")
    trovata = await segreteria.pagina(f"/segreteria/scadenze?cerca=%20{vicina.codice}%20")
    assert acquisizione.chiamate_di("scadenze")[-1].argomenti["cerca"] == vicina.codice
    assert "Vicina" in trovata.testo
    assert "Scaduta" not in trovata.testo
    assert trovata.valore("cerca") == vicina.codice


async def test_no_deadline_near_is_said(
    segreteria: Browser, acquisizione: FakeAcquisizione
) -> None:
    pagina = await segreteria.pagina("/segreteria/scadenze")
    assert "Nessuna pratica con il termine scaduto o in scadenza entro 10 giorni" in pagina.testo


def test_the_deadline_is_a_day_on_the_italian_calendar() -> None:
    acquisizione = FakeAcquisizione()
    # 23:30 UTC on 31 January is already 1 February in Rome.
    pratica = _pratica(acquisizione, datetime(2026, 1, 31, 23, 30, tzinfo=UTC))
    assert (t := termine(pratica, date(2026, 2, 1))) is not None
    assert (t.giorno, t.giorni, t.stato, t.testo) == (date(2026, 2, 1), 0, "vicino", "Scade oggi")
    assert (t := termine(pratica, date(2026, 2, 2))) is not None
    assert (t.stato, t.testo) == ("scaduto", "Scaduto da 1 giorno")
    assert (t := termine(pratica, date(2026, 1, 31))) is not None
    assert (t.stato, t.testo) == ("vicino", "Scade tra 1 giorno")
    assert (t := termine(pratica, date(2026, 1, 1))) is not None
    assert (t.stato, t.testo) == ("in_corso", "Scade tra 31 giorni")
    assert (t := termine(pratica, date(2026, 1, 22), vicino=10)) is not None
    assert t.stato == "vicino"
    assert (t := termine(pratica, date(2026, 1, 21), vicino=10)) is not None
    assert t.stato == "in_corso"


def test_a_suspended_or_missing_deadline() -> None:
    acquisizione = FakeAcquisizione()
    sospesa = _pratica(
        acquisizione, datetime(2026, 3, 1, 10, tzinfo=UTC), stato="integrazione_richiesta"
    )
    assert (t := termine(sospesa, date(2026, 4, 1))) is not None
    assert (t.stato, t.testo) == ("sospeso", "Termine sospeso: integrazione richiesta")
    assert termine(_pratica(acquisizione, None), date(2026, 4, 1)) is None
