"""``/segreteria/scadenze``: acquired cases whose legal deadline is near or past, the most
urgent first."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.dependencies import Acquisizione
from gateway.elenchi import cursore, prima, successiva
from gateway.web import presentazione
from gateway.web.dependencies import SegreteriaWeb
from gateway.web.segreteria.comune import base_pratica, pagina_segreteria

router = APIRouter(include_in_schema=False)

SCELTE_GIORNI = (5, 10, 15, 30)
PER_PAGINA = 50


@router.get("/segreteria/scadenze")
async def scadenze(request: Request, user: SegreteriaWeb, acquisizione: Acquisizione) -> Response:
    testo = request.query_params.get("giorni", "")
    giorni = int(testo) if testo.isdigit() and int(testo) in SCELTE_GIORNI else presentazione.VICINO
    cerca = " ".join(request.query_params.get("cerca", "").split())[:100]
    trovate = await acquisizione.scadenze(  # the most urgent first
        user.attore, giorni=giorni, cerca=cerca or None, limit=PER_PAGINA, cursor=cursore(request)
    )
    righe = presentazione.righe(trovate.items, base_pratica, giorni)
    return pagina_segreteria(
        request,
        user,
        "scadenze.html",
        {
            "righe": righe,
            "giorni": giorni,
            "cerca": cerca,
            "SCELTE_GIORNI": SCELTE_GIORNI,
            "prima": prima(request),
            "successiva": successiva(request, trovate),
        },
        sezione="scadenze",
    )
