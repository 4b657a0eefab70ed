"""Italian amounts, dates and sizes: what the lawyer types is read, what we show is Italian."""

from datetime import UTC, date, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from gateway.web.formato import (
    ValoreNonValidoError,
    data_ora,
    dimensione,
    euro,
    importo_da_modificare,
    impronta_breve,
    leggi_data,
    leggi_importo,
    leggi_intero,
    percentuale,
)

NBSP = "\u00a0"


@pytest.mark.parametrize(
    ("testo", "atteso"),
    [
        ("1.701,00", "1701.00"),
        ("1701,00", "1701.00"),
        ("1701.00", "1701.00"),
        ("1701", "1701.00"),
        ("1.701", "1701.00"),
        ("1701,5", "1701.50"),
        ("1701.5", "1701.50"),
        ("0,99", "0.99"),
        ("€ 7.616,00", "7616.00"),
        (" 7 616,00 ", "7616.00"),
        ("1.234.567,89", "1234567.89"),
        ("1,234,567.89", "1234567.89"),
        ("0", "0.00"),
    ],
)
def test_amounts_are_read_the_italian_way_and_the_plain_way(testo: str, atteso: str) -> None:
    assert leggi_importo(testo) == Decimal(atteso)


@pytest.mark.parametrize("testo", ["", "   ", None])
def test_an_empty_amount_is_none(testo: str | None) -> None:
    assert leggi_importo(testo) is None


@pytest.mark.parametrize(
    "testo",
    ["abc", "1,2,3", "1.70.1", "12,345.6,7", "1701,001", "-5", "1.7011", "0.125", "1e3", "١٢"],
)
def test_unreadable_amounts_are_refused_in_italian(testo: str) -> None:
    with pytest.raises(ValoreNonValidoError) as errore:
        leggi_importo(testo)
    assert str(errore.value)[0].isupper()


@given(st.decimals(min_value=0, max_value=Decimal("999999999999.99"), places=2))
def test_what_we_show_in_a_field_reads_back_the_same(valore: Decimal) -> None:
    assert leggi_importo(importo_da_modificare(valore)) == valore
    assert leggi_importo(f"{valore:.2f}") == valore
    assert leggi_importo(f"{valore:.2f}".replace(".", ",")) == valore


def test_money_is_shown_the_italian_way() -> None:
    assert euro(Decimal("7616")) == f"€{NBSP}7.616,00"
    assert euro(Decimal("11112.66")) == f"€{NBSP}11.112,66"
    assert euro(Decimal("0.5")) == f"€{NBSP}0,50"
    assert euro(Decimal("1234567.891")) == f"€{NBSP}1.234.567,89"
    assert euro(None) == "—"
    assert percentuale(Decimal("15.00")) == "15"
    assert percentuale(Decimal("12.50")) == "12,5"


def test_times_are_shown_on_the_rome_clock() -> None:
    assert data_ora(datetime(2025, 1, 15, 23, 30, tzinfo=UTC)) == "16/01/2025 00:30"
    assert data_ora(datetime(2025, 7, 15, 22, 5, tzinfo=UTC)) == "16/07/2025 00:05"


def test_dates_are_read_from_date_fields_and_as_typed() -> None:
    assert leggi_data("2024-01-31") == date(2024, 1, 31)
    assert leggi_data("31/01/2024") == date(2024, 1, 31)
    assert leggi_data("1.2.2024") == date(2024, 2, 1)
    assert leggi_data("") is None
    for sbagliata in ("31/02/2024", "2024/31/01", "ieri"):
        with pytest.raises(ValoreNonValidoError):
            leggi_data(sbagliata)


def test_whole_numbers() -> None:
    assert leggi_intero(" 3 ") == 3
    assert leggi_intero("") is None
    with pytest.raises(ValoreNonValidoError):
        leggi_intero("due")


def test_sizes_and_fingerprints_for_people() -> None:
    assert dimensione(512) == "512 byte"
    assert dimensione(84 * 1024) == "84 KB"
    assert dimensione(2_516_582) == "2,4 MB"
    sha = "0123456789abcdef" * 4
    assert impronta_breve(sha) == "01234567…89abcdef"
