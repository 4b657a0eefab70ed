"""Money in messages: euro and cents, as decimal strings in JSON, with the JSON Schema that
says exactly what is accepted."""

from decimal import Decimal
from typing import Annotated

from pydantic import Field, WithJsonSchema

from parcelle_contracts.common import Model


def _schema_euro(cifre_intere: int) -> WithJsonSchema:
    """The JSON Schema of euro and cents with at most ``cifre_intere`` digits before the point.

    It says what is accepted: pydantic's own (any number, any string) promised amounts that
    max_digits and decimal_places then refuse. A JSON number is accepted too (with at most two
    decimals, which JSON Schema cannot say of a float).
    """
    return WithJsonSchema(
        {
            "anyOf": [
                {"type": "string", "pattern": rf"^[0-9]{{1,{cifre_intere}}}(\.[0-9]{{1,2}})?$"},
                {"type": "number", "minimum": 0, "maximum": float("9" * cifre_intere + ".99")},
            ],
            "description": "Euro and cents, preferably as a string: `1701.00`.",
            "examples": ["1701.00"],
        }
    )


Importo = Annotated[Decimal, Field(ge=0, max_digits=14, decimal_places=2), _schema_euro(12)]
"""Euro and cents, as a decimal string in JSON (``"1701.00"``)."""
ImportoRichiesto = Annotated[
    Decimal, Field(ge=0, max_digits=12, decimal_places=2), _schema_euro(10)
]
"""An amount the lawyer enters (an item, the expenses): at most ten digits of euro, so that
the totals computed from up to 50 of them, with spese generali, CPA and IVA, still fit an
:data:`Importo` (a larger item made the totals overflow and the request fail)."""


class Parametri(Model):
    """The DM 147/2022 range of a phase for the kind of proceeding and the value bracket."""

    minimo: Importo
    medio: Importo | None = Field(description="None for an indeterminable value.")
    massimo: Importo
