"""Settings of the `firma` service: ``PARCELLE_FIRMA_*`` overrides ``PARCELLE_*``."""

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field

from parcelle_kit import demo
from parcelle_kit.settings import Settings

RevocationMode = Literal["soft-fail", "hard-fail", "require"]


class FirmaSettings(Settings):
    """Everything `firma` reads from the environment."""

    service_prefix: ClassVar[str] = "FIRMA"

    trust_roots: Path | None = Field(
        default=None,
        description="PEM bundle of the root certificates trusted for signers and timestamp "
        "authorities (e.g. the EU/Italian trusted list exported as PEM). Required in "
        "production; in development it defaults to the demo PKI's var/demo/ca.pem.",
    )
    revocation_mode: RevocationMode | None = Field(
        default=None,
        description="Revocation checking: soft-fail (revocation information that cannot be "
        "found or fetched is ignored), hard-fail (a certificate that names a CRL or OCSP "
        "responder that cannot be checked is refused; certificates naming none are "
        "accepted), require (every certificate of the chain must have revocation "
        "information). Default: soft-fail in development, hard-fail in production.",
    )
    revocation_fetch: bool = Field(
        default=True,
        description="Fetch the CRLs and OCSP responses that certificates point to over "
        "HTTP. With false only revocation information embedded in the signature is used.",
    )
    revocation_timeout: float = Field(
        default=10.0,
        gt=0,
        description="Seconds each CRL, OCSP or certificate download may take.",
    )
    max_file_size: int = Field(
        default=64 * 1024 * 1024,
        ge=1024,
        description="Largest signed file accepted for verification or demo signing, in bytes.",
    )

    def effective_revocation_mode(self) -> RevocationMode:
        """The revocation mode in force: the setting, or the environment's default."""
        if self.revocation_mode is not None:
            return self.revocation_mode
        return "hard-fail" if self.env == "production" else "soft-fail"

    def demo_directory(self) -> Path:
        """Where the demo PKI lives (development only)."""
        return demo.directory(self.var_dir)

    def trust_roots_file(self) -> Path:
        """The PEM bundle of trust roots in force: the setting, else the demo CA."""
        if self.trust_roots is not None:
            return self.trust_roots
        return self.demo_directory() / "ca.pem"

    def production_problems(self) -> list[str]:
        problems = super().production_problems()
        if self.trust_roots is None:
            problems.append(
                "PARCELLE_FIRMA_TRUST_ROOTS is not set (a PEM bundle of trusted roots; the "
                "demo PKI is never trusted in production)"
            )
        elif not self.trust_roots.is_file():
            problems.append(f"PARCELLE_FIRMA_TRUST_ROOTS names no file: {self.trust_roots}")
        return problems
