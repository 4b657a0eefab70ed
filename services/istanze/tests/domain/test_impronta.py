"""The canonical form behind the document fingerprint."""

from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal, localcontext

import pytest
from hypothesis import given
from hypothesis import strategies as st

from istanze.domain.impronta import canonico, fingerprint


@dataclass(frozen=True)
class _Esempio:
    importo: Decimal
    giorno: date
    quando: datetime
    voci: tuple[str, ...]


def test_the_canonical_form_is_plain_json_data() -> None:
    esempio = _Esempio(
        importo=Decimal("1701.00"),
        giorno=date(2024, 5, 1),
        quando=datetime(2026, 3, 2, 10, 30, tzinfo=timezone(timedelta(hours=1))),
        voci=("a", "b"),
    )
    assert canonico(esempio) == {
        "importo": "1701",
        "giorno": "2024-05-01",
        "quando": "2026-03-02T09:30:00+00:00",
        "voci": ["a", "b"],
    }


@given(st.decimals(min_value=-(10**12), max_value=10**12, places=2))
def test_an_amount_has_one_fingerprint_however_it_is_written(importo: Decimal) -> None:
    assert fingerprint({"x": importo}) == fingerprint({"x": importo.quantize(Decimal("0.0001"))})


def test_the_same_instant_in_any_zone_is_the_same_fingerprint() -> None:
    utc = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    roma = utc.astimezone(timezone(timedelta(hours=1)))
    assert fingerprint([utc]) == fingerprint([roma])


def test_the_callers_decimal_context_does_not_change_a_fingerprint() -> None:
    attesa = fingerprint([Decimal("123456789.12")])
    with localcontext() as contesto:
        contesto.prec = 3
        assert fingerprint([Decimal("123456789.12")]) == attesa


def test_key_order_does_not_matter_but_values_do() -> None:
    assert fingerprint({"a": 1, "b": 2}) == fingerprint({"b": 2, "a": 1})
    assert fingerprint({"a": 1}) != fingerprint({"a": 2})
    assert fingerprint({"a": None}) != fingerprint({"a": ""})


def test_what_cannot_be_fingerprinted_is_refused() -> None:
    with pytest.raises(TypeError):
        canonico(1.5)
    with pytest.raises(ValueError, match="naive"):
        canonico(datetime(2026, 3, 2, 9, 30))
