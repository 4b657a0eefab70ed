"""The tables as a councillor reads them: known answers, bracket edges, indeterminable values."""

from dataclasses import replace
from decimal import Decimal

import pytest

from parcelle_compensi import (
    Parametri,
    calcola_totali,
    entro_limiti,
    mancanti,
    parametri,
    parametri_tabella,
    regole,
    scaglione,
    scaglioni,
    tabella,
    tabelle,
    tabelle_per,
)

FASI = ("studio", "introduttiva", "istruttoria", "decisionale")

# DOMAIN.md, "Fee parameters": Tabella 2, medium values by phase, and their totals.
NOTI_TABELLA_2 = [
    (Decimal("5200.01"), Decimal("26000"), (919, 777, 1680, 1701), 5077),
    (Decimal("26000.01"), Decimal("52000"), (1701, 1204, 1806, 2905), 7616),
    (Decimal("52000.01"), Decimal("260000"), (2552, 1628, 5670, 4253), 14103),
    (Decimal("260000.01"), Decimal("520000"), (3544, 2338, 10411, 6164), 22457),
]


@pytest.mark.parametrize(("da", "fino_a", "medi", "totale"), NOTI_TABELLA_2)
def test_tabella_2_reproduces_the_known_medium_values(
    da: Decimal, fino_a: Decimal, medi: tuple[int, ...], totale: int
) -> None:
    tribunale = tabelle()["tribunale"]
    for valore in (da, fino_a):
        trovato = scaglione(tribunale, valore)
        assert trovato is not None
        assert (trovato.da, trovato.fino_a) == (da, fino_a)
        assert tuple(trovato.medi[fase] for fase in FASI) == tuple(Decimal(m) for m in medi)
        assert sum(trovato.medi.values()) == totale


def test_the_worked_example_runs_from_the_table_to_the_total() -> None:
    medi = [parametri("tribunale_cognizione", Decimal("30000"), fase) for fase in FASI]
    importi = [p.medio for p in medi if p is not None and p.medio is not None]
    assert len(importi) == 4
    totali = calcola_totali(importi)
    assert [str(v) for v in (totali.compenso, totali.spese_generali, totali.cpa, totali.iva)] == [
        "7616.00",
        "1142.40",
        "350.34",
        "2003.92",
    ]
    assert totali.totale == Decimal("11112.66")


def test_minimum_and_maximum_are_half_and_one_and_a_half_of_the_medium() -> None:
    assert parametri("tribunale_cognizione", Decimal("30000"), "decisionale") == Parametri(
        minimo=Decimal("1452.50"), medio=Decimal("2905.00"), massimo=Decimal("4357.50")
    )


@pytest.mark.parametrize(
    ("valore", "fino_a"),
    [
        ("0.01", "1100.00"),
        ("1100.00", "1100.00"),
        ("1100.01", "5200.00"),
        ("5200.00", "5200.00"),
        ("5200.01", "26000.00"),
        ("26000.00", "26000.00"),
        ("26000.01", "52000.00"),
        ("52000.00", "52000.00"),
        ("52000.01", "260000.00"),
        ("260000.00", "260000.00"),
        ("260000.01", "520000.00"),
        ("520000.00", "520000.00"),
    ],
)
def test_bracket_edges(valore: str, fino_a: str) -> None:
    trovato = scaglione(tabelle()["tribunale"], Decimal(valore))
    assert trovato is not None
    assert trovato.fino_a == Decimal(fino_a)


def test_above_the_last_bracket_there_are_no_parameters() -> None:
    tribunale = tabelle()["tribunale"]
    assert scaglione(tribunale, Decimal("520000.01")) is None
    assert parametri("tribunale_cognizione", Decimal("1000000"), "studio") is None
    # The giudice di pace table stops at 26,000.
    assert scaglione(tabelle()["giudice_di_pace"], Decimal("26000.01")) is None
    assert parametri("giudice_di_pace", Decimal("26000.00"), "decisionale") == Parametri(
        minimo=Decimal("373.00"), medio=Decimal("746.00"), massimo=Decimal("1119.00")
    )


def test_a_table_lacking_some_of_the_indeterminable_brackets_shows_no_range() -> None:
    tribunale = tabelle()["tribunale"]
    fino_a_52000 = replace(tribunale, scaglioni=tribunale.scaglioni[:4])
    assert [s.fino_a for s in scaglioni(fino_a_52000, None)] == [Decimal("52000.00")]
    assert parametri_tabella(fino_a_52000, None, "studio") is None


