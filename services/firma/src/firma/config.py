"""Settings of the `firma` service: ``PARCELLE_FIRMA_*`` overrides ``PARCELLE_*``."""

from pathlib import Path
from typing import ClassVar, Literal

from pydantic import Field, SecretStr

from parcelle_kit import demo
from parcelle_kit.settings import Settings

RevocationMode = Literal["soft-fail", "hard-fail", "require"]
SignerKind = Literal["pkcs12", "pkcs11", "csc"]


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

    signer: SignerKind | None = Field(
        default=None,
        description="Where the Ordine's signing key is: pkcs12 (a file), pkcs11 (a token or "
        "HSM), csc (a remote signing service, Cloud Signature Consortium API v2). Unset: in "
        "development the demo Ordine's var/demo/ordine.p12; in production no signing.",
    )
    pkcs12_file: Path | None = Field(
        default=None,
        description="signer=pkcs12: the PKCS#12 file with the Ordine's key and certificate "
        "chain. Never the demo PKI's in production.",
    )
    pkcs12_password: SecretStr | None = Field(
        default=None,
        description="signer=pkcs12: the file's password (secret: environment or secrets dir).",
    )
    pkcs11_module: Path | None = Field(
        default=None,
        description="signer=pkcs11: the token's PKCS#11 library, e.g. "
        "/usr/lib/softhsm/libsofthsm2.so.",
    )
    pkcs11_token: str | None = Field(default=None, description="signer=pkcs11: the token's label.")
    pkcs11_key_label: str | None = Field(
        default=None,
        description="signer=pkcs11: the label of the private key and of its certificate.",
    )
    pkcs11_pin: SecretStr | None = Field(
        default=None, description="signer=pkcs11: the user PIN (secret)."
    )
    csc_url: str | None = Field(
        default=None,
        description="signer=csc: the service's base URL, the part before /csc/v2/.",
    )
    csc_credential: str | None = Field(
        default=None,
        description="signer=csc: the credential ID; unset: the first credentials/list names.",
    )
    csc_token: SecretStr | None = Field(
        default=None,
        description="signer=csc: the OAuth 2.0 access token sent as Bearer (secret).",
    )
    csc_pin: SecretStr | None = Field(
        default=None,
        description="signer=csc: the PIN credentials/authorize asks for, if any (secret).",
    )
    csc_timeout: float = Field(
        default=30.0, gt=0, description="signer=csc: seconds each call may take."
    )
    tsa_url: str | None = Field(
        default=None,
        description="Timestamp authority (RFC 3161 over HTTP). Set: signatures are PAdES B-T "
        "by default, and B-LT / B-LTA may be asked for; unset: B-B.",
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
        problems.extend(self.signer_problems())
        return problems

    def signer_problems(self) -> list[str]:
        """What the signer settings miss; production also refuses the demo PKI."""
        missing: dict[str, dict[str, object]] = {
            "pkcs12": {"PKCS12_FILE": self.pkcs12_file},
            "pkcs11": {
                "PKCS11_MODULE": self.pkcs11_module,
                "PKCS11_TOKEN": self.pkcs11_token,
                "PKCS11_KEY_LABEL": self.pkcs11_key_label,
                "PKCS11_PIN": self.pkcs11_pin,
            },
            "csc": {"CSC_URL": self.csc_url, "CSC_TOKEN": self.csc_token},
        }
        problems: list[str] = []
        if self.signer is not None:
            problems.extend(
                f"PARCELLE_FIRMA_{name} is not set (PARCELLE_FIRMA_SIGNER={self.signer})"
                for name, value in missing[self.signer].items()
                if value is None
            )
        if self.env == "production" and self.signer == "pkcs12" and self.pkcs12_file:
            demo_directory = self.demo_directory().resolve()
            if self.pkcs12_file.resolve().is_relative_to(demo_directory):
                problems.append(
                    f"PARCELLE_FIRMA_PKCS12_FILE is the demo PKI's ({self.pkcs12_file}): "
                    "the demo Ordine's key never signs in production"
                )
            if self.pkcs12_password is None:
                problems.append("PARCELLE_FIRMA_PKCS12_PASSWORD is not set")
        return problems
