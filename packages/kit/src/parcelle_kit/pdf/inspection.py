"""What an uploaded PDF may contain: opened by a real parser (qpdf, through pikepdf), within
limits, and refused with the reason when it cannot be read or carries active content.

A lawyer's attachments and a client's observations reach the secretariat and the councillors,
who open them: a PDF that runs JavaScript, launches a program, carries other files or submits
a form is refused, naming what was found. Nothing is ever rewritten to remove it: the stored
file must stay byte for byte what the lawyer filed (and a rewrite would void a signature).
Refused too: what qpdf cannot read, a "PDF" without a page, data appended after the last
``%%EOF`` (a PDF+ZIP polyglot hides there), and files beyond the limits on objects, nesting
and decompressed size (a decompression bomb). CPU-bound: call it in a worker thread.
"""

import asyncio
import io
import zlib
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import pikepdf

CODICE = "pdf_non_ammesso"
_DANNEGGIATO = (
    "Il PDF è danneggiato o incompleto e non si può leggere: salvalo di nuovo dal programma "
    "che lo ha prodotto e ricaricalo."
)

_TRAILING_ALLOWED = frozenset(b" \t\r\n\x00\x0c")

ACTIONS: dict[str, str] = {
    "/JavaScript": "codice JavaScript",
    "/Launch": "un comando che avvia programmi",
    "/SubmitForm": "un modulo che invia dati",
    "/ImportData": "un comando che importa dati",
    "/GoToE": "un collegamento a file incorporati",
    "/RichMediaExecute": "contenuti multimediali attivi",
}
"""Action types (/S) that run something, and how they are named to the user."""


@dataclass(frozen=True)
class Limits:
    """How much of a file the check is willing to look at."""

    max_objects: int = 200_000
    max_depth: int = 64
    max_decompressed: int = 512 * 1024 * 1024
    """Bytes of all FlateDecode streams once inflated."""


LIMITS = Limits()
"""The limits every upload is checked with."""


class PdfRefusedError(Exception):
    """The PDF is not accepted; ``messaggio`` says why in words the lawyer understands.

    Carries ``codice``, ``messaggio`` and ``campi`` like a domain refusal, so a request
    handler answers it as one (see :mod:`parcelle_kit.requests`).
    """

    codice = CODICE

    def __init__(self, messaggio: str, trovati: tuple[str, ...] = ()) -> None:
        super().__init__(messaggio)
        self.messaggio = messaggio
        self.trovati = trovati
        self.campi: dict[str, str] = {}


@dataclass
class _Scan:
    limits: Limits
    found: list[str] = field(default_factory=list)
    inflated: int = 0

    def note(self, what: str) -> None:
        if what not in self.found:
            self.found.append(what)


async def check_pdf(data: bytes) -> None:
    """:func:`inspect_pdf` in a worker thread, so the other requests go on meanwhile."""
    await asyncio.to_thread(inspect_pdf, data)


def inspect_pdf(data: bytes, limits: Limits = LIMITS) -> None:
    """Return if ``data`` is a readable PDF without active content; raise
    :class:`PdfRefusedError` saying why otherwise."""
    if not data.startswith(b"%PDF-"):
        raise PdfRefusedError("Il file non è un PDF.")
    _refuse_appended_data(data)
    try:
        pdf = pikepdf.open(io.BytesIO(data))
    except (pikepdf.PdfError, ValueError, RecursionError) as error:
        raise PdfRefusedError(_DANNEGGIATO) from error
    with pdf:
        try:
            pages = len(pdf.pages)
        except pikepdf.PdfError:
            pages = 0
        if pages == 0:
            raise PdfRefusedError("Il file non contiene pagine PDF leggibili.")
        scan = _Scan(limits)
        try:
            _scan_document(pdf, scan)
        except (pikepdf.PdfError, TypeError, ValueError, RecursionError) as error:
            # qpdf let a damaged file open, then could not walk it: fail closed.
            raise PdfRefusedError(_DANNEGGIATO) from error
    if scan.found:
        raise PdfRefusedError(
            "Il PDF contiene contenuti attivi, che non si possono allegare: "
            + ", ".join(scan.found)
            + ". Stampalo in PDF (o esportalo come PDF/A) e allega il nuovo file.",
            tuple(scan.found),
        )


