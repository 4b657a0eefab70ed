"""The art. 7 opposition term, counted as procedural terms are (art. 155 c.p.c., L. 742/1969)."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from istanze.domain.termini import festivi, lavorativo, pasqua, scadenza, scadenza_opposizione


@pytest.mark.parametrize(
    ("anno", "atteso"),
    [(2024, date(2024, 3, 31)), (2025, date(2025, 4, 20)), (2026, date(2026, 4, 5))],
)
def test_easter_is_computed_for_the_easter_monday_holiday(anno: int, atteso: date) -> None:
    assert pasqua(anno) == atteso
    assert atteso + timedelta(days=1) in festivi(anno)


@pytest.mark.parametrize(
    ("notificato", "ultimo_giorno", "perche"),
    [
        (date(2026, 3, 2), date(2026, 4, 13), "plain count: 11 April is a Saturday"),
        (date(2026, 6, 1), date(2026, 7, 13), "11 July 2026 is a Saturday: next Monday"),
        (date(2026, 2, 25), date(2026, 4, 7), "6 April 2026 is Easter Monday"),
        (date(2026, 11, 15), date(2026, 12, 28), "25, 26 (Sat), 27 (Sun) December skipped"),
        (date(2026, 7, 20), date(2026, 9, 29), "11 days in July, August not counted"),
        (date(2026, 8, 10), date(2026, 10, 12), "served in August: counted from 1 September"),
        (date(2026, 7, 31), date(2026, 10, 12), "served on 31 July: day one is 1 September"),
        (date(2027, 6, 21), date(2027, 9, 1), "ends Saturday 31 July 2027: first day after"),
    ],
)
def test_the_opposition_period_ends_as_courts_count_it(
    notificato: date, ultimo_giorno: date, perche: str
) -> None:
    assert scadenza_opposizione(notificato) == ultimo_giorno, perche


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)))
def test_a_term_ends_on_a_working_day_outside_august(notificato: date) -> None:
    fine = scadenza_opposizione(notificato)
    assert lavorativo(fine)
    assert fine.month != 8
    # Never shorter than the days counted, never longer than a suspension and a long weekend.
    assert timedelta(days=40) <= fine - notificato <= timedelta(days=40 + 31 + 5)


@given(
    st.dates(min_value=date(2000, 1, 1), max_value=date(2099, 12, 31)),
    st.integers(min_value=1, max_value=120),
)
def test_a_later_event_never_ends_its_term_earlier(notificato: date, giorni: int) -> None:
    assert scadenza(notificato + timedelta(days=1), giorni) >= scadenza(notificato, giorni)


def test_a_term_has_at_least_one_day() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        scadenza(date(2026, 1, 1), 0)
