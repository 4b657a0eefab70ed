"""Fixtures for the documents' tests: one warm render pool, the PDFs it made, and the Debian
tools that read them (``qpdf``, ``poppler-utils``); a test that needs a missing tool is
skipped with the package to install named.
"""

import shutil
import subprocess
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import PIL.Image
import pytest
import pytest_asyncio
import zxingcpp

from istanze.adapters.documenti import PACKAGE, DocumentiIstanza, FileFirmato
from parcelle_kit.pdf import PdfRenderer

from . import campione

Tool = Callable[..., str]


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def documenti() -> AsyncIterator[DocumentiIstanza]:
    """The service's documents on one warm pool, started and closed like the service does."""
    async with PdfRenderer([PACKAGE], workers=2) as renderer:
        yield DocumentiIstanza(renderer)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def pdf_istanza(documenti: DocumentiIstanza) -> bytes:
    """The sample application, as the lawyer downloads it to sign."""
    return await documenti.istanza(
        campione.istanza(), ordine_nome=campione.ORDINE_NOME, generata_il=campione.GENERATA_IL
    )


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def pdf_ricevuta(documenti: DocumentiIstanza) -> bytes:
    """The receipt of the sample application deposited with a PAdES signature."""
    return await documenti.ricevuta(
        campione.istanza(),
        ordine_nome=campione.ORDINE_NOME,
        depositata_il=campione.DEPOSITATA_IL,
        generata_il=campione.DEPOSITATA_IL,
        firma=campione.FIRMA_PADES,
        file_firmato=FileFirmato("istanza_firmata.pdf", campione.FIRMA_PADES.sha256 or "", 212_345),
    )


def _tool(command: str, package: str) -> Tool:
    executable = shutil.which(command)
    if executable is None:
        pytest.skip(f"{command} is not installed (Debian package {package})")

    def run(*arguments: str) -> str:
        completed = subprocess.run(
            [executable, *arguments], capture_output=True, check=False, timeout=60
        )
        assert completed.returncode == 0, completed.stderr.decode(errors="replace")
        return completed.stdout.decode(errors="replace")

    return run


@pytest.fixture
def qpdf() -> Tool:
    return _tool("qpdf", "qpdf")


@pytest.fixture
def pdfinfo() -> Tool:
    return _tool("pdfinfo", "poppler-utils")


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


@pytest.fixture
def testo(pdftotext: Tool, pdf_file: Callable[[bytes], str]) -> Callable[[bytes], str]:
    """The text of a PDF in reading order, whitespace folded to single spaces."""

    def read(pdf: bytes) -> str:
        return " ".join(pdftotext("-layout", pdf_file(pdf), "-").split())

    return read


@pytest.fixture
def codici_2d(
    tmp_path: Path, pdf_file: Callable[[bytes], str]
) -> Callable[[bytes], list[tuple[str, str]]]:
    """(format, text) of each 2D code a real decoder reads on the first page at 150 dpi."""
    pdftoppm = _tool("pdftoppm", "poppler-utils")

    def read(pdf: bytes) -> list[tuple[str, str]]:
        # 150 dpi is what a cheap office scanner or a phone photo gives: if zxing reads the
        # code there, a handheld scanner reads it from paper.
        prefix = tmp_path / "pagina"
        page = ("-f", "1", "-l", "1", "-singlefile")
        pdftoppm("-r", "150", "-png", *page, pdf_file(pdf), str(prefix))
        with PIL.Image.open(prefix.with_suffix(".png")) as image:
            return [(result.format.name, result.text) for result in zxingcpp.read_barcodes(image)]

    return read
