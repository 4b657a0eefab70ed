"""The legal deadline of the procedure and its suspensions.

The term runs in calendar days from the day of acquisition, in Rome (the day of acquisition
itself is not counted: "dies a quo non computatur"), so a 90-day term from an acquisition on
2 March ends on 31 May. While the term is suspended (a request for integrations pending,
L. 241/1990 art. 2 c. 7; a conciliation attempt) it stops, and the deadline moves on by the
days of suspension. A suspension covers the days from its first (included) to its end
(excluded); one still open counts up to today, so the days left stay the same while it lasts.
Overlapping suspensions count once. How long one may last is the business of whoever starts
it (the review service), not of the arithmetic.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Final, Literal
from zoneinfo import ZoneInfo

ROMA: Final = ZoneInfo("Europe/Rome")

StatoTermine = Literal["in_corso", "vicino", "scaduto"]


@dataclass(frozen=True, kw_only=True)
class Sospensione:
    """An interval during which the term does not run; ``al`` is None while it lasts."""

    dal: datetime
    al: datetime | None = None
    motivo: str = ""

    def __post_init__(self) -> None:
        for ora in (self.dal, self.al):
            if ora is not None and ora.utcoffset() is None:
                raise ValueError("times must be timezone-aware")
        if self.al is not None and self.al < self.dal:
            raise ValueError("a suspension cannot end before it starts")


def giorno(ora: datetime) -> date:
    """The calendar day of ``ora`` in Rome."""
    if ora.utcoffset() is None:
        raise ValueError("times must be timezone-aware")
    return ora.astimezone(ROMA).date()


def giorni_sospesi(sospensioni: Iterable[Sospensione], *, da: date, oggi: date) -> int:
    """Days on or after ``da`` covered by at least one suspension (open ones up to ``oggi``)."""
    intervalli = sorted(
        (max(giorno(s.dal), da), giorno(s.al) if s.al is not None else max(oggi, giorno(s.dal)))
        for s in sospensioni
    )
    totale = 0
    fine_coperta = da
    for inizio, fine in intervalli:
        inizio = max(inizio, fine_coperta)
        if fine > inizio:
            totale += (fine - inizio).days
            fine_coperta = fine
    return totale


def scadenza(
    acquisita_il: datetime,
    giorni: int,
    sospensioni: Iterable[Sospensione] = (),
    *,
    oggi: date,
) -> date:
    """The last day of the procedure: ``giorni`` after the day of acquisition, plus the days
    suspended."""
    if giorni < 1:
        raise ValueError("a term has at least one day")
    inizio = giorno(acquisita_il)
    return inizio + timedelta(days=giorni + giorni_sospesi(sospensioni, da=inizio, oggi=oggi))


def fine_del_giorno(giorno: date) -> datetime:
    """The last instant of ``giorno`` in Rome, in UTC: what "by that day" means."""
    return datetime.combine(giorno, time(23, 59, 59), tzinfo=ROMA).astimezone(UTC)


def stato_termine(scadenza: date, *, oggi: date, preavviso: int) -> StatoTermine:
    """``scaduto`` after the last day, ``vicino`` within ``preavviso`` days of it."""
    if preavviso < 0:
        raise ValueError("the warning period cannot be negative")
    mancano = (scadenza - oggi).days
    if mancano < 0:
        return "scaduto"
    return "vicino" if mancano <= preavviso else "in_corso"
