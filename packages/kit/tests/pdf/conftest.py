"""Fixtures for the PDF render pool's tests.

``testdocs/`` holds two small packages laid out like a service's documents; it is put on
``sys.path`` before any pool starts, and the spawned workers inherit that path. The PDF
inspection tools are Debian's (``qpdf``, ``poppler-utils``): a test that needs one is skipped,
with the package to install named, when it is missing.
"""

import shutil
import subprocess
from collections.abc import AsyncIterator, Callable, Iterator
from pathlib import Path

import pytest
import pytest_asyncio

from parcelle_kit.pdf import PdfRenderer

TESTDOCS_DIR = Path(__file__).parent / "testdocs"
TESTDOCS = "parcelle_pdf_testdocs"
BROKEN_DOCS = "parcelle_pdf_broken"

Tool = Callable[..., str]


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


def _tool(command: str, package: str) -> Tool:
    executable = shutil.which(command)
    if executable is None:
        pytest.skip(f"{command} is not installed (Debian package {package})")

    def run(*arguments: str, stdin: bytes | None = None) -> str:
        completed = subprocess.run(
            [executable, *arguments],
            input=stdin,
            capture_output=True,
            check=False,
            timeout=60,
        )
        assert completed.returncode == 0, completed.stderr.decode(errors="replace")
        return completed.stdout.decode(errors="replace")

    return run


@pytest.fixture
def qpdf() -> Tool:
    return _tool("qpdf", "qpdf")


@pytest.fixture
def pdffonts() -> Tool:
    return _tool("pdffonts", "poppler-utils")


@pytest.fixture
def pdftotext() -> Tool:
    return _tool("pdftotext", "poppler-utils")


@pytest.fixture
def pdf_file(tmp_path: Path) -> Callable[[bytes], str]:
    """Write PDF bytes to a temporary file for a command-line tool; return its path."""

    def write(pdf: bytes) -> str:
        path = tmp_path / "documento.pdf"
        path.write_bytes(pdf)
        return str(path)

    return write
