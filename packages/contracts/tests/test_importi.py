"""What the JSON Schema of an amount promises, the model accepts: every string the documented
pattern allows validates (schemathesis found that pydantic's own schema, any number or any
string, promised amounts that max_digits and decimal_places then refused); and the largest
amounts a lawyer may enter give totals that still fit (schemathesis found items whose totals
overflowed, and the service failed)."""

import re
from decimal import Decimal
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from parcelle_contracts.istanze import ContenutoIstanza, Totali, Voce


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


def test_the_largest_items_still_give_totals_that_fit() -> None:
    # The worst case: 50 items and the expenses at their largest, 15 % spese generali, then
    # CPA (4 %) and IVA (22 %), each step rounded to the cent, as the service computes them.
    massimo = Decimal("9999999999.99")
    cento = Decimal(100)
    compenso = massimo * 50
    spese_generali = (compenso * 15 / cento).quantize(Decimal("0.01"))
    cpa = ((compenso + spese_generali) * 4 / cento).quantize(Decimal("0.01"))
    iva = ((compenso + spese_generali + cpa) * 22 / cento).quantize(Decimal("0.01"))
    totale = compenso + spese_generali + cpa + iva + massimo
    totali = Totali(
        compenso=compenso,
        spese_generali=spese_generali,
        cpa=cpa,
        iva=iva,
        spese=massimo,
        totale=totale,
    )
    assert totali.totale == totale
    with pytest.raises(ValidationError):
        Voce.model_validate({"fase": "studio", "importo": "10000000000.00"})
