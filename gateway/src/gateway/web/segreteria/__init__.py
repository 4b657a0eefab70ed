"""The secretariat's area ``/segreteria``: the pending list and the scan field (attesa), the
case page (pratica) and its files (documenti), the decided case's order, council fee and
deliveries (esito), the deadlines (scadenze), the registered mail (raccomandate) and the
scanner stations (stazioni)."""

from fastapi import APIRouter

from gateway.web.segreteria import (
    attesa,
    documenti,
    esito,
    pratica,
    raccomandate,
    scadenze,
    stazioni,
)

router = APIRouter(include_in_schema=False)
for _pages in (attesa, pratica, documenti, esito, scadenze, raccomandate, stazioni):
    router.include_router(_pages.router)

__all__ = ["router"]
