"""Fixtures of the browser tests: the whole system, started by ``parcelle up``."""

from collections.abc import Iterator
from pathlib import Path

import pytest

from .aiuti import parcelle_up


@pytest.fixture
def sistema(tmp_path: Path, settings_env: dict[str, str]) -> Iterator[str]:
    """``parcelle up`` with its own ports and var dir; the gateway's address once ready."""
    with parcelle_up(tmp_path, settings_env) as base:
        yield base
