"""The deadline arithmetic: days from acquisition in Rome, moved on by suspensions."""

from datetime import UTC, date, datetime, time, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acquisizione.domain.termini import (
    ROMA,
    Sospensione,
    fine_del_giorno,
    giorni_sospesi,
    giorno,
    scadenza,
    stato_termine,
)

ACQUISITA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
GIORNO = timedelta(days=1)

istanti = st.datetimes(
    min_value=datetime(2024, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
termini = st.integers(min_value=1, max_value=400)


def a_mezzogiorno(giorno: date) -> datetime:
    """Noon of ``giorno`` in Rome: days counted in Rome, whatever daylight saving does."""
    return datetime.combine(giorno, time(12), tzinfo=ROMA)


@st.composite
def sospensioni_chiuse(draw: st.DrawFn, dopo: datetime) -> Sospensione:
    inizio = dopo + timedelta(days=draw(st.integers(0, 200)), hours=draw(st.integers(0, 23)))
    durata = timedelta(days=draw(st.integers(0, 60)), hours=draw(st.integers(0, 23)))
    return Sospensione(dal=inizio, al=inizio + durata)


def test_ninety_days_from_an_acquisition_on_2_march_end_on_31_may() -> None:
    assert scadenza(ACQUISITA, 90, oggi=date(2026, 3, 2)) == date(2026, 5, 31)


def test_the_day_is_rome_s_not_utc_s() -> None:
    # 23:30 UTC on 31 March is half past one on 1 April in Rome (summer time).
    tardi = datetime(2026, 3, 31, 23, 30, tzinfo=UTC)
    assert giorno(tardi) == date(2026, 4, 1)
    assert scadenza(tardi, 10, oggi=date(2026, 4, 1)) == date(2026, 4, 11)


def test_the_deadline_instant_is_the_end_of_that_day_in_rome() -> None:
    fine = fine_del_giorno(date(2026, 5, 31))
    assert fine == datetime(2026, 5, 31, 21, 59, 59, tzinfo=UTC)  # CEST is UTC+2
    assert fine_del_giorno(date(2026, 1, 15)) == datetime(2026, 1, 15, 22, 59, 59, tzinfo=UTC)


def test_a_suspension_of_ten_days_moves_the_deadline_ten_days() -> None:
    sospesa = Sospensione(dal=ACQUISITA + 5 * GIORNO, al=ACQUISITA + 15 * GIORNO)
    assert scadenza(ACQUISITA, 90, [sospesa], oggi=date(2026, 7, 1)) == date(2026, 6, 10)


def test_a_term_of_no_days_is_refused() -> None:
    with pytest.raises(ValueError, match="at least one day"):
        scadenza(ACQUISITA, 0, oggi=date(2026, 3, 2))


def test_a_suspension_cannot_end_before_it_starts() -> None:
    with pytest.raises(ValueError, match="end before"):
        Sospensione(dal=ACQUISITA, al=ACQUISITA - GIORNO)


@given(acquisita=istanti, giorni=termini)
def test_without_suspensions_the_deadline_is_the_term_after_the_day_of_acquisition(
    acquisita: datetime, giorni: int
) -> None:
    fine = scadenza(acquisita, giorni, oggi=giorno(acquisita))
    assert (fine - giorno(acquisita)).days == giorni


@given(
    acquisita=istanti,
    giorni=termini,
    dati=st.data(),
    oggi_dopo=st.integers(min_value=0, max_value=500),
)
def test_suspensions_never_shorten_and_count_their_union_once(
    acquisita: datetime, giorni: int, dati: st.DataObject, oggi_dopo: int
) -> None:
    sospensioni = dati.draw(st.lists(sospensioni_chiuse(acquisita), max_size=5))
    oggi = giorno(acquisita) + timedelta(days=oggi_dopo)
    base = scadenza(acquisita, giorni, oggi=oggi)
    fine = scadenza(acquisita, giorni, sospensioni, oggi=oggi)
    giorni_coperti = {
        giorno(s.dal) + timedelta(days=n)
        for s in sospensioni
        if s.al is not None
        for n in range((giorno(s.al) - giorno(s.dal)).days)
    }
    assert fine >= base
    assert (fine - base).days == len(giorni_coperti)
    # Order and repetition do not matter.
    assert scadenza(acquisita, giorni, [*reversed(sospensioni), *sospensioni], oggi=oggi) == fine


@given(acquisita=istanti, giorni=termini, dati=st.data())
def test_disjoint_suspensions_add_their_lengths(
    acquisita: datetime, giorni: int, dati: st.DataObject
) -> None:
    durate = dati.draw(st.lists(st.integers(1, 30), min_size=1, max_size=4))
    sospensioni = []
    inizio = giorno(acquisita) + GIORNO
    for durata in durate:  # each starts two days after the previous one ended
        sospensioni.append(
            Sospensione(dal=a_mezzogiorno(inizio), al=a_mezzogiorno(inizio + durata * GIORNO))
        )
        inizio += (durata + 2) * GIORNO
    fine = scadenza(acquisita, giorni, sospensioni, oggi=inizio)
    assert (fine - giorno(acquisita)).days == giorni + sum(durate)


@given(acquisita=istanti, giorni=termini, inizio=st.integers(0, 100), passati=st.integers(0, 60))
def test_while_suspended_the_days_left_do_not_change(
    acquisita: datetime, giorni: int, inizio: int, passati: int
) -> None:
    aperta = Sospensione(dal=acquisita + inizio * GIORNO)
    primo = giorno(aperta.dal)
    mancano = (scadenza(acquisita, giorni, [aperta], oggi=primo) - primo).days
    oggi = primo + timedelta(days=passati)
    assert (scadenza(acquisita, giorni, [aperta], oggi=oggi) - oggi).days == mancano


def test_a_suspension_before_the_acquisition_does_not_count() -> None:
    prima = Sospensione(dal=ACQUISITA - 10 * GIORNO, al=ACQUISITA - 5 * GIORNO)
    assert giorni_sospesi([prima], da=giorno(ACQUISITA), oggi=date(2026, 4, 1)) == 0


@given(
    fine=st.dates(min_value=date(2024, 1, 1), max_value=date(2030, 1, 1)),
    scarto=st.integers(-100, 100),
    preavviso=st.integers(0, 60),
)
def test_near_within_the_warning_past_after_the_last_day(
    fine: date, scarto: int, preavviso: int
) -> None:
    oggi = fine - timedelta(days=scarto)
    stato = stato_termine(fine, oggi=oggi, preavviso=preavviso)
    if oggi > fine:
        assert stato == "scaduto"
    elif (fine - oggi).days <= preavviso:
        assert stato == "vicino"
    else:
        assert stato == "in_corso"


def test_the_last_day_itself_is_near_not_past() -> None:
    assert stato_termine(date(2026, 5, 31), oggi=date(2026, 5, 31), preavviso=0) == "vicino"
    assert stato_termine(date(2026, 5, 31), oggi=date(2026, 6, 1), preavviso=10) == "scaduto"
