"""A message ready for the wire: what the outbox stores and the publisher sends."""

import json
from dataclasses import dataclass
from typing import Any

from parcelle_contracts.envelope import ExchangeRole, Message


def headers_of(message: Message) -> dict[str, str]:
    """AMQP headers for a message: what logs and operators need without parsing the body.

    The case's correlation id travels as a header because the AMQP correlation id property
    belongs to request/reply, which uses it to match a reply with its request.
    """
    return {
        "ordine": message.ordine,
        "correlation_id": message.correlation_id,
        "message_type": type(message).__name__,
        "schema_version": str(message.schema_version),
    }


@dataclass(frozen=True)
class Outgoing:
    """Body and AMQP properties of one message, independent of any broker object."""

    message_id: str
    correlation_id: str
    exchange: ExchangeRole
    routing_key: str
    body: str
    """The JSON body, serialised once so what is stored is byte for byte what is sent."""
    headers: dict[str, str]

    @classmethod
    def of(cls, message: Message) -> "Outgoing":
        exchange, routing_key = message.destination()
        return cls(
            message_id=message.message_id,
            correlation_id=message.correlation_id,
            exchange=exchange,
            routing_key=routing_key,
            body=message.model_dump_json(),
            headers=headers_of(message),
        )

    def to_document(self) -> dict[str, Any]:
        return {
            "_id": self.message_id,
            "correlation_id": self.correlation_id,
            "exchange": self.exchange,
            "routing_key": self.routing_key,
            "body": self.body,
            "headers": self.headers,
        }

    @classmethod
    def from_document(cls, document: dict[str, Any]) -> "Outgoing":
        return cls(
            message_id=document["_id"],
            correlation_id=document["correlation_id"],
            exchange=document["exchange"],
            routing_key=document["routing_key"],
            body=document["body"],
            headers=dict(document["headers"]),
        )

    def payload(self) -> dict[str, Any]:
        decoded: dict[str, Any] = json.loads(self.body)
        return decoded
