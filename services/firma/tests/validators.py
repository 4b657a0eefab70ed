"""Independent validators of a signed PDF, as the order's recipients would run them: poppler's
``pdfsig`` with a temporary NSS trust store, and pyhanko's validator."""

import io
import shutil
import subprocess
from pathlib import Path

import pytest
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign.validation import async_validate_pdf_signature
from pyhanko.sign.validation.status import PdfSignatureStatus
from pyhanko_certvalidator import ValidationContext


def require(tool: str) -> str:
    """The tool's path; its absence is a failure, not a skip (scripts/system-packages.txt)."""
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: install scripts/system-packages.txt")
    return path


def nss_database(directory: Path, ca_pem: bytes) -> str:
    """An NSS database in ``directory`` trusting ``ca_pem`` for signing; its pdfsig name."""
    certutil = require("certutil")
    directory.mkdir(parents=True, exist_ok=True)
    database = f"sql:{directory}"
    subprocess.run([certutil, "-N", "-d", database, "--empty-password"], check=True)
    ca = directory / "ca.pem"
    ca.write_bytes(ca_pem)
    subprocess.run(
        [certutil, "-A", "-d", database, "-n", "ordine-ca", "-t", "CT,C,C", "-i", str(ca)],
        check=True,
    )
    return database


def pdfsig(pdf: bytes, database: str, directory: Path) -> str:
    """What pdfsig says about every signature of ``pdf``."""
    path = directory / "firmato.pdf"
    path.write_bytes(pdf)
    done = subprocess.run(
        [require("pdfsig"), "-nssdir", database, str(path)],
        capture_output=True,
        text=True,
        check=False,
        timeout=60,
    )
    return done.stdout + done.stderr


async def pyhanko_status(pdf: bytes, roots: list[asn1_x509.Certificate]) -> PdfSignatureStatus:
    """pyhanko's verdict on the last signature, trusting only ``roots``, nothing fetched."""
    reader = PdfFileReader(io.BytesIO(pdf))
    signature = reader.embedded_regular_signatures[-1]
    context = ValidationContext(trust_roots=roots, allow_fetching=False)
    return await async_validate_pdf_signature(signature, context)


def tamper(pdf: bytes, original: bytes, old: bytes, new: bytes) -> bytes:
    """``pdf`` with ``old`` replaced by ``new`` (same length) in the original's bytes."""
    assert len(old) == len(new)
    at = original.index(old)
    return pdf[:at] + new + pdf[at + len(old) :]
