"""Files the clerk adds to a case: only PDFs, recognised from their content, never the name."""

from typing import Final

TESTA_PDF: Final = 1024
"""A PDF reader accepts the ``%PDF-`` header anywhere in the first kilobyte (ISO 32000
readers do, and some scanners write a few bytes before it)."""


def e_pdf(inizio: bytes) -> bool:
    """Whether a file starting with ``inizio`` is a PDF."""
    return b"%PDF-" in inizio[:TESTA_PDF]


def nome_pdf(nome_file: str, ripiego: str) -> str:
    """``nome_file`` ending in ``.pdf`` (the type is known from the content), or ``ripiego``."""
    nome = nome_file.strip() or ripiego
    return nome if nome.lower().endswith(".pdf") else f"{nome}.pdf"
