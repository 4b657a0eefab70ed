"""``/segreteria/raccomandate``: the Ordine's registered mail (raccomandate A/R), the newest
first, with where each one is, what it cost and its receipts (the acceptance slip, the scan of
the return receipt) to download; labelled when the local print-center simulator prints them."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.dependencies import Files, Postale
from gateway.elenchi import cursore, prima, successiva
from gateway.web.dependencies import Identificativo, SegreteriaWeb
from gateway.web.segreteria.comune import base_pratica, pagina_segreteria
from parcelle_contracts.common import Pagina
from parcelle_contracts.vocabolario import (
    MESSAGGI,
    RICEVUTE_POSTALI,
    SIMULATORE_CENTRO_STAMPA,
    STATI_RACCOMANDATA,
)

router = APIRouter(include_in_schema=False)

PER_PAGINA = 50
BADGE = {
    "ricevuta_ritorno": "bg-success",
    "consegnata": "bg-success",
    "in_giacenza": "bg-warning text-dark",
    "restituita": "bg-danger",
    "non_recapitabile": "bg-danger",
    "rifiutata": "bg-danger",
}
"""The colour of a state's badge (the others: in progress)."""


@router.get("/segreteria/raccomandate")
async def raccomandate(request: Request, user: SegreteriaWeb, postale: Postale) -> Response:
    trovate = await postale.raccomandate(user.attore, limit=PER_PAGINA, cursor=cursore(request))
    pagina = Pagina(items=trovate.items, next=trovate.next)
    return pagina_segreteria(
        request,
        user,
        "raccomandate.html",
        {
            "raccomandate": trovate.items,
            "centro_stampa": trovate.centro_stampa,
            "simulatore": trovate.simulatore,
            "SIMULATORE_CENTRO_STAMPA": SIMULATORE_CENTRO_STAMPA,
            "STATI_RACCOMANDATA": STATI_RACCOMANDATA,
            "RICEVUTE_POSTALI": RICEVUTE_POSTALI,
            "MESSAGGI": MESSAGGI,
            "BADGE": BADGE,
            "base_pratica": base_pratica,
            "prima": prima(request),
            "successiva": successiva(request, pagina),
        },
        sezione="raccomandate",
    )


@router.get("/segreteria/raccomandate/{raccomandata_id}/ricevute/{ricevuta_id}")
async def ricevuta(
    raccomandata_id: Identificativo,
    ricevuta_id: Identificativo,
    user: SegreteriaWeb,
    postale: Postale,
    files: Files,
) -> Response:
    file = await postale.file_ricevuta(user.attore, raccomandata_id, ricevuta_id)
    return await files.send(file)
