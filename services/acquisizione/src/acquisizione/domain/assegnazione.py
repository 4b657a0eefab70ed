"""The reporting councillors (relatori) and the automatic assignment rule.

An Ordine that assigns automatically gives each new case to the councillor with the fewest
open cases relative to their weight (a weight of 2 takes twice the cases of a weight of 1):
a round robin weighted by open cases. Ties go to whoever was assigned a case least recently
(never, first), then to the order of the Ordine's list, so the choice is always the same for
the same facts.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from fractions import Fraction
from typing import Final

AUTOMATICA: Final = "automatica"
"""Who assigned, when the rule did (the contracts' ``Assegnazione.da``)."""


@dataclass(frozen=True, kw_only=True)
class Relatore:
    """A councillor who may be responsible for cases, and their share of the work."""

    username: str
    nome: str
    peso: int = 1

    def __post_init__(self) -> None:
        if not self.username.strip():
            raise ValueError("a relatore needs a username")
        if isinstance(self.peso, bool) or self.peso < 1:
            raise ValueError(f"the weight of {self.username} must be a whole number >= 1")


@dataclass(frozen=True)
class Carico:
    """A councillor's open cases and when they were last given one."""

    aperte: int = 0
    ultima_assegnazione: datetime | None = None


NESSUN_CARICO: Final = Carico()


def scegli_relatore(relatori: Sequence[Relatore], carichi: Mapping[str, Carico]) -> Relatore | None:
    """The councillor the rule gives the next case to; None when there is none."""

    def chiave(posizione: int) -> tuple[Fraction, bool, datetime | None, int]:
        relatore = relatori[posizione]
        carico = carichi.get(relatore.username, NESSUN_CARICO)
        ultima = carico.ultima_assegnazione
        # Never assigned sorts before any time; exact fractions, so 1/3 ties 2/6.
        return Fraction(carico.aperte, relatore.peso), ultima is not None, ultima, posizione

    if not relatori:
        return None
    return relatori[min(range(len(relatori)), key=chiave)]
