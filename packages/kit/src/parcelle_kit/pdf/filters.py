"""Jinja filters every document template gets: dates in Europe/Rome, money in euro, Italian style.

Times are stored as timezone-aware UTC and shown in Europe/Rome (CONVENTIONS.md); a naive
datetime is refused rather than guessed. Money is ``Decimal`` rounded half-up to the cent;
a float is refused, since it cannot hold an amount exactly.
"""

from collections.abc import Callable, Mapping
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Any
from zoneinfo import ZoneInfo

ROME = ZoneInfo("Europe/Rome")

MESI = (
    "gennaio",
    "febbraio",
    "marzo",
    "aprile",
    "maggio",
    "giugno",
    "luglio",
    "agosto",
    "settembre",
    "ottobre",
    "novembre",
    "dicembre",
)

CENT = Decimal("0.01")


def _giorno(value: date | datetime) -> date | datetime:
    """The calendar day as seen in Rome; dates pass unchanged."""
    if isinstance(value, datetime):
        if value.tzinfo is None or value.utcoffset() is None:
            raise ValueError(f"naive datetime {value.isoformat()}: times must carry a timezone")
        return value.astimezone(ROME)
    if isinstance(value, date):
        return value
    raise TypeError(f"expected a date or datetime, got {type(value).__name__}")


def data(value: date | datetime) -> str:
    """``12/03/2025``."""
    giorno = _giorno(value)
    return f"{giorno.day:02d}/{giorno.month:02d}/{giorno.year}"


def data_estesa(value: date | datetime) -> str:
    """``1 marzo 2025`` (the first of the month is not written ``1º`` in our documents)."""
    giorno = _giorno(value)
    return f"{giorno.day} {MESI[giorno.month - 1]} {giorno.year}"


def data_ora(value: datetime) -> str:
    """``12/03/2025 14:05`` in Europe/Rome; a date alone has no time and is refused."""
    if not isinstance(value, datetime):
        raise TypeError(f"expected a datetime, got {type(value).__name__}")
    ora = _giorno(value)
    assert isinstance(ora, datetime)  # _giorno keeps a datetime a datetime
    return f"{data(ora)} {ora.hour:02d}:{ora.minute:02d}"


def ora(value: datetime) -> str:
    """``14:05`` in Europe/Rome (a sentence says "ore 14:05 (ora di Roma)")."""
    return data_ora(value).rpartition(" ")[2]


def euro(value: Decimal | int) -> str:
    """``€ 1.234,50``: thousands with dots, cents with a comma, rounded half-up to the cent."""
    if isinstance(value, bool) or not isinstance(value, Decimal | int):
        raise TypeError(f"money must be a Decimal, got {type(value).__name__}")
    amount = Decimal(value).quantize(CENT, rounding=ROUND_HALF_UP)
    sign = "-" if amount < 0 else ""
    text = f"{abs(amount):,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return f"€ {sign}{text}"


FILTERS: Mapping[str, Callable[..., Any]] = {
    "data": data,
    "data_estesa": data_estesa,
    "data_ora": data_ora,
    "ora": ora,
    "euro": euro,
}
