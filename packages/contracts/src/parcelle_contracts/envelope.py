"""The envelope every command and event carries, and the base classes of all messages.

A message is a frozen pydantic model; its fields and their descriptions become the AsyncAPI
document. The envelope fields come first; each message adds its own payload fields.
"""

from datetime import UTC, datetime
from typing import ClassVar, Literal, Self

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field, field_validator

from parcelle_contracts.ids import new_id

Kind = Literal["command", "event", "query"]
ExchangeRole = Literal["internal", "public"]


def utcnow() -> datetime:
    """The current time, timezone-aware, in UTC."""
    return datetime.now(UTC)


class Message(BaseModel):
    """Base of every bus message: the envelope fields and the routing key."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    owner: ClassVar[str]
    """The service that owns the message: publishes the event, or executes the command."""
    kind: ClassVar[Kind]
    name: ClassVar[str]
    """Snake-case name in the routing key, e.g. ``istanza_depositata``."""

    message_id: str = Field(
        default_factory=new_id,
        description="Unique id of this message (UUIDv7); stable across redeliveries.",
    )
    correlation_id: str = Field(
        description="Id shared by every message about the same case (pratica)."
    )
    causation_id: str | None = Field(
        default=None, description="message_id of the message that caused this one, if any."
    )
    occurred_at: AwareDatetime = Field(
        default_factory=utcnow, description="When the fact happened or the command was issued."
    )
    ordine: str = Field(
        min_length=1,
        max_length=32,
        description="Code of the Ordine (tenant) the message belongs to.",
    )
    schema_version: int = Field(default=1, ge=1, description="Version of this message's schema.")

    @field_validator("occurred_at")
    @classmethod
    def _in_utc(cls, value: datetime) -> datetime:
        return value.astimezone(UTC)

    @classmethod
    def routing_key(cls) -> str:
        """``<owner>.<command|event|query>.<name>``, the key on the internal topic exchange."""
        return f"{cls.owner}.{cls.kind}.{cls.name}"

    def destination(self) -> tuple[ExchangeRole, str]:
        """Where this message is published: the exchange and the routing key."""
        return "internal", self.routing_key()

    @classmethod
    def caused_by(cls, cause: "Message", **payload: object) -> Self:
        """Build a message caused by ``cause``: same case, same Ordine, causation recorded."""
        return cls.model_validate(
            {
                "correlation_id": cause.correlation_id,
                "causation_id": cause.message_id,
                "ordine": cause.ordine,
                **payload,
            }
        )


class Command(Message):
    """An imperative request to the owning service (``DepositaIstanza``)."""

    kind: ClassVar[Kind] = "command"


class Event(Message):
    """A fact published by its owning service (``IstanzaDepositata``)."""

    kind: ClassVar[Kind] = "event"


class Query(Message):
    """A question to the owning service, answered by request/reply; it changes nothing."""

    kind: ClassVar[Kind] = "query"
