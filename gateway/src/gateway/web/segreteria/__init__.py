"""The secretariat's area ``/segreteria``: the pending list and the scan field (attesa), the
case page (pratica), the deadlines (scadenze), the registered mail (raccomandate) and the
scanner stations (stazioni)."""

from fastapi import APIRouter

from gateway.web.segreteria import attesa, pratica, raccomandate, scadenze, stazioni

router = APIRouter(include_in_schema=False)
for _pages in (attesa, pratica, scadenze, raccomandate, stazioni):
    router.include_router(_pages.router)

__all__ = ["router"]
