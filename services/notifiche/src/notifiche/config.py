"""Settings of the `notifiche` service: ``PARCELLE_NOTIFICHE_*`` overrides ``PARCELLE_*``."""

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field

from parcelle_kit.settings import Settings


class NotificheSettings(Settings):
    """Everything `notifiche` reads from the environment."""

    service_prefix: ClassVar[str] = "NOTIFICHE"

    # PEC receipts
    pec_trasporto: Literal["simulato", "smtp"] | None = Field(
        default=None,
        description="How PEC leaves: the development simulator (receipts marked SIMULAZIONE) "
        "or the Ordine's provider over SMTP. Unset: the simulator in development, SMTP in "
        "production (which refuses the simulator).",
    )
    pec_autorita: Path | None = Field(
        default=None,
        description="PEM bundle of the trusted PEC provider CAs: a receipt counts only if its "
        "signer chains to one. Unset in development: the simulator's own CA.",
    )
    pec_caselle: tuple[str, ...] = Field(
        default=(),
        description="Ordini whose PEC mailbox is read for receipts (over IMAP, as their "
        "settings say); in development the demo Ordine is added.",
    )
    pec_imap_intervallo: float = Field(
        default=60.0, gt=0, le=3600, description="Seconds between two readings of a mailbox."
    )
    pec_imap_tls: bool = Field(default=True, description="IMAP over TLS (off only in tests).")

    @property
    def pec_simulata(self) -> bool:
        """Whether PEC goes through the development simulator."""
        if self.pec_trasporto is None:
            return self.env == "development"
        return self.pec_trasporto == "simulato"
