"""Dataclasses to stored documents and back: every supported type round-trips, and a document
this code did not write is refused with the path of what is wrong."""

import json
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta, timezone
from decimal import Decimal
from typing import Literal

import pytest

from parcelle_kit.store.codec import decode, encode


@dataclass(frozen=True)
class Voce:
    descrizione: str
    importo: Decimal


@dataclass(frozen=True)
class Fascicolo:
    numero: int
    urgente: bool
    stato: Literal["aperto", "chiuso"]
    aperto_il: datetime
    udienza: date | None
    voci: tuple[Voce, ...]
    nota: str | None = None


ROMA = timezone(timedelta(hours=1))
FASCICOLO = Fascicolo(
    numero=7,
    urgente=False,
    stato="aperto",
    aperto_il=datetime(2026, 3, 2, 10, 30, tzinfo=ROMA),
    udienza=date(2026, 4, 1),
    voci=(Voce("Studio", Decimal("1701.00")), Voce("Spese", Decimal("1E+2"))),
)


def test_round_trip_through_json() -> None:
    documento = json.loads(json.dumps(encode(FASCICOLO)))

    assert documento["aperto_il"] == "2026-03-02T09:30:00.000000+00:00"
    assert documento["voci"][1]["importo"] == "100"
    assert documento["udienza"] == "2026-04-01"
    letto = decode(Fascicolo, documento)
    assert letto == FASCICOLO
    assert letto.aperto_il.tzinfo == UTC


@pytest.mark.parametrize(
    ("modifica", "messaggio"),
    [
        ({"altro": 1}, "unknown fields"),
        ({"stato": "sospeso"}, "Fascicolo.stato"),
        ({"numero": True}, "int expected"),
        ({"aperto_il": "2026-03-02T09:30:00"}, "without its offset"),
        ({"voci": [{"descrizione": "x", "importo": "NaN"}]}, "Fascicolo.voci.0.importo"),
        ({"voci": {}}, "a list was expected"),
    ],
)
def test_what_this_code_did_not_write_is_refused(
    modifica: dict[str, object], messaggio: str
) -> None:
    with pytest.raises(ValueError, match=messaggio):
        decode(Fascicolo, {**encode(FASCICOLO), **modifica})


def test_a_missing_field_is_refused_unless_it_has_a_default() -> None:
    documento = encode(FASCICOLO)
    del documento["nota"]
    assert decode(Fascicolo, documento).nota is None
    del documento["numero"]
    with pytest.raises(ValueError, match="missing field 'numero'"):
        decode(Fascicolo, documento)


def test_naive_times_are_not_stored() -> None:
    with pytest.raises(ValueError, match="naive"):
        encode(Fascicolo(**{**FASCICOLO.__dict__, "aperto_il": datetime(2026, 3, 2)}))
