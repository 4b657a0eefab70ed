"""The render pool seen from a service: valid PDF/A out, clear errors, the pool carries on."""

import asyncio
import importlib
from datetime import UTC, datetime
from decimal import Decimal
from typing import Any

import pytest

from parcelle_kit.pdf import (
    PdfRenderer,
    TemplateNotFoundError,
    TemplateRenderError,
)
from parcelle_testing.pdf_tools import Tool

from .helpers import text_of, xmp_packets

pytestmark = pytest.mark.asyncio(loop_scope="session")

LETTERA: dict[str, Any] = {
    "codice": "PAR-2025-000042",
    "nome": "Niccolò D'Angelo",
    "importo": Decimal("1234.5"),
    "versato_il": datetime(2025, 3, 1, 23, 30, tzinfo=UTC),
}


async def test_renders_a_pdf_that_qpdf_accepts(
    renderer: PdfRenderer, testdocs: str, qpdf: Tool, pdf_file: Any
) -> None:
    pdf = await renderer.render(testdocs, "lettera.html", LETTERA)

    assert pdf.startswith(b"%PDF-1.7")
    assert pdf.rstrip().endswith(b"%%EOF")
    qpdf("--check", pdf_file(pdf))


async def test_pdf_declares_pdfa_2b_in_its_xmp_metadata(
    renderer: PdfRenderer, testdocs: str
) -> None:
    pdf = await renderer.render(testdocs, "lettera.html", LETTERA)

    [xmp] = xmp_packets(pdf)
    assert 'pdfaid:part="2"' in xmp
    assert 'pdfaid:conformance="B"' in xmp
    assert "Comunicazione PAR-2025-000042" in xmp  # the <title>, as dc:title


async def test_fonts_are_the_packaged_faces_and_all_embedded(
    renderer: PdfRenderer, testdocs: str, pdffonts: Tool, pdf_file: Any
) -> None:
    pdf = await renderer.render(testdocs, "lettera.html", LETTERA)

    rows = pdffonts(pdf_file(pdf)).splitlines()[2:]
    names = {row.split()[0].split("+", 1)[1] for row in rows}
    # Bold (class "oggetto" from the package's own stylesheet), italic, sans headings.
    assert {"Parcelle-Serif", "Parcelle-Serif-Bold", "Parcelle-Serif-Italic"} <= names
    assert "Parcelle-Sans-Bold" in names
    for row in rows:
        embedded, subset = row.split()[-5:-3]
        assert (embedded, subset) == ("yes", "yes"), row


async def test_filters_and_page_numbers_appear_as_an_italian_reader_expects(
    renderer: PdfRenderer, testdocs: str, pdftotext: Tool, pdf_file: Any
) -> None:
    pdf = await renderer.render(testdocs, "lettera.html", LETTERA)

    text = text_of(pdftotext, pdf_file(pdf))
    assert "Gentile Niccolò D'Angelo," in text
    assert "€ 1.234,50" in text
    # 23:30 UTC on 1 March is already 2 March in Rome.
    assert "versato il 2 marzo 2025 (02/03/2025 00:30)" in text
    assert "Pagina 1 di 1" in text


async def test_markup_in_the_context_is_printed_as_text(
    renderer: PdfRenderer, testdocs: str, pdftotext: Tool, pdf_file: Any
) -> None:
    nome = '<script>alert("x")</script><b>Rossi</b> & figli'

    pdf = await renderer.render(testdocs, "lettera.html", {**LETTERA, "nome": nome})

    assert nome in text_of(pdftotext, pdf_file(pdf))


async def test_the_package_stylesheet_applies_and_the_template_style_wins_over_it(
    renderer: PdfRenderer, testdocs: str, pdftotext: Tool, pdf_file: Any
) -> None:
    pdf = await renderer.render(testdocs, "pacchetto.html", {})

    text = text_of(pdftotext, pdf_file(pdf))
    assert "Uno [foglio del pacchetto]" in text  # assets/documents.css, never linked
    assert "Due [stile del modello]" in text  # the template's own <style> wins
    assert "Due [foglio del pacchetto]" not in text


async def test_missing_template_is_a_clear_error(renderer: PdfRenderer, testdocs: str) -> None:
    with pytest.raises(TemplateNotFoundError, match=r"'inesistente\.html' not found"):
        await renderer.render(testdocs, "inesistente.html", {})


async def test_undefined_variable_is_an_error_not_a_blank(
    renderer: PdfRenderer, testdocs: str
) -> None:
    with pytest.raises(TemplateRenderError, match="'valore' is undefined"):
        await renderer.render(testdocs, "valore.html", {})


@pytest.mark.parametrize(
    ("change", "message"),
    [
        ({"versato_il": datetime(2025, 3, 1)}, "naive datetime"),
        ({"importo": 12.5}, "money must be a Decimal"),
    ],
)
async def test_bad_values_become_render_errors_and_the_pool_carries_on(
    renderer: PdfRenderer, testdocs: str, change: dict[str, Any], message: str
) -> None:
    with pytest.raises(TemplateRenderError, match=message):
        await renderer.render(testdocs, "lettera.html", {**LETTERA, **change})

    pdf = await renderer.render(testdocs, "lettera.html", LETTERA)
    assert pdf.startswith(b"%PDF")


async def test_exception_from_a_context_object_is_a_render_error(
    renderer: PdfRenderer, testdocs: str
) -> None:
    faulty = importlib.import_module(testdocs).Faulty()

    with pytest.raises(TemplateRenderError, match="RuntimeError: guasto nel contesto"):
        await renderer.render(testdocs, "valore.html", {"valore": faulty})


async def test_context_that_cannot_reach_a_worker_is_refused_clearly(
    renderer: PdfRenderer, testdocs: str
) -> None:
    with pytest.raises(TypeError, match="cannot be sent to a worker"):
        await renderer.render(testdocs, "valore.html", {"valore": lambda: "x"})

    assert (await renderer.render(testdocs, "valore.html", {"valore": 1})).startswith(b"%PDF")


async def test_package_not_served_is_refused_before_any_work(renderer: PdfRenderer) -> None:
    with pytest.raises(ValueError, match="not served"):
        await renderer.render("os", "passwd.html", {})


async def test_concurrent_renders_each_get_their_own_document(
    renderer: PdfRenderer, testdocs: str, pdftotext: Tool, tmp_path: Any
) -> None:
    numbers = range(6)

    pdfs = await asyncio.gather(
        *(renderer.render(testdocs, "lungo.html", {"numero": n, "righe": 60}) for n in numbers)
    )

    for number, pdf in zip(numbers, pdfs, strict=True):
        path = tmp_path / f"{number}.pdf"
        path.write_bytes(pdf)
        text = text_of(pdftotext, str(path))
        assert f"Documento lungo {number} " in text
        assert "Pagina 2 di " in text
