"""Protocol numbers: one register per Ordine and per calendar year, numbered from 1 with no gap.

A number reads ``2026/000123``: the year of the register, then the progressive number on six
digits (more once a year passes 999,999 cases, which no Ordine comes near). The year is the
calendar year in Rome, where the register is kept: a case acquired at 00:30 on 1 January
Italian time opens the new year's register even though it is still 31 December in UTC.

The progressive number comes from a counter incremented inside the transaction that records
the acquisition (``Transaction.next_value``), so a failed acquisition never consumes a number
and two concurrent ones never share one.
"""

import re
from dataclasses import dataclass
from datetime import datetime
from typing import Final

from acquisizione.domain import termini

CIFRE: Final = 6
_FORMA = re.compile(r"^(\d{4})/(\d{6,})$")


@dataclass(frozen=True, order=True)
class NumeroProtocollo:
    """A registered number; orders as the register does (year, then progressive)."""

    anno: int
    progressivo: int

    def __post_init__(self) -> None:
        if not 1000 <= self.anno <= 9999:
            raise ValueError(f"a register year has four digits, not {self.anno}")
        if self.progressivo < 1:
            raise ValueError("protocol numbers start from 1")

    def __str__(self) -> str:
        return f"{self.anno:04d}/{self.progressivo:0{CIFRE}d}"

    @classmethod
    def leggi(cls, testo: str) -> "NumeroProtocollo":
        """The number written as ``2026/000123``; ``ValueError`` for anything else."""
        forma = _FORMA.match(testo)
        if forma is None:
            raise ValueError(f"not a protocol number: {testo!r}")
        return cls(int(forma.group(1)), int(forma.group(2)))


def anno_del_registro(ora: datetime) -> int:
    """The register's year for an acquisition at ``ora`` (calendar year in Rome)."""
    return termini.giorno(ora).year


def contatore(ordine: str, anno: int) -> str:
    """The name of the store counter behind ``ordine``'s register of ``anno``."""
    return f"protocollo/{ordine}/{anno:04d}"
