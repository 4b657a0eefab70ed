"""``/avvocato``: the lawyer's applications, the latest changed first, a page at a time, with a
search by code or client and a filter by state."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.dependencies import Istanze
from gateway.elenchi import cursore, prima, successiva
from gateway.web.dependencies import AvvocatoWeb
from gateway.web.etichette import stato_da_testo
from gateway.web.templating import pagina

router = APIRouter(include_in_schema=False)
PER_PAGINA = 25


@router.get("/avvocato")
async def elenco(request: Request, user: AvvocatoWeb, istanze: Istanze) -> Response:
    stato = stato_da_testo(request.query_params.get("stato"))
    cerca = request.query_params.get("cerca", "").strip()[:100] or None
    trovate = await istanze.elenco(
        user.attore, stato=stato, cerca=cerca, limit=PER_PAGINA, cursor=cursore(request)
    )
    return pagina(
        request,
        "avvocato/elenco.html",
        {
            "righe": trovate.items,
            "filtro": stato or "",
            "cerca": cerca or "",
            "successiva": successiva(request, trovate),
            "prima": prima(request),
        },
        utente=user,
    )
