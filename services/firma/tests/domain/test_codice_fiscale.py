"""The tax code in a certificate's serialNumber: the forms accepted, the check character."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from firma.domain.codice_fiscale import (
    carattere_di_controllo,
    da_serial_number,
    is_valido,
    normalizza,
)

LETTERE = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
CIFRE = "0123456789"
OMOCODICI = "LMNPQRSTUV"


@pytest.mark.parametrize(
    ("serial_number", "atteso"),
    [
        ("TINIT-RSSMRA80A01H501U", "RSSMRA80A01H501U"),
        ("RSSMRA80A01H501U", "RSSMRA80A01H501U"),
        ("IT:RSSMRA80A01H501U", "RSSMRA80A01H501U"),
        ("tinit-rssmra80a01h501u", "RSSMRA80A01H501U"),
        (" TINIT-RSSMRA80A01H501U ", "RSSMRA80A01H501U"),
        ("TINIT-BNCGLI85M41H501Y", "BNCGLI85M41H501Y"),  # the demo lawyer (born female: +40)
        ("TINIT-RSSMRA80A01H50MM", "RSSMRA80A01H50MM"),  # omocodia: last digit 1 -> M
    ],
)
def test_accepted_forms(serial_number: str, atteso: str) -> None:
    assert da_serial_number(serial_number) == atteso


@pytest.mark.parametrize(
    "serial_number",
    [
        None,
        "",
        "TINIT-RSSMRA80A01H501A",  # wrong check character
        "TINIT-RSSMRA80Z01H501U",  # no month Z
        "VATIT-12345678901",  # a company's VAT number
        "TINDE-RSSMRA80A01H501U",  # another country's scheme
        "IDCIT-AB1234567",  # an identity card number
        "12345678901",
        "TINIT-RSSMRA80A01H501UX",
        "TINIT-IT:RSSMRA80A01H501U",  # one prefix, not a stack of them
    ],
)
def test_refused_forms(serial_number: str | None) -> None:
    assert da_serial_number(serial_number) is None


def test_normalizza() -> None:
    assert normalizza(" rssmra 80a01 h501u\n") == "RSSMRA80A01H501U"


def _numero(cifre: int) -> st.SearchStrategy[str]:
    return st.text(alphabet=CIFRE + OMOCODICI, min_size=cifre, max_size=cifre)


codici_senza_controllo = st.builds(
    lambda *parti: "".join(parti),
    st.text(alphabet=LETTERE, min_size=6, max_size=6),
    _numero(2),
    st.sampled_from("ABCDEHLMPRST"),
    _numero(2),
    st.sampled_from(LETTERE),
    _numero(3),
)


@given(codici_senza_controllo)
def test_every_well_formed_code_with_its_check_character_is_accepted(primi: str) -> None:
    codice = primi + carattere_di_controllo(primi)
    assert is_valido(codice)
    assert da_serial_number(f"TINIT-{codice}") == codice
    assert da_serial_number(codice.lower()) == codice


@given(codici_senza_controllo, st.sampled_from(LETTERE))
def test_any_other_check_character_is_refused(primi: str, sbagliato: str) -> None:
    if sbagliato == carattere_di_controllo(primi):
        return
    assert da_serial_number(f"TINIT-{primi}{sbagliato}") is None


@given(st.text(max_size=40))
def test_never_raises_and_accepts_only_valid_codes(testo: str) -> None:
    risultato = da_serial_number(testo)
    assert risultato is None or is_valido(risultato)
