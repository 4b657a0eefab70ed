"""The automatic assignment: fewest open cases for the weight, least recently assigned on a
tie, the list's order last."""

from collections import Counter
from datetime import UTC, datetime, timedelta
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acquisizione.domain.assegnazione import Carico, Relatore, scegli_relatore

ORA = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)

relatori = st.lists(
    st.builds(
        Relatore,
        username=st.text("abcdefgh", min_size=1, max_size=6),
        nome=st.just("Consigliere"),
        peso=st.integers(1, 4),
    ),
    min_size=1,
    max_size=6,
    unique_by=lambda r: r.username,
)


def simula(elenco: list[Relatore], carichi: dict[str, Carico], quante: int) -> list[str]:
    """Assign ``quante`` new cases one after the other (none closes meanwhile)."""
    scelti = []
    for n in range(quante):
        scelto = scegli_relatore(elenco, carichi)
        assert scelto is not None
        attuale = carichi.get(scelto.username, Carico())
        carichi[scelto.username] = Carico(attuale.aperte + 1, ORA + timedelta(minutes=n))
        scelti.append(scelto.username)
    return scelti


def test_nobody_to_choose_from() -> None:
    assert scegli_relatore([], {}) is None


def test_a_weight_below_one_is_refused() -> None:
    with pytest.raises(ValueError, match="weight"):
        Relatore(username="x", nome="X", peso=0)


def test_fewest_open_cases_for_the_weight_wins() -> None:
    a, b = Relatore(username="a", nome="A"), Relatore(username="b", nome="B", peso=2)
    # a has 2 open (2/1), b has 3 open (3/2): b is less loaded for its weight.
    assert scegli_relatore([a, b], {"a": Carico(2), "b": Carico(3)}) == b


def test_a_tie_goes_to_who_was_assigned_least_recently_and_never_comes_first() -> None:
    a, b, c = (Relatore(username=n, nome=n) for n in "abc")
    carichi = {"a": Carico(1, ORA), "b": Carico(1, ORA - timedelta(days=1)), "c": Carico(1)}
    assert scegli_relatore([a, b, c], carichi) == c
    del carichi["c"]
    assert scegli_relatore([a, b], carichi) == b


@given(elenco=relatori, dati=st.data())
def test_the_choice_has_the_lowest_load_for_its_weight(
    elenco: list[Relatore], dati: st.DataObject
) -> None:
    carichi = {
        r.username: Carico(dati.draw(st.integers(0, 20)), None if dati.draw(st.booleans()) else ORA)
        for r in elenco
    }
    scelto = scegli_relatore(elenco, carichi)
    assert scelto is not None
    carico = Fraction(carichi[scelto.username].aperte, scelto.peso)
    assert all(carico <= Fraction(carichi[r.username].aperte, r.peso) for r in elenco)


@given(elenco=relatori, iniziali=st.lists(st.integers(0, 5), max_size=6), quante=st.integers(0, 60))
def test_after_any_sequence_nobody_was_given_a_case_while_less_loaded_colleagues_waited(
    elenco: list[Relatore], iniziali: list[int], quante: int
) -> None:
    carichi = {r.username: Carico(n) for r, n in zip(elenco, iniziali, strict=False)}
    prima = {r.username: carichi.get(r.username, Carico()).aperte for r in elenco}
    simula(elenco, carichi, quante)
    dopo = {r.username: carichi.get(r.username, Carico()).aperte for r in elenco}
    for a in elenco:
        if dopo[a.username] > prima[a.username]:  # a got a case: when it did, it was the least
            for b in elenco:
                assert Fraction(dopo[a.username] - 1, a.peso) <= Fraction(dopo[b.username], b.peso)


@given(elenco=relatori.filter(lambda e: len({r.peso for r in e}) == 1), giri=st.integers(1, 5))
def test_equal_weights_from_nothing_make_a_plain_round_robin(
    elenco: list[Relatore], giri: int
) -> None:
    scelti = simula(elenco, {}, giri * len(elenco))
    ordine = [r.username for r in elenco]
    assert scelti == ordine * giri  # each round in the list's order, each councillor once


def test_weights_share_the_cases_in_proportion() -> None:
    elenco = [
        Relatore(username="uno", nome="Uno", peso=1),
        Relatore(username="due", nome="Due", peso=2),
        Relatore(username="tre", nome="Tre", peso=3),
    ]
    assert Counter(simula(elenco, {}, 60)) == {"uno": 10, "due": 20, "tre": 30}
