"""The notice of start of proceedings as its reader sees it: one valid PDF/A page with what
L. 241/1990 artt. 7-8 ask for, in Rome's dates and Italian euro."""

import re
from collections.abc import AsyncIterator, Callable
from dataclasses import replace
from datetime import UTC, datetime

import pytest
import pytest_asyncio

from acquisizione.adapters.documenti import PACKAGE, DocumentiAcquisizione, contesto_avvio
from parcelle_contracts.istanze import DatiPratica
from parcelle_kit.pdf import PdfRenderer
from parcelle_testing.pdf_tools import Tool

from ..fabbrica import REGOLE, assegnata, pendente
from ..finti import vista_istanza

pytestmark = pytest.mark.asyncio(loop_scope="session")
GENERATO = datetime(2026, 3, 3, 10, 5, tzinfo=UTC)
Lettore = Callable[[bytes], str]


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def documenti() -> AsyncIterator[DocumentiAcquisizione]:
    async with PdfRenderer([PACKAGE], workers=1) as renderer:
        yield DocumentiAcquisizione(renderer)


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def avviso(documenti: DocumentiAcquisizione) -> bytes:
    pratica = assegnata()
    istanza = vista_istanza(pratica.istanza_id, pratica.codice)
    contenuto = istanza.contenuto.model_copy(
        update={
            "pratica": DatiPratica.model_validate(
                {
                    **(istanza.contenuto.pratica or DatiPratica()).model_dump(),
                    "equo_compenso_art7": True,
                }
            )
        }
    )
    istanza = istanza.model_copy(update={"contenuto": contenuto})
    return await documenti.avvio(pratica, istanza, REGOLE, generato_il=GENERATO)


async def test_is_a_valid_one_page_pdf(
    avviso: bytes, qpdf: Tool, pdfinfo: Tool, pdf_file: Callable[[bytes], str]
) -> None:
    path = pdf_file(avviso)
    qpdf("--check", path)
    info = pdfinfo(path)
    assert re.search(r"^Pages:\s+1$", info, re.MULTILINE), info
    assert "Comunicazione di avvio del procedimento, protocollo n. 2026/000001" in info


async def test_says_what_articles_7_and_8_ask(avviso: bytes, testo: Lettore) -> None:
    text = testo(avviso)
    for atteso in (
        "Ordine degli Avvocati di Demo",
        "Protocollo n. 2026/000001 del 03/03/2026",
        "Comunicazione di avvio del procedimento",
        "ai sensi degli artt. 7 e 8 della legge 7 agosto 1990, n. 241",
        "Spett.le Mario Rossi (cliente, controinteressato)",
        "PEC: mario.rossi@pec.example.it",
        "avv. Giulia Bianchi (richiedente)",
        "Oggetto: Richiesta di parere di congruità sulla parcella dell'avv. Giulia Bianchi per "
        "l'attività professionale svolta in favore di Mario Rossi.",
        "davanti a: Tribunale di Roma, R.G. n. 1234/2024",
        "Il compenso richiesto ammonta a € 7.616,00 "
        "(€ 11.112,66 comprese spese generali, CPA e IVA)",
        "Istanza presentata il: 02/03/2026",
        "Responsabile del procedimento: il Consigliere relatore Marco Verdi",
        "Termine di conclusione: 60 giorni dall'avvio, cioè entro il 2 maggio 2026",
        "entro 15 giorni dal ricevimento",
        "all'indirizzo PEC segreteria@pec.ordine-demo.example.it",
        "Piazza della Giustizia 1, 00100 Demo",
        "art. 7 della legge 21 aprile 2023, n. 49",
        "artt. 31 e 117 del decreto legislativo 2 luglio 2010, n. 104",
        "Documento generato il 03/03/2026 11:05 (ora di Roma)",
    ):
        assert atteso in text, atteso


async def test_without_the_ordine_s_pec_the_address_is_where_to_send() -> None:
    pratica = assegnata()
    istanza = vista_istanza(pratica.istanza_id, pratica.codice)
    senza_pec = replace(REGOLE, pec="")
    contesto = contesto_avvio(pratica, istanza, senza_pec, generato_il=GENERATO)
    assert contesto["ordine"]["pec"] == ""
    assert contesto["equo_compenso"] is False
    assert contesto["cliente"]["indirizzo"] == "Via Roma 1, 00184 Roma (RM)"


async def test_a_notice_needs_an_acquired_and_assigned_case() -> None:
    pratica = pendente()
    istanza = vista_istanza(pratica.istanza_id, pratica.codice)
    with pytest.raises(ValueError, match="relatore"):
        contesto_avvio(pratica, istanza, REGOLE, generato_il=GENERATO)