def _refuse_appended_data(data: bytes) -> None:
    last = data.rfind(b"%%EOF")
    if last < 0:
        raise PdfRefusedError(
            "Il PDF è incompleto (manca la sua fine): salvalo di nuovo e ricaricalo."
        )
    if any(byte not in _TRAILING_ALLOWED for byte in data[last + len(b"%%EOF") :]):
        raise PdfRefusedError(
            "Dopo la fine del PDF il file contiene altri dati (ad esempio un archivio "
            "nascosto): allega il solo PDF."
        )


def _scan_document(pdf: pikepdf.Pdf, scan: _Scan) -> None:
    for count, obj in enumerate(pdf.objects, start=1):
        if count > scan.limits.max_objects:
            raise PdfRefusedError("Il PDF è troppo complesso per essere controllato.")
        _scan_object(obj, scan, 0)
    root = pdf.trailer.get("/Root")
    acroform = root.get("/AcroForm") if isinstance(root, pikepdf.Dictionary) else None
    if isinstance(acroform, pikepdf.Dictionary) and "/XFA" in acroform:
        scan.note("un modulo XFA")


def _scan_object(obj: Any, scan: _Scan, depth: int) -> None:
    if depth > scan.limits.max_depth:
        raise PdfRefusedError("Il PDF è troppo complesso per essere controllato.")
    if isinstance(obj, pikepdf.Stream):
        _inflate(obj, scan)
        _scan_dictionary(obj.stream_dict, scan, depth)
    elif isinstance(obj, pikepdf.Dictionary):
        _scan_dictionary(obj, scan, depth)
    elif isinstance(obj, pikepdf.Array):
        for item in _direct(obj):
            _scan_object(item, scan, depth + 1)


def _scan_dictionary(dictionary: pikepdf.Dictionary, scan: _Scan, depth: int) -> None:
    keys = set(dictionary.keys())
    if "/JS" in keys or "/JavaScript" in keys:
        scan.note(ACTIONS["/JavaScript"])
    action = dictionary.get("/S")
    if isinstance(action, pikepdf.Name) and str(action) in ACTIONS:
        scan.note(ACTIONS[str(action)])
    if "/EmbeddedFiles" in keys or "/EF" in keys or dictionary.get("/Type") == "/EmbeddedFile":
        scan.note("file incorporati")
    if dictionary.get("/Subtype") == "/RichMedia":
        scan.note("contenuti multimediali attivi")
    for key in keys:
        value = dictionary.get(key)
        if isinstance(value, pikepdf.Dictionary | pikepdf.Array) and not value.is_indirect:
            # Indirect objects are scanned once each, as pdf.objects lists them.
            _scan_object(value, scan, depth + 1)


def _direct(array: pikepdf.Array) -> Iterator[Any]:
    for item in array:
        if isinstance(item, pikepdf.Dictionary | pikepdf.Array) and not item.is_indirect:
            yield item


def _inflate(stream: pikepdf.Stream, scan: _Scan) -> None:
    """Count what a FlateDecode stream inflates to, without ever holding more than the
    limit allows: a bomb is refused before it is expanded."""
    filters = stream.stream_dict.get("/Filter")
    names = [filters] if isinstance(filters, pikepdf.Name) else list(filters or [])
    if not names or str(names[0]) != "/FlateDecode":
        return
    inflater = zlib.decompressobj()
    room = scan.limits.max_decompressed - scan.inflated
    try:
        chunk = inflater.decompress(stream.read_raw_bytes(), room + 1)
    except zlib.error:
        return  # qpdf reads what it can; a broken stream holds nothing runnable for us
    scan.inflated += len(chunk)
    if scan.inflated > scan.limits.max_decompressed:
        raise PdfRefusedError(
            "Il PDF, una volta aperto, occupa troppo spazio (contenuti compressi in modo "
            "anomalo): non si può allegare."
        )
