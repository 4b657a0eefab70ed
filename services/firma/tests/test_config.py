"""Settings: revocation defaults per environment; production needs its own trust roots."""

import os
from pathlib import Path
from typing import Any

import pytest
from pydantic import SecretStr

from firma.config import FirmaSettings, SignerKind
from parcelle_kit.settings import ConfigurationError

PRODUCTION: dict[str, Any] = {
    "env": "production",
    "secret_key": "k" * 40,
    "amqp_url": "amqp://parcelle:s3cret@rabbitmq:5672/",
    "store": "mongodb",
    "mongo_url": "mongodb://mongodb:27017/?replicaSet=rs0",
    "blob": "s3",
    "s3_endpoint": "minio:9000",
    "s3_access_key": "access",
    "s3_secret_key": "secret-key-for-tests",
}


@pytest.fixture(autouse=True)
def _clean_environment(monkeypatch: pytest.MonkeyPatch) -> None:
    for key in list(os.environ):
        if key.startswith("PARCELLE_"):
            monkeypatch.delenv(key)


def test_development_defaults(tmp_path: Path) -> None:
    settings = FirmaSettings(var_dir=tmp_path)
    assert settings.effective_revocation_mode() == "soft-fail"
    assert settings.trust_roots_file() == tmp_path / "demo" / "ca.pem"
    assert settings.revocation_fetch


def test_production_needs_trust_roots_and_is_hard_fail(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="PARCELLE_FIRMA_TRUST_ROOTS"):
        FirmaSettings(**PRODUCTION)
    bundle = tmp_path / "trusted-list.pem"
    with pytest.raises(ConfigurationError, match="names no file"):
        FirmaSettings(**PRODUCTION, trust_roots=bundle)
    bundle.write_text("-----BEGIN CERTIFICATE-----\n")
    settings = FirmaSettings(**PRODUCTION, trust_roots=bundle)
    assert settings.effective_revocation_mode() == "hard-fail"
    assert settings.trust_roots_file() == bundle


def test_the_revocation_mode_setting_wins(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    bundle = tmp_path / "roots.pem"
    bundle.write_text("")
    monkeypatch.setenv("PARCELLE_FIRMA_REVOCATION_MODE", "require")
    monkeypatch.setenv("PARCELLE_FIRMA_TRUST_ROOTS", str(bundle))
    settings = FirmaSettings(**PRODUCTION)
    assert settings.effective_revocation_mode() == "require"
    assert settings.trust_roots == bundle


def test_production_refuses_the_demo_pki_as_the_ordine_s_signer(tmp_path: Path) -> None:
    bundle = tmp_path / "roots.pem"
    bundle.write_text("")
    demo_p12 = tmp_path / "var" / "demo" / "ordine.p12"
    with pytest.raises(ConfigurationError, match="demo PKI"):
        FirmaSettings(
            **PRODUCTION,
            var_dir=tmp_path / "var",
            trust_roots=bundle,
            signer="pkcs12",
            pkcs12_file=demo_p12,
            pkcs12_password=SecretStr("s3cret-password"),
        )
    settings = FirmaSettings(
        **PRODUCTION,
        var_dir=tmp_path / "var",
        trust_roots=bundle,
        signer="pkcs12",
        pkcs12_file=tmp_path / "keys" / "ordine.p12",
        pkcs12_password=SecretStr("s3cret-password"),
    )
    assert settings.signer_problems() == []


@pytest.mark.parametrize(
    ("signer", "missing"),
    [
        ("pkcs12", "PARCELLE_FIRMA_PKCS12_FILE"),
        ("pkcs11", "PARCELLE_FIRMA_PKCS11_PIN"),
        ("csc", "PARCELLE_FIRMA_CSC_TOKEN"),
    ],
)
def test_production_refuses_a_signer_without_its_settings(
    tmp_path: Path, signer: SignerKind, missing: str
) -> None:
    bundle = tmp_path / "roots.pem"
    bundle.write_text("")
    with pytest.raises(ConfigurationError, match=missing):
        FirmaSettings(**PRODUCTION, trust_roots=bundle, signer=signer, csc_url="https://csc")


def test_signer_secrets_come_from_the_environment(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("PARCELLE_FIRMA_SIGNER", "pkcs11")
    monkeypatch.setenv("PARCELLE_FIRMA_PKCS11_MODULE", "/usr/lib/softhsm/libsofthsm2.so")
    monkeypatch.setenv("PARCELLE_FIRMA_PKCS11_TOKEN", "ordine")
    monkeypatch.setenv("PARCELLE_FIRMA_PKCS11_KEY_LABEL", "firma")
    monkeypatch.setenv("PARCELLE_FIRMA_PKCS11_PIN", "1234")
    settings = FirmaSettings(var_dir=tmp_path)
    assert settings.signer_problems() == []
    assert settings.pkcs11_pin is not None
    assert "1234" not in repr(settings)  # a secret is never printed
