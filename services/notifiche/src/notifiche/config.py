"""Settings of the `notifiche` service: ``PARCELLE_NOTIFICHE_*`` overrides ``PARCELLE_*``.

The servers here are the service's own: an Ordine that set no mail server of its own
(``ImpostazioniPosta``) sends through them. ``parcelle up`` points them at its local sink.
PEC goes through the simulated provider in development (``pec_trasporto``), through SMTP to
the Ordine's PEC provider in production."""

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field, SecretStr

from parcelle_kit.settings import Settings


class NotificheSettings(Settings):
    """Everything `notifiche` reads from the environment."""

    service_prefix: ClassVar[str] = "NOTIFICHE"

    smtp_host: str = Field(default="127.0.0.1", description="The service's own SMTP server.")
    smtp_port: int = Field(default=1025, ge=1, le=65535)
    smtp_username: str = Field(default="", description="Empty: no authentication.")
    smtp_password: SecretStr | None = None
    smtp_tls: Literal["auto", "starttls", "tls", "none"] = Field(
        default="auto", description="auto: STARTTLS when the server offers it."
    )
    pec_smtp_host: str = Field(
        default="", description="The service's own PEC provider's SMTP; empty: smtp_host."
    )
    pec_smtp_port: int | None = Field(default=None, ge=1, le=65535, description="Empty: smtp_port.")
    smtp_timeout: float = Field(default=30.0, gt=0, le=300, description="Seconds per SMTP step.")
    mittente: str = Field(
        default="notifiche@parcelle.invalid",
        description="From: of an Ordine that set no sender of its own.",
    )
    public_url: str = Field(
        default="http://127.0.0.1:8000", description="The gateway's address, for download links."
    )
    link_secret: SecretStr | None = Field(
        default=None,
        description="Key of the download links (shared with the gateway); empty: derived from "
        "the installation's secret key.",
    )
    impostazioni_timeout: float = Field(default=2.0, gt=0, le=30)
    impostazioni_pausa: float = Field(default=30.0, ge=0, le=3600)
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

    def link_key_secret(self) -> str:
        """The secret the download links are signed with."""
        return self.link_secret.get_secret_value() if self.link_secret else self.secret()

    @property
    def pec_simulata(self) -> bool:
        """Whether PEC goes through the development simulator."""
        if self.pec_trasporto is None:
            return self.env == "development"
        return self.pec_trasporto == "simulato"
