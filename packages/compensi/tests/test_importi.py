"""Money: the DM 147/2022 worked example to the cent, and properties of every fee note."""

from decimal import ROUND_HALF_UP, Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelle_compensi import Totali, arrotonda, calcola_totali

CENT = Decimal("0.01")

importi = st.decimals(min_value=0, max_value=Decimal("999999999.99"), places=2)
percentuali = st.decimals(min_value=0, max_value=15, places=2)


def _parti(totali: Totali) -> list[Decimal]:
    return [
        totali.compenso,
        totali.spese_generali,
        totali.cpa,
        totali.iva,
        totali.spese,
        totali.totale,
    ]


def test_the_dm_147_2022_worked_example_holds_to_the_cent() -> None:
    voci = [Decimal("1701"), Decimal("1204"), Decimal("1806"), Decimal("2905")]
    totali = calcola_totali(voci)
    assert totali == Totali(
        compenso=Decimal("7616.00"),
        spese_generali=Decimal("1142.40"),
        cpa=Decimal("350.34"),
        iva=Decimal("2003.92"),
        spese=Decimal("0.00"),
        totale=Decimal("11112.66"),
    )
    assert [str(parte) for parte in _parti(totali)] == [
        "7616.00",
        "1142.40",
        "350.34",
        "2003.92",
        "0.00",
        "11112.66",
    ]


def test_expenses_are_added_outside_iva() -> None:
    totali = calcola_totali([Decimal("7616.00")], spese=Decimal("98.00"))
    assert totali.iva == Decimal("2003.92")
    assert totali.totale == Decimal("11210.66")


def test_halves_round_up_at_each_step() -> None:
    # 15% of 0.30 is 0.045: half-up gives 0.05 (banker's rounding would give 0.04).
    totali = calcola_totali([Decimal("0.30")])
    assert totali.spese_generali == Decimal("0.05")
    assert arrotonda(Decimal("2.675")) == Decimal("2.68")


def test_spese_generali_percentage_is_honoured() -> None:
    totali = calcola_totali([Decimal("1000")], spese_generali_percentuale=Decimal("10"))
    assert totali.spese_generali == Decimal("100.00")
    assert totali.cpa == Decimal("44.00")


def test_a_float_is_refused_never_converted() -> None:
    with pytest.raises(TypeError):
        calcola_totali([0.1])  # type: ignore[list-item]
    with pytest.raises(TypeError):
        calcola_totali([Decimal("1")], spese=1.5)  # type: ignore[arg-type]


@pytest.mark.parametrize("sbagliato", [Decimal("-0.01"), Decimal("NaN"), Decimal("Infinity")])
def test_negative_or_non_finite_amounts_are_refused(sbagliato: Decimal) -> None:
    with pytest.raises(ValueError, match="amount"):
        calcola_totali([Decimal("10"), sbagliato])


def test_the_callers_decimal_context_does_not_change_a_fee() -> None:
    with localcontext() as contesto:
        contesto.prec = 4
        contesto.rounding = ROUND_HALF_UP
        assert calcola_totali([Decimal("7616.00")]).totale == Decimal("11112.66")


@given(st.lists(importi, max_size=12), importi, percentuali)
def test_every_step_is_a_decimal_with_exactly_two_places(
    voci: list[Decimal], spese: Decimal, percentuale: Decimal
) -> None:
    totali = calcola_totali(voci, spese=spese, spese_generali_percentuale=percentuale)
    for parte in _parti(totali):
        assert type(parte) is Decimal
        assert parte.as_tuple().exponent == -2, parte


@given(st.lists(importi, max_size=12), importi, percentuali)
def test_the_total_is_the_sum_of_the_parts_and_each_step_follows_the_rule(
    voci: list[Decimal], spese: Decimal, percentuale: Decimal
) -> None:
    t = calcola_totali(voci, spese=spese, spese_generali_percentuale=percentuale)
    assert t.compenso == sum(voci, Decimal(0))
    assert t.spese_generali == (t.compenso * percentuale / 100).quantize(CENT, ROUND_HALF_UP)
    assert t.cpa == ((t.compenso + t.spese_generali) * 4 / 100).quantize(CENT, ROUND_HALF_UP)
    assert t.iva == (t.imponibile_iva * 22 / 100).quantize(CENT, ROUND_HALF_UP)
    assert t.totale == t.compenso + t.spese_generali + t.cpa + t.iva + t.spese


@given(importi, importi, importi)
def test_a_higher_fee_never_costs_less(a: Decimal, b: Decimal, spese: Decimal) -> None:
    basso, alto = sorted((a, b))
    t_basso = calcola_totali([basso], spese=spese)
    t_alto = calcola_totali([alto], spese=spese)
    for parte_bassa, parte_alta in zip(_parti(t_basso), _parti(t_alto), strict=True):
        assert parte_bassa <= parte_alta
