"""Settings of the gateway: ``PARCELLE_GATEWAY_*`` overrides ``PARCELLE_*``."""

from pathlib import Path
from typing import ClassVar

from pydantic import Field, SecretStr

from parcelle_kit.settings import Settings


class GatewaySettings(Settings):
    """Everything the gateway reads from the environment."""

    service_prefix: ClassVar[str] = "GATEWAY"

    host: str = Field(default="127.0.0.1", description="Address the gateway listens on.")
    port: int = Field(default=8000, ge=1, le=65535, description="Port the gateway listens on.")
    readiness_timeout: float = Field(
        default=2.0, gt=0, description="Seconds each service has to answer the readiness ping."
    )
    query_timeout: float = Field(
        default=10.0, gt=0, description="Seconds a service has to answer a request before 503."
    )
    max_upload_mb: int = Field(
        default=100,
        ge=1,
        le=2048,
        description="Largest file the gateway accepts in one upload; each Ordine's own, "
        "smaller limits are enforced by the owning service.",
    )
    pec_chiavi_gestori: dict[str, SecretStr] = Field(
        default_factory=dict,
        description="Ordine -> the key its PEC provider sends (X-Chiave-Gestore-Pec) when it "
        "pushes receipts to POST /api/v1/pec/ricevute, as JSON; no key, no push.",
    )
    login_free_per_account: int = Field(
        default=5,
        ge=1,
        description="Failed logins on one account from one address before each further one "
        "makes the next attempt wait (1 s, doubling, at most 15 min).",
    )
    login_free_per_address: int = Field(
        default=30,
        ge=1,
        description="Failed logins from one address, over every account, before the waits start.",
    )
    trusted_proxies: frozenset[str] = Field(
        default=frozenset(),
        description="Addresses of the reverse proxies whose X-Forwarded-For is believed; "
        "from anyone else the header is ignored.",
    )
    scanner_per_second: int = Field(
        default=10, ge=1, description="Scans a second one scanner station may send."
    )
    link_secret: SecretStr | None = Field(
        default=None,
        description="Key of the documents' download links (shared with notifiche); empty: "
        "derived from the installation's secret key.",
    )
    posta_locale: Path | None = Field(
        default=None,
        description="Where the local SMTP sink of `parcelle up` keeps the mail it receives "
        "(development): the secretariat's page lists it. Empty: no such page.",
    )

    def link_key_secret(self) -> str:
        """The secret the download links are checked with."""
        return self.link_secret.get_secret_value() if self.link_secret else self.secret()
