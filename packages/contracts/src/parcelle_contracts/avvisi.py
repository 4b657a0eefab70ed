"""How a lawyer wants to be told about their cases: by e-mail, by PEC, or both. ``istanze``
keeps the choice and follows it for every message it asks ``notifiche`` to send them; a lawyer
who never chose gets every channel they have an address for."""

from typing import ClassVar

from pydantic import Field

from parcelle_contracts.common import Attore, Model
from parcelle_contracts.envelope import Command, Query
from parcelle_contracts.vocabolario import CanalePosta


class Avvisi(Model):
    canali: list[CanalePosta] = Field(
        min_length=1, max_length=2, description="The channels chosen, at least one."
    )
    scelti: bool = Field(default=True, description="False: never chosen, every channel applies.")


class ImpostaAvvisi(Command):
    """The lawyer chooses the channels of their messages."""

    owner: ClassVar[str] = "istanze"
    name: ClassVar[str] = "imposta_avvisi"
    attore: Attore
    canali: list[CanalePosta] = Field(min_length=1, max_length=2)


class LeggiAvvisi(Query):
    """The lawyer's channels. Replies :class:`Avvisi`."""

    owner: ClassVar[str] = "istanze"
    name: ClassVar[str] = "leggi_avvisi"
    attore: Attore
