"""Application codes: genuine ones pass in any typed form, mistyped and forged ones do not."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelle_kit.codes import (
    ALPHABET,
    CodiceNonValidoError,
    normalizza,
    nuovo_codice,
    ordine_del_codice,
    verifica_codice,
)

SECRET = "s" * 40
GENUINE = nuovo_codice(SECRET, "DEMO", 2026)  # one per run: hypothesis replays need it fixed


def test_a_new_code_has_the_documented_shape_and_verifies() -> None:
    codice = nuovo_codice(SECRET, "demo", 2026)
    ordine, anno, casuale, controllo = codice.split("-")
    assert (ordine, anno) == ("DEMO", "26")
    assert len(casuale) == 8
    assert len(controllo) == 4
    assert set(casuale + controllo) <= set(ALPHABET)
    assert verifica_codice(SECRET, codice) == codice
    assert ordine_del_codice(codice) == "DEMO"


def test_typed_variants_of_a_genuine_code_are_accepted() -> None:
    codice = nuovo_codice(SECRET, "DEMO", 2026)
    variants = [
        codice.lower(),
        f"  {codice}\n",
        codice.replace("-", "'"),  # a scanner gun on the wrong keyboard layout
        codice.replace("-", " "),
        codice.replace("0", "O").replace("1", "I"),
    ]
    for typed in variants:
        assert verifica_codice(SECRET, typed) == codice, typed


def test_a_code_made_with_another_secret_is_refused() -> None:
    forged = nuovo_codice("another secret entirely, 32 chars+", "DEMO", 2026)
    with pytest.raises(CodiceNonValidoError) as refused:
        verifica_codice(SECRET, forged)
    assert refused.value.motivo == "controllo"


@pytest.mark.parametrize(
    "text", ["", "DEMO", "DEMO-26-ABC", "DEMO-2026-7K3Q9XAB-4FZP", "12-26-7K3Q9XAB-4FZP"]
)
def test_text_that_is_not_shaped_like_a_code_is_refused_as_format(text: str) -> None:
    with pytest.raises(CodiceNonValidoError) as refused:
        verifica_codice(SECRET, text)
    assert refused.value.motivo == "formato"


@given(st.data())
def test_changing_one_character_of_the_random_part_is_caught(data: st.DataObject) -> None:
    codice = GENUINE
    position = data.draw(st.integers(min_value=8, max_value=15))  # inside the random group
    replacement = data.draw(st.sampled_from(ALPHABET).filter(lambda c: c != codice[position]))
    mistyped = codice[:position] + replacement + codice[position + 1 :]
    # 20 bits of MAC: a collision is a one-in-a-million event, not one hypothesis will find.
    with pytest.raises(CodiceNonValidoError):
        verifica_codice(SECRET, mistyped)


def test_normalizza_leaves_unrecognisable_text_recognisably_wrong() -> None:
    assert normalizza("abc") == "ABC"
    assert normalizza("demo--26 — x") == "DEMO-26-X"
