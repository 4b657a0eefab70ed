"""The Jinja filters: Europe/Rome dates and euro amounts as written in Italian documents."""

from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelle_kit.pdf.filters import data, data_estesa, data_ora, euro, ora


def test_winter_and_summer_time_are_applied() -> None:
    assert data_ora(datetime(2025, 1, 15, 12, 0, tzinfo=UTC)) == "15/01/2025 13:00"
    assert data_ora(datetime(2025, 7, 15, 12, 0, tzinfo=UTC)) == "15/07/2025 14:00"


def test_day_is_the_day_in_rome_not_in_utc() -> None:
    late = datetime(2024, 12, 31, 23, 30, tzinfo=UTC)

    assert data(late) == "01/01/2025"
    assert data_estesa(late) == "1 gennaio 2025"


def test_other_offsets_are_converted_too() -> None:
    new_york = timezone(timedelta(hours=-5))

    assert data_ora(datetime(2025, 3, 1, 20, 15, tzinfo=new_york)) == "02/03/2025 02:15"


def test_plain_dates_are_printed_as_they_are() -> None:
    assert data(date(2008, 5, 4)) == "04/05/2008"
    assert data_estesa(date(2025, 8, 15)) == "15 agosto 2025"


def test_naive_datetimes_and_wrong_types_are_refused() -> None:
    with pytest.raises(ValueError, match="naive datetime"):
        data(datetime(2025, 3, 1, 12, 0))
    with pytest.raises(TypeError, match="expected a datetime"):
        data_ora(date(2025, 3, 1))  # type: ignore[arg-type]
    with pytest.raises(TypeError, match="date or datetime"):
        data("2025-03-01")  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("amount", "text"),
    [
        (Decimal("0"), "€ 0,00"),
        (Decimal("7.5"), "€ 7,50"),
        (Decimal("1234.5"), "€ 1.234,50"),
        (Decimal("1234567.891"), "€ 1.234.567,89"),
        (Decimal("0.005"), "€ 0,01"),  # half-up, not the banker's rounding of format()
        (Decimal("2.675"), "€ 2,68"),
        (Decimal("-1500.25"), "€ -1.500,25"),
        (150, "€ 150,00"),
    ],
)
def test_euro(amount: Decimal | int, text: str) -> None:
    assert euro(amount) == text


@pytest.mark.parametrize("amount", [12.5, True, "12,50", None])
def test_euro_refuses_anything_but_decimal_and_int(amount: object) -> None:
    with pytest.raises(TypeError, match="money must be a Decimal"):
        euro(amount)  # type: ignore[arg-type]


@given(st.decimals(min_value=-(10**9), max_value=10**9, allow_nan=False, places=2))
def test_euro_reads_back_to_the_same_cents(amount: Decimal) -> None:
    text = euro(amount).removeprefix("€ ")

    assert Decimal(text.replace(".", "").replace(",", ".")) == amount


def test_the_hour_alone_is_rome_time_for_a_sentence() -> None:
    # 23:05 UTC on 12 March is five past midnight on 13 March in Rome.
    quando = datetime(2026, 3, 12, 23, 5, tzinfo=UTC)
    assert (data_estesa(quando), ora(quando)) == ("13 marzo 2026", "00:05")
