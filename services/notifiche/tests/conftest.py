"""Fixtures of the `notifiche` tests: the receipts' side over the test's own stores and PKI."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from .pec import Banco, banco


@pytest.fixture
async def pec(tmp_path: Path) -> AsyncIterator[Banco]:
    async with banco(tmp_path) as b:
        yield b
