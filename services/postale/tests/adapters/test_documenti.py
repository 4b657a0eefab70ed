"""The mailing as the print center gets it: the cover letter with the recipient's address
inside the window of a DL envelope (read back from the PDF's text positions), the Ordine as
sender, the subject and the enclosed documents listed, then every page of the documents; and
the documents read from their owner's area only when their SHA-256 matches."""

import hashlib
import re
import xml.etree.ElementTree as ET
from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

import pytest
import pytest_asyncio

from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.vocabolario import SIMULATORE_CENTRO_STAMPA
from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.blob.writes import put_once
from parcelle_kit.pdf import PdfRenderer
from parcelle_testing.pdf_tools import Tool
from postale.adapters.documenti import PACKAGE, ImpaginatoreWeasyprint, LettoreDocumenti
from postale.domain.errori import DocumentoNonValidoError
from postale.ports import Lettera

pytestmark = pytest.mark.asyncio(loop_scope="session")
MM = 72 / 25.4
"""Points in a millimetre."""
LETTERA = Lettera(
    ordine="Ordine degli Avvocati di Demo",
    ordine_indirizzo="Piazza della Giustizia 1, 00100 Demo",
    ordine_pec="segreteria@pec.ordine-demo.it",
    nome="Mario Rossi",
    indirizzo="Via Roma 10\nScala B, interno 4\n00100 Roma RM",
    messaggio="avvio_procedimento",
    allegati=("avvio-procedimento-2026-000001.pdf", "provvedimento.pdf"),
    il=datetime(2026, 3, 2, 23, 30, tzinfo=UTC),  # already 3 March in Rome
    simulatore=SIMULATORE_CENTRO_STAMPA,
)


@dataclass(frozen=True)
class Parola:
    testo: str
    x0: float
    y0: float
    x1: float
    y1: float
    """Millimetres from the page's left and top edges."""


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def plico(renderer: PdfRenderer) -> tuple[bytes, int]:
    documento = await renderer.render(
        PACKAGE,
        "postale/lettera.html",
        {
            "oggetto": "Documento allegato di prova",
            "ordine": {"nome": "Allegato", "indirizzo": [], "pec": ""},
            "destinatario": {"nome": "Nessuno", "indirizzo": []},
            "allegati": ["x"],
            "il": LETTERA.il,
            "simulatore": None,
        },
    )
    return await ImpaginatoreWeasyprint(renderer).plico(LETTERA, [documento, documento])


@pytest.fixture
def parole(pdftotext: Tool, pdf_file: Callable[[bytes], str]) -> Callable[[bytes], list[Parola]]:
    def leggi(pdf: bytes) -> list[Parola]:
        xhtml = pdftotext("-bbox", "-f", "1", "-l", "1", pdf_file(pdf), "-")
        radice = ET.fromstring(xhtml)
        return [
            Parola(
                (w.text or "").strip(),
                *(float(w.attrib[k]) / MM for k in ("xMin", "yMin", "xMax", "yMax")),
            )
            for w in radice.iter("{http://www.w3.org/1999/xhtml}word")
        ]

    return leggi


async def test_the_address_shows_through_the_window(
    plico: tuple[bytes, int], parole: Callable[[bytes], list[Parola]]
) -> None:
    pdf, _ = plico
    tutte = parole(pdf)
    indirizzo = {"Raccomandata", "A/R", "Mario", "Rossi", "Via", "Roma", "10", "Scala", "B,"}
    indirizzo |= {"interno", "4", "00100", "RM"}
    nella_finestra = [p for p in tutte if p.x0 >= 105 and p.y0 <= 90 and p.y1 >= 45]
    assert {p.testo for p in nella_finestra} == indirizzo  # nothing else shows through
    for parola in nella_finestra:
        # The address field: 110 mm from the left edge, 50 mm from the top, 85 x 35 mm.
        assert parola.x0 >= 110 - 0.5, parola
        assert parola.x1 <= 195, parola
        assert parola.y0 >= 50 - 0.5, parola
        assert parola.y1 <= 85, parola
    prima = min(nella_finestra, key=lambda p: (p.y0, p.x0))
    assert (prima.testo, round(prima.x0)) == ("Raccomandata", 110)


async def test_the_letter_says_who_writes_what_and_what_is_enclosed(
    plico: tuple[bytes, int], testo: Callable[[bytes], str]
) -> None:
    pdf, pagine = plico
    assert pagine == 3
    text = re.sub(r"\s+", " ", testo(pdf))
    for atteso in (
        "Ordine degli Avvocati di Demo",
        "Piazza della Giustizia 1",
        "PEC segreteria@pec.ordine-demo.it",
        "3 marzo 2026",
        "Oggetto: Comunicazione di avvio del procedimento.",
        "si trasmettono, a mezzo raccomandata con avviso di ricevimento",
        "1. avvio-procedimento-2026-000001.pdf",
        "2. provvedimento.pdf",
        "Distinti saluti.",
        "Lettera composta per il simulatore del centro stampa: non viene stampata",
        "Documento allegato di prova",  # the documents follow the letter
    ):
        assert atteso in text, atteso


async def test_the_mailing_is_a_sound_pdf(
    plico: tuple[bytes, int], qpdf: Tool, pdf_file: Callable[[bytes], str]
) -> None:
    qpdf("--check", pdf_file(plico[0]))


async def test_documents_are_read_only_as_announced(tmp_path: Path) -> None:
    area = FilesystemBlobStore(tmp_path / "acquisizione")
    await area.open()
    data = b"%PDF-1.7 avviso"
    await put_once(area, "avvisi/1.pdf", data, content_type="application/pdf")
    lettore = LettoreDocumenti(lambda nome: FilesystemBlobStore(tmp_path / nome))

    def ref(sha256: str, size: int = len(data), key: str = "avvisi/1.pdf") -> FileRef:
        blob = BlobRef(area="acquisizione", key=key, sha256=sha256, size=size)
        return FileRef(blob=blob, nome_file="a.pdf", content_type="application/pdf")

    giusto = hashlib.sha256(data).hexdigest()
    assert await lettore.leggi(ref(giusto)) == data
    with pytest.raises(DocumentoNonValidoError):
        await lettore.leggi(ref("0" * 64))
    with pytest.raises(DocumentoNonValidoError):
        await lettore.leggi(ref(giusto, size=3))
    with pytest.raises(DocumentoNonValidoError):
        await lettore.leggi(ref(giusto, key="avvisi/altro.pdf"))
    await lettore.close()
    await area.close()
