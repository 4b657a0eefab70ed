"""A probe event for tests of the bus: consumers count how often its effect happened."""

from typing import ClassVar

from parcelle_contracts import Event


class FattoAvvenuto(Event):
    """Something happened; consumers count it."""

    owner: ClassVar[str] = "probe"
    name: ClassVar[str] = "fatto_avvenuto"
    numero: int
