"""The secretariat's area ``/segreteria``: the pending list and the scan field (attesa), the
case page (pratica) and its files (documenti), the deadlines (scadenze) and the scanner
stations (stazioni)."""

from fastapi import APIRouter

from gateway.web.segreteria import attesa, documenti, pratica, scadenze, stazioni

router = APIRouter(include_in_schema=False)
for _pages in (attesa, pratica, documenti, scadenze, stazioni):
    router.include_router(_pages.router)

__all__ = ["router"]
