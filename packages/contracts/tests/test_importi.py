"""What the JSON Schema of an amount promises, the model accepts: every string the documented
pattern allows validates (schemathesis found that pydantic's own schema, any number or any
string, promised amounts that max_digits and decimal_places then refused)."""

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelle_contracts.istanze import ContenutoIstanza, Voce


def pattern(schema: dict[str, Any]) -> str:
    (stringa,) = [branch for branch in schema["anyOf"] if branch["type"] == "string"]
    value: str = stringa["pattern"]
    return value


IMPORTO = pattern(Voce.model_json_schema()["properties"]["importo"])
PERCENTUALE = pattern(
    ContenutoIstanza.model_json_schema()["properties"]["spese_generali_percentuale"]
)


@given(st.from_regex(IMPORTO, fullmatch=True))
def test_every_documented_amount_is_accepted(importo: str) -> None:
    voce = Voce.model_validate({"fase": "studio", "importo": importo})
    assert voce.importo == Decimal(importo)


@given(st.from_regex(PERCENTUALE, fullmatch=True))
def test_every_documented_percentage_is_accepted(percentuale: str) -> None:
    contenuto = ContenutoIstanza.model_validate({"spese_generali_percentuale": percentuale})
    assert contenuto.spese_generali_percentuale == Decimal(percentuale)


@pytest.mark.parametrize("importo", ["1701.001", "-1", "1e3", "1234567890123.00", "1.", ""])
def test_what_the_pattern_refuses_is_not_an_amount(importo: str) -> None:
    assert re.fullmatch(IMPORTO, importo) is None


@pytest.mark.parametrize("percentuale", ["15.01", "16", "100", "-0.5"])
def test_the_percentage_pattern_stops_at_fifteen(percentuale: str) -> None:
    assert re.fullmatch(PERCENTUALE, percentuale) is None


def test_a_json_number_is_still_accepted() -> None:
    assert Voce.model_validate({"fase": "studio", "importo": 1701}).importo == Decimal("1701")
