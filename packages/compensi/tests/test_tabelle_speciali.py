"""Tables 8, 10, 16, 17 and 18 as a councillor reads them: known answers from the sources,
bracket edges, phases that are not the four of a judgment, and the kinds that point to them."""

from decimal import Decimal

import pytest

from parcelle_compensi import (
    FASE_UNICA,
    Parametri,
    parametri,
    parametri_della_pratica,
    parametri_tabella,
    scaglione,
    tabella,
    tabelle,
    tabelle_per,
)

D = Decimal


def _p(codice: str, valore: str | None, fase: str) -> Parametri | None:
    return parametri_tabella(tabelle()[codice], None if valore is None else D(valore), fase)


def test_numbers_titles_and_phases_are_the_annexs() -> None:
    attese = {
        "monitori": ("8", (FASE_UNICA,)),
        "cautelari": ("10", ("studio", "introduttiva", "istruttoria", "decisionale")),
        "esecuzione_mobiliare": ("16", ("studio", "istruttoria")),
        "esecuzione_presso_terzi": ("17", ("introduttiva", "istruttoria")),
        "esecuzione_immobiliare": ("18", ("introduttiva", "istruttoria")),
    }
    for codice, (numero, fasi) in attese.items():
        t = tabelle()[codice]
        assert (t.numero, t.fasi) == (numero, fasi), codice
    assert tabelle()["esecuzione_presso_terzi"].nomi_fasi["istruttoria"] == (
        "Fase di trattazione e conclusiva"
    )
    assert tabelle()["tribunale"].nomi_fasi == {}


@pytest.mark.parametrize(
    ("valore", "medio"),
    [
        ("0.01", "473"),
        ("1000", "473"),
        ("5200", "473"),
        ("5200.01", "567"),
        ("10000", "567"),
        ("26000.01", "1370"),
        ("52000.01", "2242"),
        ("520000", "4394"),
    ],
)
def test_payment_order_has_one_fee_from_the_first_euro_to_5200(valore: str, medio: str) -> None:
    p = _p("monitori", valore, FASE_UNICA)
    assert p is not None
    assert p.medio == D(medio)
    assert (p.minimo, p.massimo) == (D(medio) * D("0.5"), D(medio) * D("1.5"))


def test_payment_order_minimum_is_half_to_the_cent_not_rounded_to_the_euro() -> None:
    # mcp-legal-it's test against the GU: 567 x 50% = 283.50 (a tool printing 284 was wrong).
    assert _p("monitori", "10000", FASE_UNICA) == Parametri(D("283.50"), D("567"), D("850.50"))
    assert _p("monitori", "1000", FASE_UNICA) == Parametri(D("236.50"), D("473"), D("709.50"))


def test_a_single_fee_table_answers_no_judgment_phase() -> None:
    for fase in ("studio", "introduttiva", "istruttoria", "decisionale", "altro"):
        assert _p("monitori", "10000", fase) is None
    assert _p("monitori", "520000.01", FASE_UNICA) is None
    assert scaglione(tabelle()["monitori"], D("1000")) == tabelle()["monitori"].scaglioni[0]


def test_payment_order_indeterminable_value_spans_26000_to_260000() -> None:
    assert _p("monitori", None, FASE_UNICA) == Parametri(D("685.00"), None, D("3363.00"))


@pytest.mark.parametrize(
    ("valore", "medi"),
    [
        ("1100", (210, 142, 210, 105)),
        ("26000", (992, 672, 1204, 635)),
        ("26000.01", (1175, 851, 1985, 1202)),
        ("260000", (2251, 1202, 2835, 1771)),
        ("260000.01", (3686, 1559, 3969, 2552)),
    ],
)
def test_precautionary_known_answers_and_edges(valore: str, medi: tuple[int, ...]) -> None:
    trovati = [_p("cautelari", valore, f) for f in tabelle()["cautelari"].fasi]
    assert [p.medio for p in trovati if p is not None] == [D(m) for m in medi]


@pytest.mark.parametrize(
    ("codice", "valore", "medi"),
    [
        # mcp-legal-it (GU) and avvocatoandreani.it: 368 + 184 for 1,100.01-5,200.
        ("esecuzione_mobiliare", "2000", {"studio": 368, "istruttoria": 184}),
        ("esecuzione_mobiliare", "1100", {"studio": 126, "istruttoria": 63}),
        # mcp-legal-it (GU): 110/236 up to 1,100 and 331/567 up to 5,200.
        ("esecuzione_presso_terzi", "1000", {"introduttiva": 110, "istruttoria": 236}),
        ("esecuzione_presso_terzi", "1100.01", {"introduttiva": 331, "istruttoria": 567}),
        # avvocatoandreani.it: 1,433 + 982 = 2,415 for 100,000.
        ("esecuzione_immobiliare", "100000", {"introduttiva": 1433, "istruttoria": 982}),
        ("esecuzione_immobiliare", "520000", {"introduttiva": 1890, "istruttoria": 1281}),
    ],
)
def test_enforcement_known_answers(codice: str, valore: str, medi: dict[str, int]) -> None:
    for fase, medio in medi.items():
        p = _p(codice, valore, fase)
        assert p is not None
        assert p.medio == D(medio)
    for fase in {"studio", "introduttiva", "istruttoria", "decisionale"} - set(medi):
        assert _p(codice, valore, fase) is None


def test_enforcement_defaults_of_the_sources_are_the_minimums_of_table_17() -> None:
    assert _p("esecuzione_presso_terzi", "2500", "introduttiva") == Parametri(
        D("165.50"), D("331"), D("496.50")
    )
    assert _p("esecuzione_presso_terzi", "2500", "istruttoria") == Parametri(
        D("283.50"), D("567"), D("850.50")
    )


def test_enforcement_is_one_kind_with_three_tables_so_the_caller_chooses() -> None:
    assert tabella("esecuzione") is None
    assert parametri("esecuzione", D("2000"), "studio") is None
    assert parametri_della_pratica("esecuzione", D("2000"), False, "studio") is None
    assert [t.numero for t in tabelle_per("esecuzione")] == ["16", "17", "18"]


def test_payment_orders_and_precautionary_proceedings_have_their_tables() -> None:
    monitorio = tabella("monitorio")
    cautelare = tabella("cautelare")
    assert monitorio is not None
    assert cautelare is not None
    assert (monitorio.numero, cautelare.numero) == ("8", "10")
    # The payment order's single fee is not one of the four phases of a judgment.
    assert parametri("monitorio", D("2000"), "studio") is None
    assert parametri("cautelare", D("30000"), "studio") is not None
