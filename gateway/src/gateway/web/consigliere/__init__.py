"""The councillor's area ``/consigliere``: the cases assigned to them and each case with its
review (pratiche), and the case's files (documenti)."""

from fastapi import APIRouter

from gateway.web.consigliere import documenti, pratiche

router = APIRouter(include_in_schema=False)
router.include_router(pratiche.router)
router.include_router(documenti.router)

__all__ = ["router"]
