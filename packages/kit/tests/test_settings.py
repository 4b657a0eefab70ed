"""Settings: the two prefixes, secrets from files, and the production guard."""

from pathlib import Path
from typing import ClassVar

import pytest

from parcelle_kit.settings import ConfigurationError, Settings

STRONG = "k" * 16 + "Q7v9-x2LmN0pR4sT"


class IstanzeSettings(Settings):
    service_prefix: ClassVar[str] = "ISTANZE"


@pytest.fixture(autouse=True)
def clean_env(monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    for key in list(os.environ):
        if key.startswith("PARCELLE_"):
            monkeypatch.delenv(key)


def production(monkeypatch: pytest.MonkeyPatch, **values: str) -> None:
    base = {
        "PARCELLE_ENV": "production",
        "PARCELLE_SECRET_KEY": STRONG,
        "PARCELLE_AMQP_URL": "amqp://parcelle:s3cret@rabbit:5672/",
        "PARCELLE_STORE": "mongodb",
        "PARCELLE_MONGO_URL": "mongodb://mongo:27017/?replicaSet=rs0",
        "PARCELLE_BLOB": "s3",
        "PARCELLE_S3_ENDPOINT": "minio:9000",
        "PARCELLE_S3_ACCESS_KEY": "parcelle",
        "PARCELLE_S3_SECRET_KEY": "another-long-secret",
    }
    base.update(values)
    for key, value in base.items():
        monkeypatch.setenv(key, value)


def test_a_service_prefix_overrides_the_common_one(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PARCELLE_STORE", "mongodb")
    monkeypatch.setenv("PARCELLE_MONGO_URL", "mongodb://x")
    monkeypatch.setenv("PARCELLE_ISTANZE_STORE", "sqlite")
    assert IstanzeSettings().store == "sqlite"
    assert Settings().store == "mongodb"


def test_secrets_can_come_from_files(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    (tmp_path / "PARCELLE_SECRET_KEY").write_text(STRONG)
    monkeypatch.setenv("PARCELLE_SECRETS_DIR", str(tmp_path))
    assert Settings().secret() == STRONG


def test_a_complete_production_configuration_starts(monkeypatch: pytest.MonkeyPatch) -> None:
    production(monkeypatch)
    assert Settings().production_problems() == []


@pytest.mark.parametrize(
    ("variable", "value", "reason"),
    [
        ("PARCELLE_SECRET_KEY", "", "PARCELLE_SECRET_KEY is not set"),
        ("PARCELLE_SECRET_KEY", "dev-" + "x" * 40, "development or weak secret"),
        ("PARCELLE_SECRET_KEY", "demo", "development or weak secret"),
        ("PARCELLE_SECRET_KEY", "short-but-random-9", "development or weak secret"),
        ("PARCELLE_AMQP_URL", "amqp://guest:guest@rabbit:5672/", "default guest account"),
        ("PARCELLE_STORE", "sqlite", "document store is embedded SQLite"),
        ("PARCELLE_BLOB", "filesystem", "blob store is the local filesystem"),
    ],
)
def test_production_refuses_development_settings_and_says_why(
    monkeypatch: pytest.MonkeyPatch, variable: str, value: str, reason: str
) -> None:
    production(monkeypatch, **{variable: value})
    with pytest.raises(ConfigurationError, match="refusing to start in production") as refused:
        Settings()
    assert reason in str(refused.value)


def test_production_may_accept_embedded_stores_explicitly(monkeypatch: pytest.MonkeyPatch) -> None:
    production(
        monkeypatch,
        PARCELLE_STORE="sqlite",
        PARCELLE_BLOB="filesystem",
        PARCELLE_ALLOW_EMBEDDED_STORES="true",
    )
    assert Settings().store == "sqlite"


def test_development_generates_one_secret_and_keeps_it(tmp_path: Path) -> None:
    first = Settings(var_dir=tmp_path).secret()
    second = Settings(var_dir=tmp_path).secret()
    assert first == second
    assert first.startswith("dev-")
    assert len(first) > 32
    assert Settings(var_dir=tmp_path / "other").secret() != first
