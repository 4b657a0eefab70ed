"""The councillor's area ``/consigliere``: the cases assigned to them, the nearest deadline
first, and each case as the secretariat registered it (registration, deadline, notices, the
client's observations, timeline), read-only, with the documents to download. The review of the
amounts and the order come with the next part of the area."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.dependencies import Acquisizione, Files
from gateway.documenti import invia_comunicazione, invia_osservazioni
from gateway.elenchi import cursore, prima, successiva
from gateway.web import presentazione
from gateway.web.dependencies import ConsigliereWeb, Identificativo
from gateway.web.templating import pagina

router = APIRouter(include_in_schema=False)
PER_PAGINA = 50


def base_pratica(istanza_id: str) -> str:
    return f"/consigliere/pratiche/{istanza_id}"


@router.get("/consigliere")
async def elenco(request: Request, user: ConsigliereWeb, acquisizione: Acquisizione) -> Response:
    trovate = await acquisizione.assegnate(user.attore, limit=PER_PAGINA, cursor=cursore(request))
    righe = presentazione.righe(trovate.items, base_pratica)
    contesto = {
        "righe": righe,
        "prima": prima(request),
        "successiva": successiva(request, trovate),
    }
    return pagina(request, "consigliere/elenco.html", contesto, utente=user)


@router.get("/consigliere/pratiche/{istanza_id}")
async def mostra(
    request: Request, istanza_id: Identificativo, user: ConsigliereWeb, acquisizione: Acquisizione
) -> Response:
    pratica = await acquisizione.dettaglio(user.attore, istanza_id)
    contesto = presentazione.contesto_pratica(pratica, base_pratica(istanza_id))
    return pagina(request, "consigliere/pratica.html", contesto, utente=user)


@router.get("/consigliere/pratiche/{istanza_id}/comunicazioni/{comunicazione_id}")
async def documento_comunicazione(
    istanza_id: Identificativo,
    comunicazione_id: Identificativo,
    user: ConsigliereWeb,
    acquisizione: Acquisizione,
    files: Files,
) -> Response:
    return await invia_comunicazione(acquisizione, files, user.attore, istanza_id, comunicazione_id)


@router.get("/consigliere/pratiche/{istanza_id}/osservazioni/{numero}")
async def documento_osservazioni(
    istanza_id: Identificativo,
    numero: int,
    user: ConsigliereWeb,
    acquisizione: Acquisizione,
    files: Files,
) -> Response:
    return await invia_osservazioni(acquisizione, files, user.attore, istanza_id, numero)
