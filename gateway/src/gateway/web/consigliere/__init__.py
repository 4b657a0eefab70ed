"""The councillor's area ``/consigliere``: the cases assigned to them and each case, read-only
(pratiche)."""

from fastapi import APIRouter

from gateway.web.consigliere import pratiche

router = APIRouter(include_in_schema=False)
router.include_router(pratiche.router)

__all__ = ["router"]
