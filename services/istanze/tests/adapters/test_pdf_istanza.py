"""The application PDF as the lawyer, the secretariat's scanner and an archive see it."""

import contextlib
import re
import zlib
from collections.abc import Callable

import pytest

from istanze.adapters.documenti import DocumentiIstanza
from parcelle_testing.pdf_tools import Tool

from . import campione

pytestmark = pytest.mark.asyncio(loop_scope="session")

Lettore = Callable[[bytes], str]


def xmp(pdf: bytes) -> str:
    """The document's XMP metadata packet, found without a PDF library."""
    for match in re.finditer(rb"stream\r?\n(.*?)\r?\nendstream", pdf, re.DOTALL):
        data = match.group(1)
        with contextlib.suppress(zlib.error):  # an uncompressed stream stays as it is
            data = zlib.decompress(data)
        if b"<x:xmpmeta" in data:
            return data.decode("utf-8")
    raise AssertionError("no XMP metadata in the PDF")


async def test_is_a_valid_pdf_a_2b_of_two_pages(
    pdf_istanza: bytes, qpdf: Tool, pdfinfo: Tool, pdf_file: Callable[[bytes], str]
) -> None:
    path = pdf_file(pdf_istanza)

    qpdf("--check", path)
    assert re.search(r"^Pages:\s+2$", pdfinfo(path), re.MULTILINE)
    metadata = xmp(pdf_istanza)
    assert 'pdfaid:part="2"' in metadata
    assert 'pdfaid:conformance="B"' in metadata
    assert campione.CODICE in metadata  # the title, as dc:title


async def test_prints_the_application_data(pdf_istanza: bytes, testo: Lettore) -> None:
    text = testo(pdf_istanza)

    for atteso in (
        "Ordine degli Avvocati di Roma",
        "Istanza di opinamento / parere di congruità",
        campione.CODICE,
        "avv. Niccolò D'Angelo",
        "codice fiscale DNGNCC80A01H501U",
        "Persona fisica: Mario Rossi",
        "Codice fiscale: RSSMRA80A01H501U",
        "Residenza: Via Roma 1, 00184 Roma (RM)",
        "Domicilio digitale (PEC): mario.rossi@pec.example.it",
        "Autorità: Tribunale di Roma",
        "Tipo di procedimento: Tribunale: giudizio ordinario di cognizione",
        "Numero di R.G.: 1234/2024",
        "Valore della pratica: € 30.000,00",
        "Numero delle parti: 2",
        "Mandato concluso: Sì",
        "Difesa d'ufficio o patrocinio a spese dello Stato: No",
        "Procedura dell'art. 7 L. 49/2023 (equo compenso): No",
        "Roma, 12 marzo 2026",
        "Firmato digitalmente",
        "Pagina 2 di 2",
    ):
        assert atteso in text


async def test_amounts_per_phase_and_totals_are_written_italian_style(
    pdf_istanza: bytes, testo: Lettore
) -> None:
    text = testo(pdf_istanza)

    for fase, importo in (
        ("Fase di studio della controversia", "1.701,00"),
        ("Fase introduttiva del giudizio", "1.204,00"),
        ("Fase istruttoria e/o di trattazione", "1.806,00"),
        ("Fase decisionale", "2.905,00"),
        ("Compenso", "7.616,00"),
        ("Spese generali (15% del compenso)", "1.142,40"),
        ("Cassa Forense \u2013 CPA (4%)", "350,34"),
        ("IVA (22%)", "2.003,92"),
        ("Spese documentate (esenti)", "0,00"),
        ("Totale", "11.112,66"),
    ):
        assert re.search(rf"{re.escape(fase)} € {re.escape(importo)}\b", text), fase
    assert "per l'importo complessivo di € 11.112,66" in text


async def test_amounts_are_right_aligned(
    pdf_istanza: bytes, pdftotext: Tool, pdf_file: Callable[[bytes], str]
) -> None:
    words = re.findall(
        r'<word xMin="[\d.]+" yMin="[\d.]+" xMax="([\d.]+)" yMax="[\d.]+">([^<]*)</word>',
        pdftotext("-bbox", pdf_file(pdf_istanza), "-"),
    )
    edges = [
        float(x_max)
        for x_max, word in words
        if word in {"1.701,00", "1.204,00", "1.142,40", "350,34", "2.003,92", "11.112,66"}
    ]

    assert len(edges) == 6
    assert max(edges) - min(edges) < 0.5  # points: one right edge for every amount


async def test_attachments_are_listed_with_their_full_fingerprint(
    pdf_istanza: bytes, testo: Lettore
) -> None:
    text = testo(pdf_istanza)

    for allegato in campione.ALLEGATI:
        assert allegato.nome_file in text
        assert f"SHA-256 {allegato.sha256}" in text
    assert "1. Parcella (notula): notula_rossi_2024.pdf (PDF, 180,0 KB)" in text
    assert "Atti del procedimento: atto_di_citazione_e_comparse.pdf (PDF, 3,0 MB)" in text


async def test_the_2d_code_decodes_to_exactly_the_application_code(
    pdf_istanza: bytes, codici_2d: Callable[[bytes], list[tuple[str, str]]]
) -> None:
    assert codici_2d(pdf_istanza) == [("QRCode", campione.CODICE)]


async def test_markup_typed_by_a_user_is_printed_as_text(
    documenti: DocumentiIstanza, testo: Lettore
) -> None:
    # Were it markup, the <img> would make the renderer fetch a URL (and refuse it).
    denominazione = '<b>Acme</b> & "Figli" <img src="https://example.com/x.png">'
    cliente = {"tipo": "persona_giuridica", "denominazione": denominazione}
    istanza = campione.istanza(
        {**campione.CORPO, "cliente": cliente, "note": "<script>alert(1)</script>"}
    )

    pdf = await documenti.istanza(
        istanza, ordine_nome=campione.ORDINE_NOME, generata_il=campione.GENERATA_IL
    )

    text = testo(pdf)
    assert 'Persona giuridica: <b>Acme</b> & "Figli" <img src="https://example.com/x.png">' in text
    assert "Note. <script>alert(1)</script>" in text


async def test_hand_signature_line_when_the_lawyer_signs_on_paper(
    documenti: DocumentiIstanza, testo: Lettore
) -> None:
    pdf = await documenti.istanza(
        campione.istanza(),
        ordine_nome=campione.ORDINE_NOME,
        generata_il=campione.GENERATA_IL,
        firma_autografa=True,
    )

    text = testo(pdf)
    assert "firma autografa" in text
    assert "Firmato digitalmente" not in text
