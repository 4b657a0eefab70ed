"""The envelope: ids, routing keys, causation, time zone, immutability."""

import uuid
from datetime import UTC, datetime, timedelta, timezone
from typing import ClassVar

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import ValidationError

from parcelle_contracts import Command, Event
from parcelle_contracts.ids import new_id, uuid7


class IstanzaDepositata(Event):
    owner: ClassVar[str] = "istanze"
    name: ClassVar[str] = "istanza_depositata"
    codice: str


class AcquisisciPratica(Command):
    owner: ClassVar[str] = "acquisizione"
    name: ClassVar[str] = "acquisisci_pratica"
    codice: str


def test_routing_keys_name_owner_kind_and_name() -> None:
    assert IstanzaDepositata.routing_key() == "istanze.event.istanza_depositata"
    assert AcquisisciPratica.routing_key() == "acquisizione.command.acquisisci_pratica"
    event = IstanzaDepositata(correlation_id="c", ordine="DEMO", codice="X")
    assert event.destination() == ("internal", "istanze.event.istanza_depositata")


def test_caused_by_keeps_the_case_and_records_the_cause() -> None:
    event = IstanzaDepositata(correlation_id="case-1", ordine="DEMO", codice="A1")
    command = AcquisisciPratica.caused_by(event, codice="A1")
    assert command.correlation_id == "case-1"
    assert command.causation_id == event.message_id
    assert command.ordine == "DEMO"
    assert command.message_id != event.message_id


def test_messages_are_frozen_and_refuse_unknown_fields() -> None:
    event = IstanzaDepositata(correlation_id="c", ordine="DEMO", codice="A")
    with pytest.raises(ValidationError):
        event.codice = "B"  # type: ignore[misc]
    with pytest.raises(ValidationError):
        IstanzaDepositata.model_validate(
            {"correlation_id": "c", "ordine": "DEMO", "codice": "A", "extra": 1}
        )


def test_occurred_at_is_stored_in_utc_and_must_be_aware() -> None:
    rome = timezone(timedelta(hours=1))
    event = IstanzaDepositata(
        correlation_id="c",
        ordine="DEMO",
        codice="A",
        occurred_at=datetime(2026, 1, 1, 12, tzinfo=rome),
    )
    assert event.occurred_at == datetime(2026, 1, 1, 11, tzinfo=UTC)
    assert event.occurred_at.utcoffset() == timedelta(0)
    with pytest.raises(ValidationError):
        IstanzaDepositata(
            correlation_id="c", ordine="DEMO", codice="A", occurred_at=datetime(2026, 1, 1)
        )


def test_json_round_trip_keeps_every_envelope_field() -> None:
    event = IstanzaDepositata(correlation_id="c", ordine="DEMO", codice="A", causation_id="x")
    assert IstanzaDepositata.model_validate_json(event.model_dump_json()) == event


def test_uuid7_has_version_and_variant_and_sorts_by_time() -> None:
    ids = [uuid7() for _ in range(200)]
    assert all(value.version == 7 and value.variant == uuid.RFC_4122 for value in ids)
    millis = [value.int >> 80 for value in ids]
    assert millis == sorted(millis)
    assert len({str(value) for value in ids}) == 200


@given(st.integers(min_value=1, max_value=50))
def test_new_ids_are_unique_canonical_strings(count: int) -> None:
    values = [new_id() for _ in range(count)]
    assert len(set(values)) == count
    assert all(str(uuid.UUID(value)) == value for value in values)
