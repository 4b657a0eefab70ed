"""Tax codes: real ones pass in any typed form, every single-character mistake is caught, and
the message says what is wrong."""

import string

import pytest
from hypothesis import given
from hypothesis import strategies as st

from istanze.domain.codice_fiscale import (
    MESSAGGIO_CONTROLLO,
    carattere_di_controllo,
    senza_omocodia,
    valida_codice_fiscale,
    valida_persona_fisica,
)
from istanze.domain.errori import DatiNonValidiError

KNOWN_GOOD = ["RSSMRA80A01H501U", "BNCGLI85M41H501Y", "VRDMRC70A01H501Q"]

# An independent check letter, the way it is usually written from the decree's tables: a
# character's value in odd places is its position in this string, once digits are read as
# the letters A-J.
_ALFANUMERICO = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ"
_COME_LETTERA = "ABCDEFGHIJABCDEFGHIJKLMNOPQRSTUVWXYZ"
_DISPARI = "BAKPLCQDREVOSFTGUHMINJWZYX"
_PARI = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"


def controllo_indipendente(primi_quindici: str) -> str:
    somma = 0
    for indice, carattere in enumerate(primi_quindici):
        lettera = _COME_LETTERA[_ALFANUMERICO.index(carattere)]
        somma += (_DISPARI if indice % 2 == 0 else _PARI).index(lettera)
    return chr(ord("A") + somma % 26)


_MESI = "ABCDEHLMPRST"
_OMOCODIA = "LMNPQRSTUV"
_NUMERICHE = (6, 7, 9, 10, 12, 13, 14)


@st.composite
def codici_validi(draw: st.DrawFn) -> str:
    """Well-formed personal codes: any names, dates, places, sex, and omocodia substitutions."""
    lettere = draw(st.text(alphabet=string.ascii_uppercase, min_size=6, max_size=6))
    anno = draw(st.integers(0, 99))
    mese = draw(st.integers(0, 11))
    giorno = draw(st.integers(1, 28)) + draw(st.sampled_from([0, 40]))
    comune = draw(st.sampled_from("ABCDEFGHIJKLMZ")) + f"{draw(st.integers(0, 999)):03d}"
    codice = list(f"{lettere}{anno:02d}{_MESI[mese]}{giorno:02d}{comune}")
    for posizione in draw(st.sets(st.sampled_from(_NUMERICHE))):
        codice[posizione] = _OMOCODIA[int(codice[posizione])]
    primi = "".join(codice)
    return primi + controllo_indipendente(primi)


@pytest.mark.parametrize("codice", KNOWN_GOOD)
def test_known_good_codes_are_accepted(codice: str) -> None:
    assert valida_codice_fiscale(codice) == codice


def test_typed_variants_are_normalised() -> None:
    assert valida_codice_fiscale("  rssmra80a01h501u ") == "RSSMRA80A01H501U"
    assert valida_codice_fiscale("RSS MRA 80A01 H501U") == "RSSMRA80A01H501U"


def test_the_independent_check_letter_agrees_on_the_known_codes() -> None:
    for codice in KNOWN_GOOD:
        assert controllo_indipendente(codice[:15]) == codice[15]
        assert carattere_di_controllo(codice[:15]) == codice[15]


def test_an_omocodia_code_is_accepted_and_decodes_to_the_base_code() -> None:
    primi = "RSSMRA80A01H50M"  # the last digit, 1, replaced by M
    codice = primi + controllo_indipendente(primi)
    assert valida_codice_fiscale(codice) == codice
    assert senza_omocodia(codice)[:15] == "RSSMRA80A01H501"


@given(codici_validi())
def test_every_well_formed_code_is_accepted(codice: str) -> None:
    assert valida_codice_fiscale(codice) == codice
    assert valida_codice_fiscale(codice.lower()) == codice


@given(codici_validi(), st.data())
def test_any_single_character_change_is_refused(codice: str, data: st.DataObject) -> None:
    posizione = data.draw(st.integers(0, 15), label="posizione")
    alfabeto = string.ascii_uppercase + string.digits + "-./"
    nuovo = data.draw(
        st.sampled_from([c for c in alfabeto if c != codice[posizione]]), label="nuovo"
    )
    sbagliato = codice[:posizione] + nuovo + codice[posizione + 1 :]
    with pytest.raises(DatiNonValidiError):
        valida_codice_fiscale(sbagliato)


def test_a_wrong_check_letter_is_said_so() -> None:
    with pytest.raises(DatiNonValidiError) as rifiuto:
        valida_codice_fiscale("RSSMRA80A01H501V")
    assert rifiuto.value.messaggio == MESSAGGIO_CONTROLLO
    assert rifiuto.value.messaggio == (
        "Il carattere di controllo non corrisponde: controlla il codice fiscale"
    )
    assert rifiuto.value.codice == "dati_non_validi"


@pytest.mark.parametrize(
    ("codice", "parola"),
    [
        ("", "Indica"),
        ("RSSMRA80A01H501", "16 caratteri"),
        ("RSSMRA80A01H501UX", "16 caratteri"),
        ("RSSMRA80A01H501!", "solo lettere e cifre"),
        ("RSSMR080A01H501U", "primi sei"),
        ("RSSMRAX0A01H501U", "anno"),
        ("RSSMRA80F01H501U", "mese"),
        ("RSSMRA80A32H501U", "giorno"),
        ("RSSMRA80A00H501U", "giorno"),
        ("RSSMRA80A35H501U", "giorno"),
        ("RSSMRA80B30H501U", "giorno"),  # 30 February
        ("RSSMRA80A01Y501U", "comune"),
        ("RSSMRA80A01H5X1U", "comune"),
    ],
)
def test_the_message_says_what_is_wrong(codice: str, parola: str) -> None:
    with pytest.raises(DatiNonValidiError) as rifiuto:
        valida_codice_fiscale(codice)
    assert parola in rifiuto.value.messaggio


def test_women_add_forty_to_the_day() -> None:
    primi = "BNCGLI85M71H501"  # 31 August, a woman
    assert valida_codice_fiscale(primi + controllo_indipendente(primi))
    primi = "BNCGLI85M72H501"  # 32 is no day, for either sex
    with pytest.raises(DatiNonValidiError, match="giorno"):
        valida_codice_fiscale(primi + controllo_indipendente(primi))


def test_29_february_only_in_years_that_can_be_leap() -> None:
    bisestile = "RSSMRA84B29H501"
    assert valida_codice_fiscale(bisestile + controllo_indipendente(bisestile))
    non_bisestile = "RSSMRA83B29H501"
    with pytest.raises(DatiNonValidiError, match="giorno"):
        valida_codice_fiscale(non_bisestile + controllo_indipendente(non_bisestile))


def test_companies_numeric_code_uses_the_vat_check() -> None:
    assert valida_codice_fiscale("06363391001") == "06363391001"  # Agenzia delle Entrate
    with pytest.raises(DatiNonValidiError) as rifiuto:
        valida_codice_fiscale("06363391002")
    assert "codice fiscale" in rifiuto.value.messaggio
    assert "controllo" in rifiuto.value.messaggio


def test_a_person_code_is_required_where_only_a_person_fits() -> None:
    with pytest.raises(DatiNonValidiError, match="16 caratteri"):
        valida_persona_fisica("06363391001")
