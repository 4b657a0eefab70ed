"""``/avvocato``: the lawyer's applications, newest change first."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.dependencies import Istanze
from gateway.web.dependencies import AvvocatoWeb
from gateway.web.etichette import stato_da_testo
from gateway.web.templating import pagina

router = APIRouter(include_in_schema=False)


@router.get("/avvocato")
async def elenco(request: Request, user: AvvocatoWeb, istanze: Istanze) -> Response:
    stato = stato_da_testo(request.query_params.get("stato"))
    righe = await istanze.elenco(user.attore, stato)
    righe = sorted(righe, key=lambda riga: riga.aggiornata_il, reverse=True)
    return pagina(
        request,
        "avvocato/elenco.html",
        {"righe": righe, "filtro": stato or ""},
        utente=user,
    )
