"""Properties every shipped table keeps, whatever the value: the art. 4 c.1 range, brackets that
split the values with no gap and no overlap, and Decimal money throughout."""

from decimal import ROUND_HALF_UP, Decimal

from hypothesis import given
from hypothesis import strategies as st

from parcelle_compensi import Tabella, entro_limiti, parametri_tabella, scaglioni, tabelle

CENT = Decimal("0.01")
TABELLE = list(tabelle().values())

tabelle_st = st.sampled_from(TABELLE)
valori = st.decimals(min_value=Decimal("0.01"), max_value=Decimal("600000"), places=2)
valori_fini = st.decimals(min_value=Decimal("0.001"), max_value=Decimal("600000"), places=6)


def test_every_phase_of_every_bracket_has_minimum_half_and_maximum_one_and_a_half() -> None:
    for tabella in TABELLE:
        for scaglione in tabella.scaglioni:
            for fase in tabella.fasi:
                p = scaglione.parametri(fase)
                assert p is not None
                assert p.medio is not None
                assert p.minimo == (p.medio * Decimal("0.5")).quantize(CENT, ROUND_HALF_UP)
                assert p.massimo == (p.medio * Decimal("1.5")).quantize(CENT, ROUND_HALF_UP)
                for importo in (p.minimo, p.medio, p.massimo):
                    assert type(importo) is Decimal
                    assert importo.as_tuple().exponent == -2


def test_brackets_are_contiguous_and_increasing() -> None:
    for tabella in TABELLE:
        assert tabella.scaglioni[0].da == CENT
        for precedente, seguente in zip(tabella.scaglioni, tabella.scaglioni[1:], strict=False):
            assert seguente.da == precedente.fino_a + CENT
            assert seguente.fino_a > seguente.da


@given(tabelle_st, valori_fini)
def test_every_value_lands_in_exactly_one_bracket_up_to_the_last(
    tabella: Tabella, valore: Decimal
) -> None:
    trovati = scaglioni(tabella, valore)
    if valore <= tabella.scaglioni[-1].fino_a:
        assert len(trovati) == 1
        assert trovati[0].da - CENT < valore <= trovati[0].fino_a
    else:
        assert trovati == ()


@given(tabelle_st, valori, valori)
def test_a_higher_value_never_falls_in_a_lower_bracket(
    tabella: Tabella, a: Decimal, b: Decimal
) -> None:
    basso, alto = sorted((a, b))
    s_basso, s_alto = scaglioni(tabella, basso), scaglioni(tabella, alto)
    if s_basso and s_alto:
        assert s_basso[0].fino_a <= s_alto[0].fino_a


@given(tabelle_st, valori, st.data())
def test_the_medium_is_always_within_its_own_range(
    tabella: Tabella, valore: Decimal, data: st.DataObject
) -> None:
    fase = data.draw(st.sampled_from(tabella.fasi))
    p = parametri_tabella(tabella, valore, fase)
    if p is None:
        assert valore > tabella.scaglioni[-1].fino_a
        return
    assert p.medio is not None
    assert p.minimo < p.medio < p.massimo
    assert entro_limiti(p.medio, p)
    assert not entro_limiti(p.massimo + CENT, p)
    assert not entro_limiti(p.minimo - CENT, p)


@given(tabelle_st, st.booleans(), st.data())
def test_an_indeterminable_range_covers_each_of_its_brackets(
    tabella: Tabella, particolare_importanza: bool, data: st.DataObject
) -> None:
    fase = data.draw(st.sampled_from(tabella.fasi))
    ammessi = scaglioni(tabella, None, particolare_importanza=particolare_importanza)
    p = parametri_tabella(tabella, None, fase, particolare_importanza=particolare_importanza)
    # Tabella 2 has every bracket up to 520,000: the rule's full set of brackets.
    regola = scaglioni(tabelle()["tribunale"], None, particolare_importanza=particolare_importanza)
    if len(ammessi) < len(regola):
        assert p is None
        return
    assert p is not None
    for scaglione in ammessi:
        q = scaglione.parametri(fase)
        assert q is not None
        assert p.minimo <= q.minimo
        assert q.massimo <= p.massimo
