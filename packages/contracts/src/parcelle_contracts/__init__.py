"""Message models and routing names: the only code Parcelle services share about each other."""

from parcelle_contracts.envelope import Command, Event, Message, Query, utcnow
from parcelle_contracts.ids import new_id
from parcelle_contracts.ping import Ping, PingReply

__all__ = ["Command", "Event", "Message", "Ping", "PingReply", "Query", "new_id", "utcnow"]
