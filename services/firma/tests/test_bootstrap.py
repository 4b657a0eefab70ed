"""The composition root: the demo PKI and demo signing exist in development only."""

from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from pydantic import SecretStr

from firma.bootstrap import build_dependencies, service
from firma.config import FirmaSettings
from parcelle_kit.service import Runtime
from parcelle_kit.settings import ConfigurationError

from .support import new_ca

Build = Callable[[FirmaSettings], Runtime[FirmaSettings]]


@pytest.fixture
def runtimes() -> Iterator[Build]:
    built: list[Runtime[FirmaSettings]] = []

    def build(settings: FirmaSettings) -> Runtime[FirmaSettings]:
        runtime = Runtime.build(service, settings)  # builds, connects nothing
        built.append(runtime)
        return runtime

    yield build
    for runtime in built:
        runtime.tracer_provider.shutdown()


async def test_development_creates_the_demo_pki_at_start_and_signs(
    tmp_path: Path, runtimes: Build
) -> None:
    runtime = runtimes(FirmaSettings(env="development", var_dir=tmp_path))
    assert not (tmp_path / "demo").exists()  # nothing happens while wiring
    await runtime.run_start_hooks()
    assert {p.name for p in (tmp_path / "demo").iterdir()} >= {
        "ca.pem",
        "avvocato.p12",
        "ordine.p12",
        "private",
    }
    assert build_dependencies(runtime).demo_signer is not None


def test_production_has_no_demo_pki_and_no_demo_signing(tmp_path: Path, runtimes: Build) -> None:
    roots = tmp_path / "trusted.pem"
    roots.write_bytes(new_ca("Trusted List Root").pem())
    settings = FirmaSettings(
        env="production",
        var_dir=tmp_path / "var",
        secret_key=SecretStr("s" * 40),
        amqp_url=SecretStr("amqp://parcelle:s3cret@127.0.0.1:5672/"),
        allow_embedded_stores=True,
        trust_roots=roots,
    )
    runtime = runtimes(settings)
    ports = build_dependencies(runtime)
    assert ports.demo_signer is None
    assert ports.document_signer is None  # no signer configured: signing is not available
    assert not (tmp_path / "var" / "demo").exists()


async def test_development_signs_as_the_demo_ordine_with_a_timestamp_authority_when_set(
    tmp_path: Path, runtimes: Build
) -> None:
    runtime = runtimes(
        FirmaSettings(env="development", var_dir=tmp_path, tsa_url="http://127.0.0.1:9/tsa")
    )
    signer = build_dependencies(runtime).document_signer
    assert signer is not None
    assert signer.marca_temporale


def test_a_signer_without_its_settings_does_not_start(tmp_path: Path, runtimes: Build) -> None:
    with pytest.raises(ConfigurationError, match="PARCELLE_FIRMA_CSC_URL"):
        runtimes(FirmaSettings(env="development", var_dir=tmp_path, signer="csc"))
