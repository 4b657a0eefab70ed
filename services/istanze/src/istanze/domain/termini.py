"""Procedural terms as Italian courts count them, for the art. 7 L. 49/2023 opposition period.

- The day of the event that starts a term is not counted (art. 155 c.1 c.p.c.); days are
  calendar days.
- Terms are suspended from 1 to 31 August of every year (L. 742/1969 art. 1, as amended by
  D.L. 132/2014): the days of August are not counted, and a term that would start in August
  starts on 1 September.
- A term that ends on a public holiday, or on a Saturday, moves to the next working day
  (art. 155 c.4-5 c.p.c.); within the August suspension that day is the first working day
  after it.
"""

from datetime import date, timedelta
from functools import cache
from typing import Final

OPPOSIZIONE_ART7_GIORNI: Final = 40
"""Days the debtor has to oppose an opinion issued under art. 7 L. 49/2023."""

_FESTE_FISSE: Final = (
    (1, 1),  # Capodanno
    (1, 6),  # Epifania
    (4, 25),  # Liberazione
    (5, 1),  # Festa del lavoro
    (6, 2),  # Festa della Repubblica
    (8, 15),  # Assunzione
    (11, 1),  # Ognissanti
    (12, 8),  # Immacolata Concezione
    (12, 25),  # Natale
    (12, 26),  # Santo Stefano
)
"""National public holidays on fixed dates (L. 260/1949 and later amendments)."""


def pasqua(anno: int) -> date:
    """Easter Sunday of ``anno`` (Gregorian calendar, anonymous algorithm of Meeus)."""
    a, b, c = anno % 19, anno // 100, anno % 100
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    ll = (32 + 2 * e + 2 * i - h - k) % 7
    m = (a + 11 * h + 22 * ll) // 451
    mese, giorno = divmod(h + ll - 7 * m + 114, 31)
    return date(anno, mese, giorno + 1)


@cache
def festivi(anno: int) -> frozenset[date]:
    """The national public holidays of ``anno``, Easter Monday included."""
    giorni = {date(anno, mese, giorno) for mese, giorno in _FESTE_FISSE}
    domenica = pasqua(anno)
    return frozenset(giorni | {domenica, domenica + timedelta(days=1)})


def lavorativo(giorno: date) -> bool:
    """Whether a term may end on ``giorno``: not a Saturday, a Sunday or a public holiday."""
    return giorno.weekday() < 5 and giorno not in festivi(giorno.year)


def sospeso(giorno: date) -> bool:
    """Whether ``giorno`` falls in the August suspension of terms."""
    return giorno.month == 8


def scadenza(dal: date, giorni: int) -> date:
    """The last day of a term of ``giorni`` days starting from the event of ``dal``."""
    if giorni < 1:
        raise ValueError("a term has at least one day")
    giorno, contati = dal, 0
    while contati < giorni:
        giorno += timedelta(days=1)
        if not sospeso(giorno):
            contati += 1
    while not lavorativo(giorno) or sospeso(giorno):
        giorno += timedelta(days=1)
    return giorno


def scadenza_opposizione(notificato_il: date) -> date:
    """The last day to oppose an art. 7 opinion served on ``notificato_il``."""
    return scadenza(notificato_il, OPPOSIZIONE_ART7_GIORNI)
