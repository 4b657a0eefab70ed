"""Run as a separate process by test_parent_death.py: a process with a warm PDF pool, as a
service has. It renders one document, prints its pool's scratch directory, then waits to be
killed."""

import asyncio
import sys
import tempfile
from decimal import Decimal
from pathlib import Path

from parcelle_kit.pdf import PdfRenderer


async def main(testdocs_dir: str) -> None:
    sys.path.insert(0, testdocs_dir)
    before = set(Path(tempfile.gettempdir()).glob("parcelle-pdf-*"))
    async with PdfRenderer(["parcelle_pdf_testdocs"], workers=2) as renderer:
        pdf = await renderer.render("parcelle_pdf_testdocs", "valore.html", {"valore": Decimal(1)})
        assert pdf.startswith(b"%PDF")
        scratch = set(Path(tempfile.gettempdir()).glob("parcelle-pdf-*")) - before
        print("scratch", *scratch, flush=True)
        await asyncio.Event().wait()


if __name__ == "__main__":
    asyncio.run(main(sys.argv[1]))
