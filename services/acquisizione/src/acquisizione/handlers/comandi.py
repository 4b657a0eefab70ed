"""The service's own command: not in the contracts, because nobody else sends it.

The acquisition answers the clerk at once and leaves the slow part (asking ``istanze`` for the
client's addresses, rendering the notice PDF, ordering its delivery) to this command, which
the acquisition's transaction stages in the outbox with the events: the notice is due exactly
when the case was acquired and has its relatore, and it cannot be lost in between.
"""

from typing import ClassVar

from pydantic import Field

from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import Command


class PreparaAvvio(Command):
    """Generate the notice of start of proceedings of a case and order its delivery."""

    owner: ClassVar[str] = "acquisizione"
    name: ClassVar[str] = "prepara_avvio"
    istanza_id: str
    attore: Attore = Field(
        description="The clerk whose action made the notice due; istanze is asked as them."
    )
