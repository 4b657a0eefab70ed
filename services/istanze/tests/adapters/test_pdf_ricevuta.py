"""The deposit receipt PDF: what was deposited, when, signed how, and what to do next."""

import re
from collections.abc import Callable

import pytest

from istanze.adapters.documenti import DocumentiIstanza
from parcelle_testing.pdf_tools import Tool

from . import campione

pytestmark = pytest.mark.asyncio(loop_scope="session")

Lettore = Callable[[bytes], str]


async def test_is_a_valid_one_page_pdf(
    pdf_ricevuta: bytes, qpdf: Tool, pdfinfo: Tool, pdf_file: Callable[[bytes], str]
) -> None:
    path = pdf_file(pdf_ricevuta)

    qpdf("--check", path)
    assert re.search(r"^Pages:\s+1$", pdfinfo(path), re.MULTILINE)


async def test_prints_the_deposit_in_rome_time_and_the_signature(
    pdf_ricevuta: bytes, testo: Lettore
) -> None:
    text = testo(pdf_ricevuta)

    for atteso in (
        "Ordine degli Avvocati di Roma",
        "Ricevuta di deposito",
        campione.CODICE,
        # 23:05 UTC on 12 March is five past midnight on 13 March in Rome.
        "Data e ora del deposito: 13 marzo 2026, ore 00:05 (ora di Roma)",
        "Richiedente: avv. Niccolò D'Angelo",
        "Cliente: Mario Rossi",
        "Tipo di firma: Firma digitale PAdES (PDF firmato)",
        "Firmatario: Niccolò D'Angelo, codice fiscale DNGNCC80A01H501U",
        "Emittente del certificato: Parcelle Demo Qualified CA",
    ):
        assert atteso in text
    assert "sportello" not in text  # nothing to bring: the deposit was signed digitally


async def test_lists_the_fingerprint_of_every_deposited_document(
    pdf_ricevuta: bytes, testo: Lettore
) -> None:
    text = testo(pdf_ricevuta)

    assert f"1. Istanza (PDF generato) SHA-256 {'a' * 64}" in text
    assert (
        f"2. Istanza firmata digitalmente: istanza_firmata.pdf (207,4 KB) SHA-256 {'b' * 64}"
        in text
    )
    for allegato in campione.ALLEGATI:
        assert f"{allegato.nome_file} (" in text
        assert f"SHA-256 {allegato.sha256}" in text


async def test_the_2d_code_decodes_to_exactly_the_application_code(
    pdf_ricevuta: bytes, codici_2d: Callable[[bytes], list[tuple[str, str]]]
) -> None:
    assert codici_2d(pdf_ricevuta) == [("QRCode", campione.CODICE)]


async def test_without_digital_signature_the_lawyer_is_told_to_bring_the_original(
    documenti: DocumentiIstanza,
    testo: Lettore,
    codici_2d: Callable[[bytes], list[tuple[str, str]]],
) -> None:
    pdf = await documenti.ricevuta(
        campione.istanza(firma_richiesta=False),
        ordine_nome=campione.ORDINE_NOME,
        depositata_il=campione.DEPOSITATA_IL,
        generata_il=campione.DEPOSITATA_IL,
        firma=campione.FIRMA_AUTOGRAFA,
    )

    text = testo(pdf)
    assert "Tipo di firma: Firma autografa" in text
    assert "Deposito senza firma digitale: consegna dell'originale" in text
    assert (
        "deve consegnare allo sportello della Segreteria dell'Ordine degli Avvocati di Roma "
        "l'istanza stampata e sottoscritta con firma autografa"
    ) in text
    assert "leggerà con il lettore il codice bidimensionale" in text
    assert "Firmatario" not in text
    assert "Istanza firmata digitalmente" not in text
    assert codici_2d(pdf) == [("QRCode", campione.CODICE)]
