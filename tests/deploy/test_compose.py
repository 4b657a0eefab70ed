"""docker-compose.yml, as `docker compose config` resolves it: the production topology."""

import json
import os
import secrets
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

from parcelle_contracts.routing import SERVICES
from parcelle_kit.cli.processes import load_process
from parcelle_kit.service import ServiceDefinition
from parcelle_kit.settings import Settings

ROOT = Path(__file__).resolve().parents[2]
PLUGIN_DIR = ROOT / ".tools" / "docker"  # where scripts/compose-plugin.sh puts Compose v2
PARCELLE = (*SERVICES, "gateway")


def compose(*args: str, env: dict[str, str]) -> subprocess.CompletedProcess[str]:
    if shutil.which("docker") is None:
        pytest.skip("the docker client is not installed")
    if (PLUGIN_DIR / "cli-plugins" / "docker-compose").exists():
        env = {**env, "DOCKER_CONFIG": str(PLUGIN_DIR)}
    version = subprocess.run(
        ["docker", "compose", "version"], env=env, capture_output=True, text=True, check=False
    )
    if version.returncode != 0:
        pytest.skip("docker compose (v2) is not available: scripts/compose-plugin.sh installs it")
    return subprocess.run(
        ["docker", "compose", "--env-file", ".env.example", *args],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


@pytest.fixture(scope="module")
def strong_secret() -> str:
    return secrets.token_urlsafe(48)


@pytest.fixture(scope="module")
def config(strong_secret: str) -> dict[str, Any]:
    env = {**os.environ, "PARCELLE_SECRET_KEY": strong_secret}
    result = compose("config", "--format", "json", env=env)
    assert result.returncode == 0, result.stderr
    parsed: dict[str, Any] = json.loads(result.stdout)
    return parsed


def test_compose_holds_the_whole_production_topology(config: dict[str, Any]) -> None:
    infrastructure = {"rabbitmq", "mongodb", "minio", "mailpit", "jaeger"}
    assert set(config["services"]) == infrastructure | set(PARCELLE)


@pytest.mark.parametrize("name", PARCELLE)
def test_every_process_is_built_from_the_one_dockerfile_for_its_service(
    config: dict[str, Any], name: str
) -> None:
    service = config["services"][name]
    assert service["build"]["dockerfile"].endswith("deploy/Dockerfile")
    assert service["build"]["args"]["SERVICE"] == name
    assert service["image"].startswith(f"parcelle/{name}")


@pytest.mark.parametrize("name", PARCELLE)
def test_every_process_gets_a_production_configuration_the_settings_accept(
    config: dict[str, Any],
    name: str,
    strong_secret: str,
    monkeypatch: pytest.MonkeyPatch,
    tmp_path: Path,
) -> None:
    service = config["services"][name]
    environment = dict(service["environment"])
    assert ("PARCELLE_FIRMA_TRUST_ROOTS" in environment) == (name == "firma")
    if name == "firma":
        # The bundle is mounted into the container; here a stand-in file takes its place.
        mounted = {volume["target"] for volume in service["volumes"]}
        assert str(Path(environment["PARCELLE_FIRMA_TRUST_ROOTS"]).parent) in mounted
        (tmp_path / "roots.pem").write_text("placeholder")
        environment["PARCELLE_FIRMA_TRUST_ROOTS"] = str(tmp_path / "roots.pem")
    for key in list(os.environ):
        if key.startswith("PARCELLE_"):
            monkeypatch.delenv(key)
    for key, value in environment.items():
        monkeypatch.setenv(key, value)
    process = load_process(name)
    settings_cls = process.settings_cls if isinstance(process, ServiceDefinition) else Settings
    settings = settings_cls()
    assert settings.env == "production"
    assert settings.production_problems() == []
    assert settings.store == "mongodb"
    assert settings.blob == "s3"
    assert settings.mongo_url is not None
    assert "replicaSet=rs0" in settings.mongo_url.get_secret_value()
    assert settings.secret() == strong_secret
    assert environment["OTEL_EXPORTER_OTLP_ENDPOINT"].startswith("http://jaeger:4318")


def test_mongodb_is_a_single_node_replica_set_and_services_wait_for_health(
    config: dict[str, Any],
) -> None:
    services = config["services"]
    command = services["mongodb"]["command"]
    assert command[command.index("--replSet") + 1] == "rs0"
    for name in PARCELLE:
        depends = services[name]["depends_on"]
        for infrastructure in ("rabbitmq", "mongodb", "minio"):
            assert depends[infrastructure]["condition"] == "service_healthy", (name, infrastructure)
    # Jaeger's image has no shell or HTTP client to probe with; nothing waits on it either.
    for name in ("rabbitmq", "mongodb", "minio", "mailpit", "gateway"):
        assert services[name]["healthcheck"]["test"], name


def test_the_gateway_is_healthy_only_when_ready(config: dict[str, Any]) -> None:
    gateway = config["services"]["gateway"]
    assert "/readyz" in " ".join(gateway["healthcheck"]["test"])
    assert any(port["target"] == 8000 for port in gateway["ports"])
    assert gateway["environment"]["PARCELLE_GATEWAY_HOST"] == "0.0.0.0"


def test_compose_refuses_to_start_without_the_secret_key() -> None:
    env = {key: value for key, value in os.environ.items() if key != "PARCELLE_SECRET_KEY"}
    env["PARCELLE_SECRET_KEY"] = ""
    result = compose("config", "--quiet", env=env)
    assert result.returncode != 0
    assert "PARCELLE_SECRET_KEY" in result.stderr
