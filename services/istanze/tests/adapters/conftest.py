"""Fixtures for the documents' tests: one warm render pool and the PDFs it made (the tools
that read them come from ``parcelle_testing.pdf_tools``)."""

from collections.abc import AsyncIterator

import pytest_asyncio

from istanze.adapters.documenti import PACKAGE, DocumentiIstanza
from parcelle_kit.pdf import PdfRenderer

from . import campione


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
        file_firmato=campione.file_firmato(),
    )
