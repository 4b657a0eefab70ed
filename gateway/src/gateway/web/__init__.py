"""The web areas: server-rendered pages in Italian (Jinja2 templates under ``templates/``,
Bootstrap Italia served from ``static/vendor``), one package per area (:mod:`.avvocato`,
:mod:`.segreteria`, :mod:`.consigliere`) and, at this package's root, what they share: logging
in and out (accesso), error pages (errors), rendering (templating), the forms' fields (campi),
Italian formats (formato), the pages' dependencies (dependencies), the badges and the words of
the timelines (etichette) and the case page's sections shared by the secretariat and the
councillor (presentazione); a kept PEC receipt's download (ricevute); the receipts of the
order's deliveries, from the case (prove); the REST API's
documentation page (documentazione); the documents' download links (link).

``app.py`` includes :data:`router`, mounts :func:`static_files` at ``/static`` and calls
:func:`install` so that people asking for pages get HTML error pages (the API keeps JSON).
"""

from pathlib import Path

import structlog
from fastapi import APIRouter
from fastapi.staticfiles import StaticFiles

from gateway.web import (
    accesso,
    avvocato,
    consigliere,
    documentazione,
    link,
    prove,
    ricevute,
    segreteria,
)
from gateway.web.errors import install

STATIC = Path(__file__).resolve().parent.parent / "static"
VENDOR_CSS = STATIC / "vendor" / "bootstrap-italia" / "css" / "bootstrap-italia.min.css"

router = APIRouter(include_in_schema=False)
for _pages in (accesso, avvocato, segreteria, consigliere, documentazione, ricevute, prove, link):
    router.include_router(_pages.router)


def static_files() -> StaticFiles:
    """Our own CSS and JS, and the Bootstrap Italia copy made by ``scripts/frontend.sh``.

    Without that copy the pages still work, unstyled; the log says how to make it.
    """
    if not VENDOR_CSS.is_file():
        structlog.get_logger("gateway.web").warning(
            "bootstrap italia missing: pages will be unstyled; run scripts/frontend.sh",
            expected=str(VENDOR_CSS),
        )
    return StaticFiles(directory=STATIC)


__all__ = ["install", "router", "static_files"]
