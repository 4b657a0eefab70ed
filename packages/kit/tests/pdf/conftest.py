"""Fixtures for the PDF render pool's tests.

``testdocs/`` holds two small packages laid out like a service's documents; it is put on
``sys.path`` before any pool starts, and the spawned workers inherit that path. The PDF
inspection tools come from ``parcelle_testing.pdf_tools``.
"""

from collections.abc import AsyncIterator, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from parcelle_kit.pdf import PdfRenderer

TESTDOCS_DIR = Path(__file__).parent / "testdocs"
TESTDOCS = "parcelle_pdf_testdocs"
BROKEN_DOCS = "parcelle_pdf_broken"


@pytest.fixture(scope="session")
def testdocs() -> Iterator[str]:
    """The test documents' package name, importable here and in spawned workers."""
    with pytest.MonkeyPatch.context() as patch:
        patch.syspath_prepend(str(TESTDOCS_DIR))
        yield TESTDOCS


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def renderer(testdocs: str) -> AsyncIterator[PdfRenderer]:
    """One warm pool shared by the tests that do not break it."""
    async with PdfRenderer([testdocs], workers=2) as pool:
        yield pool
