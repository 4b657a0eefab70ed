"""The council's fee by the Ordine's rule: the variants DOMAIN.md lists, and its arithmetic."""

from decimal import Decimal

from hypothesis import given
from hypothesis import strategies as st

from revisione.domain.diritti import RegoleDiritti, calcola_diritti

BRESCIA = RegoleDiritti(percentuale=Decimal("2"))
PISA = RegoleDiritti(percentuale=Decimal("3"), percentuale_difesa_ufficio=Decimal("1"))
LECCE = RegoleDiritti(
    diritto_fisso=Decimal("50"),
    percentuale=Decimal("3"),
    soglia=Decimal("100000"),
    percentuale_oltre_soglia=Decimal("1"),
    esenzione_sotto=Decimal("1500"),
)
VICENZA = RegoleDiritti(diritto_fisso=Decimal("25"))

compensi = st.decimals(
    min_value=Decimal("0"), max_value=Decimal("10000000"), places=2, allow_nan=False
)


def test_two_per_cent_of_the_liquidated_fee() -> None:
    assert calcola_diritti(BRESCIA, Decimal("7616.00")) == Decimal("152.32")


def test_three_per_cent_and_one_for_court_appointed_defence() -> None:
    assert calcola_diritti(PISA, Decimal("7616.00")) == Decimal("228.48")
    assert calcola_diritti(PISA, Decimal("7616.00"), difesa_ufficio=True) == Decimal("76.16")


def test_fixed_fee_plus_three_per_cent_up_to_the_threshold_and_one_above() -> None:
    assert calcola_diritti(LECCE, Decimal("10000.00")) == Decimal("350.00")
    assert calcola_diritti(LECCE, Decimal("100000.00")) == Decimal("3050.00")
    assert calcola_diritti(LECCE, Decimal("150000.00")) == Decimal("3550.00")


def test_nothing_but_the_fixed_fee_under_the_exemption() -> None:
    assert calcola_diritti(LECCE, Decimal("1499.99")) == Decimal("50.00")
    assert calcola_diritti(LECCE, Decimal("1500.00")) == Decimal("95.00")


def test_a_fixed_fee_alone() -> None:
    assert calcola_diritti(VICENZA, Decimal("123456.78")) == Decimal("25.00")


def test_minimum_and_maximum_bound_the_fee() -> None:
    regole = RegoleDiritti(percentuale=Decimal("2"), minimo=Decimal("30"), massimo=Decimal("500"))
    assert calcola_diritti(regole, Decimal("100.00")) == Decimal("30.00")
    assert calcola_diritti(regole, Decimal("100000.00")) == Decimal("500.00")


@given(compensi)
def test_the_fee_is_in_cents_and_never_negative(compenso: Decimal) -> None:
    for regole in (BRESCIA, PISA, LECCE, VICENZA):
        dovuti = calcola_diritti(regole, compenso)
        assert dovuti >= 0
        assert dovuti == dovuti.quantize(Decimal("0.01"))


@given(compensi, compensi)
def test_a_larger_fee_never_owes_less(a: Decimal, b: Decimal) -> None:
    basso, alto = sorted((a, b))
    for regole in (BRESCIA, PISA, LECCE, VICENZA):
        assert calcola_diritti(regole, basso) <= calcola_diritti(regole, alto)


@given(compensi)
def test_the_threshold_splits_the_fee_in_two_parts(compenso: Decimal) -> None:
    sopra = max(compenso - Decimal("100000"), Decimal("0"))
    entro = min(compenso, Decimal("100000"))
    if compenso >= Decimal("1500"):
        atteso = Decimal("50.00") + (entro * 3 / 100).quantize(Decimal("0.01"), "ROUND_HALF_UP")
        atteso += (sopra / 100).quantize(Decimal("0.01"), "ROUND_HALF_UP")
        assert calcola_diritti(LECCE, compenso) == atteso