def test_an_indeterminable_value_spans_the_brackets_of_art_5_c6() -> None:
    tribunale = tabelle()["tribunale"]
    assert scaglione(tribunale, None) is None
    assert [s.fino_a for s in scaglioni(tribunale, None)] == [
        Decimal("52000.00"),
        Decimal("260000.00"),
    ]
    assert [s.fino_a for s in scaglioni(tribunale, None, particolare_importanza=True)] == [
        Decimal("52000.00"),
        Decimal("260000.00"),
        Decimal("520000.00"),
    ]
    # Studio: 1,701 (26,000.01-52,000) and 2,552 (52,000.01-260,000).
    assert parametri("tribunale_cognizione", None, "studio") == Parametri(
        minimo=Decimal("850.50"), medio=None, massimo=Decimal("3828.00")
    )
    assert parametri(
        "tribunale_cognizione", None, "studio", particolare_importanza=True
    ) == Parametri(minimo=Decimal("850.50"), medio=None, massimo=Decimal("5316.00"))
    # The giudice di pace table has none of those brackets.
    assert parametri("giudice_di_pace", None, "studio") is None


@pytest.mark.parametrize(
    ("procedimento", "codice"),
    [
        ("tribunale_cognizione", "tribunale"),
        ("giudice_di_pace", "giudice_di_pace"),
        ("corte_appello", "corte_appello"),
        ("cassazione", "cassazione"),
    ],
)
def test_kinds_with_one_verified_table(procedimento: str, codice: str) -> None:
    trovata = tabella(procedimento)
    assert trovata is not None
    assert trovata.codice == codice


@pytest.mark.parametrize(
    "procedimento",
    ["fallimentare", "penale", "tributario", "stragiudiziale", "altro"],
)
def test_kinds_without_a_verified_table_answer_none(procedimento: str) -> None:
    assert tabella(procedimento) is None
    assert tabelle_per(procedimento) == ()
    assert parametri(procedimento, Decimal("30000"), "studio") is None


def test_labour_and_social_security_share_a_kind_so_the_caller_chooses() -> None:
    assert tabella("tribunale_lavoro") is None
    assert parametri("tribunale_lavoro", Decimal("30000"), "studio") is None
    lavoro, previdenza = tabelle_per("tribunale_lavoro")
    assert (lavoro.codice, previdenza.codice) == ("lavoro", "previdenza")
    studio = parametri_tabella(previdenza, Decimal("30000"), "studio")
    assert studio is not None
    assert studio.medio == Decimal("1701.00")


def test_an_unknown_kind_is_an_error_not_a_silent_none() -> None:
    with pytest.raises(ValueError, match="unknown kind"):
        tabella("tribunale_ordinario")


def test_a_phase_the_table_does_not_have_has_no_parameters() -> None:
    assert tabelle()["cassazione"].fasi == ("studio", "introduttiva", "decisionale")
    assert parametri("cassazione", Decimal("30000"), "istruttoria") is None
    assert parametri("tribunale_cognizione", Decimal("30000"), "altro") is None


def test_within_the_range_edges_included() -> None:
    p = Parametri(minimo=Decimal("850.50"), medio=Decimal("1701.00"), massimo=Decimal("2551.50"))
    assert entro_limiti(Decimal("850.50"), p)
    assert entro_limiti(Decimal("2551.50"), p)
    assert not entro_limiti(Decimal("850.49"), p)
    assert not entro_limiti(Decimal("2551.51"), p)


@pytest.mark.parametrize("sbagliato", [30000.0, 30000, "30000"])
def test_a_value_that_is_not_a_decimal_is_refused(sbagliato: object) -> None:
    with pytest.raises(TypeError):
        scaglione(tabelle()["tribunale"], sbagliato)  # type: ignore[arg-type]
    with pytest.raises(TypeError):
        entro_limiti(sbagliato, Parametri(Decimal(1), Decimal(2), Decimal(3)))  # type: ignore[arg-type]


@pytest.mark.parametrize("sbagliato", ["0", "-1", "NaN", "Infinity"])
def test_a_value_that_is_not_positive_and_finite_is_refused(sbagliato: str) -> None:
    with pytest.raises(ValueError, match="positive"):
        scaglione(tabelle()["tribunale"], Decimal(sbagliato))


def test_rules_and_missing_tables_are_readable_with_their_sources() -> None:
    assert set(regole()) == {"variazione", "indeterminabile", "oltre_ultimo_scaglione"}
    assert all(regola.fonti for regola in regole().values())
    assert any("Corte costituzionale" in nome for nome, _ in mancanti())
