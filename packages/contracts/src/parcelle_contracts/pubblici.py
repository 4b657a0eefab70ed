"""Public case-status events: the stable, versioned contract for external systems.

Published on the ``parcelle.public`` topic exchange with routing key
``pratica.<ordine>.<stato>``. Only what an integrator needs to follow a case: no names, no tax
codes, no amounts. Described in the AsyncAPI document the gateway serves.
"""

from typing import ClassVar

from pydantic import Field

from parcelle_contracts.envelope import Event, ExchangeRole
from parcelle_contracts.vocabolario import Stato


class PraticaStatoCambiato(Event):
    """A case changed status."""

    owner: ClassVar[str] = "istanze"
    name: ClassVar[str] = "pratica_stato_cambiato"

    pratica_id: str = Field(description="Stable id of the case (UUID).")
    codice: str = Field(description="Application code printed on the application.")
    protocollo: str | None = Field(description="Protocol number, once registered (2026/000123).")
    stato: Stato = Field(description="The new status.")
    stato_precedente: Stato | None = Field(description="The status before, if any.")

    def destination(self) -> tuple[ExchangeRole, str]:
        return "public", f"pratica.{self.ordine}.{self.stato}"
