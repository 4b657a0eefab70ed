"""VAT numbers: real ones pass, every single-digit mistake and every non-digit is refused."""

import string

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from istanze.domain.errori import DatiNonValidiError
from istanze.domain.partita_iva import cifra_di_controllo, valida_partita_iva

# Agenzia delle Entrate and Banca d'Italia: published numbers.
KNOWN_GOOD = ["06363391001", "00950501007"]


def luhn_valido(numero: str) -> bool:
    """The textbook Luhn test, from the right: an independent statement of the rule."""
    somma = 0
    for indice, carattere in enumerate(reversed(numero)):
        cifra = int(carattere)
        if indice % 2 == 1:
            cifra = cifra * 2 - 9 if cifra > 4 else cifra * 2
        somma += cifra
    return somma % 10 == 0


@st.composite
def partite_iva(draw: st.DrawFn) -> str:
    prime = draw(st.text(alphabet=string.digits, min_size=10, max_size=10))
    assume(prime != "0" * 10)
    (controllo,) = [c for c in string.digits if luhn_valido(prime + c)]
    return prime + controllo


@pytest.mark.parametrize("numero", KNOWN_GOOD)
def test_known_good_numbers_are_accepted(numero: str) -> None:
    assert valida_partita_iva(numero) == numero
    assert luhn_valido(numero)


def test_spaces_are_removed() -> None:
    assert valida_partita_iva(" 0636 3391 001 ") == "06363391001"


@given(partite_iva())
def test_every_number_with_the_right_check_digit_is_accepted(numero: str) -> None:
    assert cifra_di_controllo(numero[:10]) == numero[10]
    assert valida_partita_iva(numero) == numero


@given(partite_iva(), st.data())
def test_any_single_character_change_is_refused(numero: str, data: st.DataObject) -> None:
    posizione = data.draw(st.integers(0, 10), label="posizione")
    alfabeto = string.digits + "AOIl -"
    nuovo = data.draw(st.sampled_from([c for c in alfabeto if c != numero[posizione]]))
    sbagliato = numero[:posizione] + nuovo + numero[posizione + 1 :]
    assume("".join(sbagliato.split()) != numero)  # a space is removed, not a mistake
    with pytest.raises(DatiNonValidiError):
        valida_partita_iva(sbagliato)


@pytest.mark.parametrize(
    ("numero", "messaggio"),
    [
        ("", "Indica la partita IVA"),
        ("IT06363391001", "Indica la partita IVA senza il prefisso IT"),
        ("0636339100", "La partita IVA deve avere 11 cifre: ne ha 10"),
        ("0636339100A", "La partita IVA deve contenere solo cifre"),
        ("00000000000", "La partita IVA non può essere composta da soli zeri"),
        ("06363391002", "La cifra di controllo non corrisponde: controlla la partita IVA"),
    ],
)
def test_the_message_says_what_is_wrong(numero: str, messaggio: str) -> None:
    with pytest.raises(DatiNonValidiError) as rifiuto:
        valida_partita_iva(numero)
    assert rifiuto.value.messaggio == messaggio
