"""The secretariat's area ``/segreteria``: the pending list and the scan field (attesa), the
case page (pratica), the deadlines (scadenze), the scanner stations (stazioni) and, in
development, the mail kept by the local SMTP sink (posta)."""

from fastapi import APIRouter

from gateway.web.segreteria import attesa, posta, pratica, scadenze, stazioni

router = APIRouter(include_in_schema=False)
for _pages in (attesa, pratica, scadenze, stazioni, posta):
    router.include_router(_pages.router)

__all__ = ["router"]
