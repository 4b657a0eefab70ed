"""Fixtures of the gateway's tests: settings that need no broker, the application built with
fakes of the bus and of the services (web/), and the real wiring for the one test that starts
it on RabbitMQ (test_bootstrap.py)."""

from pathlib import Path

import pytest

from gateway.config import GatewaySettings


@pytest.fixture
def gateway_settings(tmp_path: Path) -> GatewaySettings:
    """Development settings on a var dir of the test's own, embedded stores, no broker used."""
    return GatewaySettings(
        env="development",
        var_dir=tmp_path / "var",
        store="sqlite",
        blob="filesystem",
        log_format="json",
        readiness_timeout=0.5,
    )
