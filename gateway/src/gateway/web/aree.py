"""The councillors' area: a placeholder until that area is built."""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from gateway.web.dipendenze import FORBIDDEN, UtenteWeb
from gateway.web.templating import pagina

router = APIRouter(include_in_schema=False)

TITOLI = {"consigliere": "Area del consigliere relatore"}


def _area(request: Request, user: UtenteWeb, ruolo: str) -> Response:
    if user.account.ruolo != ruolo:
        raise HTTPException(403, FORBIDDEN)
    return pagina(request, "area_in_preparazione.html", {"titolo": TITOLI[ruolo]}, utente=user)


@router.get("/consigliere")
async def consigliere(request: Request, user: UtenteWeb) -> Response:
    return _area(request, user, "consigliere")
