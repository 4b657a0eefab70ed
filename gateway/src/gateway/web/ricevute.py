"""A kept PEC receipt, downloaded by the secretariat from its area: the raw signed message as
the provider issued it (``.eml``), the legal proof of a delivery."""

from fastapi import APIRouter
from fastapi.responses import Response

from gateway.dependencies import Files, Notifiche
from gateway.web.dependencies import Identificativo, SegreteriaWeb

router = APIRouter()


@router.get("/segreteria/ricevute-pec/{ricevuta_id}")
async def ricevuta_pec(
    ricevuta_id: Identificativo, user: SegreteriaWeb, notifiche: Notifiche, files: Files
) -> Response:
    return await files.send(await notifiche.file_ricevuta(user.attore, ricevuta_id))
