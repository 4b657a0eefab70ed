"""The PDF render pool: packaged Jinja templates to PDF/A with WeasyPrint, off the event loop.

Each service keeps its document templates in its own package (``<package>/templates/``) and
their pictures and stylesheets in ``<package>/assets/``; templates extend the kit's shared
layout ``parcelle/base.html`` (A4, Liberation fonts, "Pagina X di Y") and get the filters
``data``, ``data_estesa``, ``data_ora``, ``ora`` (Europe/Rome) and ``euro``. Documents can
load only those packaged files: no network, no file paths, no ``data:`` URLs.

Importing this package does not import WeasyPrint; only the worker processes do.
"""

from parcelle_kit.pdf.asset_policy import ASSET_HOST, KIT_PACKAGE, asset_base_url
from parcelle_kit.pdf.errors import (
    AssetRefusedError,
    PdfError,
    PdfLayoutError,
    RendererStartError,
    RendererStateError,
    TemplateNotFoundError,
    TemplateRenderError,
    WorkerCrashedError,
)
from parcelle_kit.pdf.renderer import PdfRenderer
from parcelle_kit.pdf.worker import PdfVariant

__all__ = [
    "ASSET_HOST",
    "KIT_PACKAGE",
    "AssetRefusedError",
    "PdfError",
    "PdfLayoutError",
    "PdfRenderer",
    "PdfVariant",
    "RendererStartError",
    "RendererStateError",
    "TemplateNotFoundError",
    "TemplateRenderError",
    "WorkerCrashedError",
    "asset_base_url",
]
