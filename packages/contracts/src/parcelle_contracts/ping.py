"""The ``ping`` query every service answers: the gateway's readiness check uses it."""

from typing import ClassVar

from pydantic import AwareDatetime, BaseModel, ConfigDict, Field

from parcelle_contracts.envelope import utcnow


class Ping(BaseModel):
    """Are you there? Sent by request/reply to ``<service>.query.ping``."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    name: ClassVar[str] = "ping"

    sent_at: AwareDatetime = Field(default_factory=utcnow, description="When the ping was sent.")


class PingReply(BaseModel):
    """What a service says about itself."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    service: str = Field(description="Service name, e.g. ``istanze``.")
    version: str = Field(description="Installed version of the service package.")
    stores: dict[str, str] = Field(
        description="Kind of each store the service uses, e.g. ``{'documenti': 'sqlite'}``."
    )
    ready: bool = Field(description="True when the service's own stores answer.")
