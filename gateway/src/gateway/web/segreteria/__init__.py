"""The secretariat's area ``/segreteria``: the pending list and the scan field (attesa), the
case page (pratica) and its files (documenti), the decided case's order, council fee and
deliveries (esito), many orders sent at once (invii), the deadlines (scadenze), the registered
mail (raccomandate), the scanner stations (stazioni) and, in development, the mail kept by the
local SMTP sink (posta)."""

from fastapi import APIRouter

from gateway.web.segreteria import (
    attesa,
    documenti,
    esito,
    invii,
    posta,
    pratica,
    raccomandate,
    scadenze,
    stazioni,
)

router = APIRouter(include_in_schema=False)
for _pages in (attesa, pratica, documenti, esito, invii, scadenze, raccomandate, stazioni, posta):
    router.include_router(_pages.router)

__all__ = ["router"]
