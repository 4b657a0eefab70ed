"""The check of uploaded PDFs: the kit's qpdf-based inspection, in a worker thread (it is
CPU-bound and must not hold up the other requests)."""

import asyncio

from parcelle_kit.pdf.inspection import inspect_pdf


async def controlla_pdf(data: bytes) -> None:
    """Return if ``data`` may be attached; raise ``PdfRefusedError`` saying why otherwise."""
    await asyncio.to_thread(inspect_pdf, data)
