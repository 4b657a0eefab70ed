"""Settings shared by every process, read from the environment.

Each process reads ``PARCELLE_<SERVICE>_<NAME>`` first and ``PARCELLE_<NAME>`` second, so one
variable configures the whole installation and a prefixed one overrides it for one service
(``PARCELLE_ISTANZE_STORE=mongodb``). Secrets may also come from files in the directory named
by ``PARCELLE_SECRETS_DIR`` (a file per variable, as Docker and Kubernetes mount them).

In production a process refuses to start with a development secret, the broker's default
account, or an embedded store (unless explicitly allowed), and says why.
"""

import os
import secrets
from pathlib import Path
from typing import ClassVar, Literal, Self
from urllib.parse import urlsplit

from pydantic import Field, SecretStr, model_validator
from pydantic_settings import (
    BaseSettings,
    EnvSettingsSource,
    PydanticBaseSettingsSource,
    SecretsSettingsSource,
    SettingsConfigDict,
)

DEV_SECRET_PREFIX = "dev-"
WEAK_SECRETS = frozenset({"demo", "secret", "changeme", "change-me", "password", "minioadmin"})


class ConfigurationError(Exception):
    """The configuration cannot work; the message says what to change."""


class Settings(BaseSettings):
    """What every Parcelle process needs to know about its installation."""

    model_config = SettingsConfigDict(env_prefix="PARCELLE_", extra="ignore", frozen=True)
    service_prefix: ClassVar[str] = ""
    """Set by each service's settings class (``ISTANZE``) to read its own overrides."""

    env: Literal["development", "production"] = Field(
        default="development",
        description="development enables the demo helpers and embedded defaults; production "
        "requires real secrets and servers.",
    )
    amqp_url: SecretStr = Field(
        default=SecretStr("amqp://guest:guest@127.0.0.1:5672/"),
        description="RabbitMQ URL.",
    )
    bus_namespace: str = Field(
        default="parcelle",
        pattern=r"^[a-z][a-z0-9_-]{0,40}$",
        description="Prefix of every exchange and queue name; lets tests share one broker.",
    )
    delivery_limit: int = Field(
        default=5,
        ge=1,
        le=100,
        description="Redeliveries of a failing message before it is dead-lettered "
        "(RabbitMQ x-delivery-limit: a message is tried at most this many times plus one).",
    )
    retry_initial_seconds: float = Field(
        default=1.0,
        gt=0,
        description="First wait before a message that failed for a passing reason (a peer down, "
        "a timeout) is tried again; it doubles at each retry.",
    )
    retry_max_seconds: float = Field(
        default=300.0, gt=0, description="Longest wait between two retries."
    )
    retry_budget_seconds: float = Field(
        default=1800.0,
        ge=0,
        description="Total wait over all retries; then the message is dead-lettered.",
    )
    queue_expires_ms: int | None = Field(
        default=None,
        ge=1000,
        description="Delete queues unused for this long (tests only; never in production).",
    )
    var_dir: Path = Field(default=Path("var"), description="Where embedded stores keep files.")
    store: Literal["sqlite", "mongodb"] = Field(default="sqlite", description="Document store.")
    mongo_url: SecretStr | None = Field(default=None, description="MongoDB URL (store=mongodb).")
    mongo_database: str | None = Field(
        default=None, description="MongoDB database; default parcelle_<service>."
    )
    blob: Literal["filesystem", "s3"] = Field(default="filesystem", description="Blob store.")
    s3_endpoint: str | None = Field(default=None, description="S3 server host:port (blob=s3).")
    s3_access_key: SecretStr | None = Field(default=None, description="S3 access key.")
    s3_secret_key: SecretStr | None = Field(default=None, description="S3 secret key.")
    s3_bucket: str = Field(default="parcelle", description="S3 bucket; each service a prefix.")
    s3_secure: bool = Field(default=True, description="Use TLS towards the S3 server.")
    s3_region: str | None = Field(default=None, description="S3 region, if the server wants one.")
    secret_key: SecretStr | None = Field(
        default=None,
        description="Key for sessions and the check element of codes (32+ characters). In "
        "development a random one is generated once under var/.",
    )
    allow_embedded_stores: bool = Field(
        default=False, description="Let production run on SQLite and the filesystem."
    )
    log_level: str = Field(default="INFO", description="Lowest level logged.")
    log_format: Literal["auto", "json", "console"] = Field(
        default="auto", description="auto: console on a terminal, JSON otherwise."
    )
    graceful_timeout: float = Field(
        default=15.0, gt=0, description="Seconds to finish messages in flight on shutdown."
    )

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        sources: list[PydanticBaseSettingsSource] = [init_settings]
        if cls.service_prefix:
            sources.append(
                EnvSettingsSource(settings_cls, env_prefix=f"PARCELLE_{cls.service_prefix}_")
            )
        sources.append(env_settings)
        secrets_dir = os.environ.get("PARCELLE_SECRETS_DIR")
        if secrets_dir:
            sources.append(SecretsSettingsSource(settings_cls, secrets_dir=secrets_dir))
        return tuple(sources)

    @model_validator(mode="after")
    def _check_production(self) -> Self:
        if self.env == "production":
            problems = self.production_problems()
            if problems:
                raise ConfigurationError("refusing to start in production: " + "; ".join(problems))
        return self

    def production_problems(self) -> list[str]:
        """Why this configuration is not fit for production (empty when it is)."""
        problems = []
        key = self.secret_key.get_secret_value() if self.secret_key else ""
        if not key:
            problems.append("PARCELLE_SECRET_KEY is not set")
        elif key.startswith(DEV_SECRET_PREFIX) or key.lower() in WEAK_SECRETS or len(key) < 32:
            problems.append(
                "PARCELLE_SECRET_KEY is a development or weak secret (use 32+ random characters)"
            )
        amqp = urlsplit(self.amqp_url.get_secret_value())
        if (amqp.username or "guest") == "guest" and (amqp.password or "guest") == "guest":
            problems.append("PARCELLE_AMQP_URL uses RabbitMQ's default guest account")
        if not self.allow_embedded_stores:
            if self.store == "sqlite":
                problems.append(
                    "the document store is embedded SQLite (set PARCELLE_STORE=mongodb, or "
                    "PARCELLE_ALLOW_EMBEDDED_STORES=true to accept it)"
                )
            if self.blob == "filesystem":
                problems.append(
                    "the blob store is the local filesystem (set PARCELLE_BLOB=s3, or "
                    "PARCELLE_ALLOW_EMBEDDED_STORES=true to accept it)"
                )
        if self.store == "mongodb" and self.mongo_url is None:
            problems.append("PARCELLE_STORE=mongodb needs PARCELLE_MONGO_URL")
        if self.blob == "s3" and not (
            self.s3_endpoint and self.s3_access_key and self.s3_secret_key
        ):
            problems.append("PARCELLE_BLOB=s3 needs PARCELLE_S3_ENDPOINT, _ACCESS_KEY, _SECRET_KEY")
        return problems

    def secret(self) -> str:
        """The installation's secret key; in development, one generated once under var/."""
        if self.secret_key is not None:
            return self.secret_key.get_secret_value()
        if self.env == "production":  # pragma: no cover - the validator refuses this earlier
            raise ConfigurationError("PARCELLE_SECRET_KEY is not set")
        path = self.var_dir / "dev-secret-key"
        if not path.exists():
            path.parent.mkdir(parents=True, exist_ok=True)
            candidate = DEV_SECRET_PREFIX + secrets.token_urlsafe(32)
            try:
                with path.open("x", encoding="utf-8") as file:  # first process wins
                    file.write(candidate)
            except FileExistsError:
                pass
        return path.read_text(encoding="utf-8").strip()
