"""The liquidation order as its reader sees it: a valid PDF/A with the Ordine's header, the
protocol, applicant, client and matter, requested against liquidated per item with reasons,
totals, the council fee, the date in Rome and the relatore's signature block."""

import re
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal

import pytest
import pytest_asyncio

from parcelle_kit.pdf import PdfRenderer
from parcelle_testing.pdf_tools import Tool
from revisione import views
from revisione.adapters.documenti import PACKAGE, DocumentiRevisione
from revisione.domain.decisione import VoceDecisa, liquida
from revisione.domain.revisione import Revisione

from ..finti import IMPOSTAZIONI, istanza, revisione

pytestmark = pytest.mark.asyncio(loop_scope="session")
Lettore = Callable[[bytes], str]
# 23:30 UTC on 2 March is already 3 March in Rome.
DECISA = datetime(2026, 3, 2, 23, 30, tzinfo=UTC)


def decisa(esito: str = "liquidata") -> Revisione:
    caso = revisione()
    voci = [
        VoceDecisa(fase="studio", importo_liquidato=Decimal("1701.00")),
        VoceDecisa(fase="introduttiva", importo_liquidato=Decimal("1204.00")),
        VoceDecisa(fase="istruttoria", importo_liquidato=Decimal("1806.00")),
        VoceDecisa(
            fase="decisionale",
            importo_liquidato=Decimal("2500.00"),
            motivazione="Comparse conclusionali brevi",
        ),
    ]
    caso.decisione = liquida(
        views.richiesta(istanza()),
        voci if esito == "liquidata" else [],
        esito=esito,  # type: ignore[arg-type]
        regole=views.regole_diritti(IMPOSTAZIONI),
        relatore="consigliere",
        relatore_nome="Anna Verdi",
        ora=DECISA,
        motivi="Mandato ancora in corso" if esito != "liquidata" else None,
    )
    caso.stato = "in_firma"
    return caso


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def documenti() -> AsyncIterator[DocumentiRevisione]:
    async with PdfRenderer([PACKAGE], workers=1) as renderer:
        yield DocumentiRevisione(renderer)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def ordine(documenti: DocumentiRevisione) -> bytes:
    return await documenti.provvedimento(decisa(), istanza(), IMPOSTAZIONI)


async def test_is_a_valid_pdfa(
    ordine: bytes, qpdf: Tool, pdfinfo: Tool, pdf_file: Callable[[bytes], str]
) -> None:
    path = pdf_file(ordine)
    qpdf("--check", path)
    info = pdfinfo(path)
    assert "Provvedimento di liquidazione, protocollo n. 2026/000001" in info
    metadata = pdfinfo("-meta", path)
    assert 'pdfaid:part="2"' in metadata


async def test_says_who_what_and_how_much(ordine: bytes, testo: Lettore) -> None:
    text = re.sub(r"\s+", " ", testo(ordine))
    for atteso in (
        "Ordine degli Avvocati di Demo",
        "Piazza della Giustizia 1, 00100 Demo",
        "Protocollo n. 2026/000001",
        "Richiedente: avv. Giulia Bianchi",
        "Cliente: Mario Rossi",
        "Tribunale di Roma",
        "R.G. n. 1234/2024",
        "Fase decisionale",
        "Ridotta: Comparse conclusionali brevi",
        "€ 2.905,00",
        "€ 2.500,00",
        "Compenso: € 7.211,00",
        "Diritti dovuti all'Ordine: € 144,22",
        "Deciso il 3 marzo 2026",
        "Il Consigliere relatore",
        "Anna Verdi",
    ):
        assert atteso in text, atteso


async def test_a_refusal_says_why(documenti: DocumentiRevisione, testo: Lettore) -> None:
    pdf = await documenti.provvedimento(replace(decisa("non_liquidabile")), istanza(), IMPOSTAZIONI)
    text = re.sub(r"\s+", " ", testo(pdf))
    assert "Decisione di non liquidabilità" in text
    assert "Mandato ancora in corso" in text
    assert "Totale liquidato" not in text
