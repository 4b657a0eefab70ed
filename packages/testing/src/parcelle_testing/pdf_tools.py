"""Pytest fixtures for looking at PDFs the way their readers do: Debian's ``qpdf`` and
``poppler-utils``, and a real 2D-code decoder. A test that needs a missing tool is skipped with
the Debian package to install named (``make test`` installs them)."""

import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

Tool = Callable[..., str]


def tool(command: str, package: str) -> Tool:
    """Run ``command`` with arguments; its stdout, or a failed assertion with its stderr."""
    executable = shutil.which(command)
    if executable is None:
        pytest.skip(f"{command} is not installed (Debian package {package})")

    def run(*arguments: str, stdin: bytes | None = None) -> str:
        completed = subprocess.run(
            [executable, *arguments], input=stdin, capture_output=True, check=False, timeout=60
        )
        assert completed.returncode == 0, completed.stderr.decode(errors="replace")
        return completed.stdout.decode(errors="replace")

    return run


@pytest.fixture
def qpdf() -> Tool:
    return tool("qpdf", "qpdf")


@pytest.fixture
def pdffonts() -> Tool:
    return tool("pdffonts", "poppler-utils")


@pytest.fixture
def pdfinfo() -> Tool:
    return tool("pdfinfo", "poppler-utils")


@pytest.fixture
def pdftotext() -> Tool:
    return tool("pdftotext", "poppler-utils")


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
    # Test-only libraries: imported here so that the kit never needs them at run time.
    import PIL.Image
    import zxingcpp

    pdftoppm = tool("pdftoppm", "poppler-utils")

    def read(pdf: bytes) -> list[tuple[str, str]]:
        # 150 dpi is what a cheap office scanner or a phone photo gives: if zxing reads the
        # code there, a handheld scanner reads it from paper.
        prefix = tmp_path / "pagina"
        page = ("-f", "1", "-l", "1", "-singlefile")
        pdftoppm("-r", "150", "-png", *page, pdf_file(pdf), str(prefix))
        with PIL.Image.open(prefix.with_suffix(".png")) as image:
            return [(result.format.name, result.text) for result in zxingcpp.read_barcodes(image)]

    return read


def pdfsig(pdf: bytes, ca_pem: bytes, directory: Path) -> str:
    """What poppler's pdfsig says with only ``ca_pem`` trusted (a temporary NSS database)."""
    certutil, pdfsig_ = shutil.which("certutil"), shutil.which("pdfsig")
    if certutil is None or pdfsig_ is None:
        pytest.fail("certutil and pdfsig are missing: install scripts/system-packages.txt")
    nss = directory / "nss"
    nss.mkdir()
    database = f"sql:{nss}"
    subprocess.run([certutil, "-N", "-d", database, "--empty-password"], check=True)
    (nss / "ca.pem").write_bytes(ca_pem)
    subprocess.run(
        [certutil, "-A", "-d", database, "-n", "ca", "-t", "CT,C,C", "-i", str(nss / "ca.pem")],
        check=True,
    )
    path = directory / "provvedimento.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        [pdfsig_, "-nssdir", database, str(path)], capture_output=True, text=True, timeout=60
    )
    return done.stdout + done.stderr
