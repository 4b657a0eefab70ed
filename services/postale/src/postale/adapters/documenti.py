"""The mailing's PDF and the documents it carries.

:class:`LettoreDocumenti` reads a command's documents from the area their owner keeps them in
(claim checks), checking size and SHA-256. :class:`ImpaginatoreWeasyprint` renders the cover
letter with the service's ``PdfRenderer`` and appends the documents' pages after it with
pikepdf (qpdf) in a worker thread; :func:`contesto_lettera` is the template's plain context,
tested without a renderer."""

import asyncio
import hashlib
import io
from collections.abc import Callable, Sequence
from typing import Any, Final

import pikepdf

from parcelle_contracts.common import FileRef
from parcelle_contracts.vocabolario import MESSAGGI
from parcelle_kit.blob.ports import BlobCorruptedError, BlobNotFoundError, BlobStore
from parcelle_kit.pdf import PdfRenderer
from postale.domain.errori import DocumentoNonValidoError
from postale.ports import Lettera

PACKAGE: Final = "postale"
LETTERA: Final = "postale/lettera.html"


class LettoreDocumenti:
    """Reads claim checks from any service's area (opened on first use, closed at stop)."""

    def __init__(self, area: Callable[[str], BlobStore]) -> None:
        self._build = area
        self._aree: dict[str, BlobStore] = {}

    async def _area(self, nome: str) -> BlobStore:
        if nome not in self._aree:
            store = self._build(nome)
            await store.open()
            self._aree[nome] = store
        return self._aree[nome]

    async def close(self) -> None:
        for store in self._aree.values():
            await store.close()
        self._aree.clear()

    async def leggi(self, file: FileRef) -> bytes:
        ref = file.blob
        store = await self._area(ref.area)
        try:
            data = await store.get(ref.key)
        except (BlobNotFoundError, BlobCorruptedError) as errore:
            raise DocumentoNonValidoError(f"{ref.area}/{ref.key}: {errore}") from errore
        if len(data) != ref.size or hashlib.sha256(data).hexdigest() != ref.sha256:
            raise DocumentoNonValidoError(f"{ref.area}/{ref.key}: not the document announced")
        return data


def contesto_lettera(lettera: Lettera) -> dict[str, Any]:
    return {
        "ordine": {
            "nome": lettera.ordine,
            "indirizzo": [r.strip() for r in lettera.ordine_indirizzo.split(",") if r.strip()],
            "pec": lettera.ordine_pec,
        },
        "destinatario": {
            "nome": lettera.nome,
            "indirizzo": [r.strip() for r in lettera.indirizzo.splitlines() if r.strip()],
        },
        "oggetto": MESSAGGI[lettera.messaggio],
        "allegati": list(lettera.allegati),
        "il": lettera.il,
        "simulatore": lettera.simulatore,
    }


def unisci(lettera: bytes, documenti: Sequence[bytes]) -> tuple[bytes, int]:
    """The letter's pages, then every document's, as one PDF; and its number of pages."""
    with pikepdf.open(io.BytesIO(lettera)) as plico:
        for documento in documenti:
            with pikepdf.open(io.BytesIO(documento)) as pdf:
                plico.pages.extend(pdf.pages)
        uscita = io.BytesIO()
        plico.save(uscita)
        return uscita.getvalue(), len(plico.pages)


def conta_pagine(pdf: bytes) -> int:
    with pikepdf.open(io.BytesIO(pdf)) as documento:
        return len(documento.pages)


class ImpaginatoreWeasyprint:
    """The cover letter from the package's template, then the documents."""

    def __init__(self, renderer: PdfRenderer) -> None:
        self._renderer = renderer

    async def plico(self, lettera: Lettera, documenti: Sequence[bytes]) -> tuple[bytes, int]:
        self._renderer.start_soon()
        pdf = await self._renderer.render(PACKAGE, LETTERA, contesto_lettera(lettera))
        return await asyncio.to_thread(unisci, pdf, documenti)

    async def pagine(self, pdf: bytes) -> int:
        return await asyncio.to_thread(conta_pagine, pdf)
