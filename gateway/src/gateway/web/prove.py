"""The receipts of the order's deliveries downloaded from the case's page, by the lawyer who
owns it and by the Ordine's secretariat (:mod:`gateway.prove`)."""

from fastapi import APIRouter
from fastapi.responses import Response

from gateway.dependencies import Files, Istanze, Notifiche, Postale
from gateway.prove import file_prova
from gateway.web.dependencies import AvvocatoWeb, Identificativo, SegreteriaWeb

router = APIRouter()


@router.get("/avvocato/istanze/{istanza_id}/prove/{prova_id}")
async def dell_avvocato(
    istanza_id: Identificativo,
    prova_id: Identificativo,
    user: AvvocatoWeb,
    istanze: Istanze,
    notifiche: Notifiche,
    postale: Postale,
    files: Files,
) -> Response:
    file = await file_prova(istanze, notifiche, postale, user.attore, istanza_id, prova_id)
    return await files.send(file)


@router.get("/segreteria/pratiche/{istanza_id}/esito/prove/{prova_id}")
async def della_segreteria(
    istanza_id: Identificativo,
    prova_id: Identificativo,
    user: SegreteriaWeb,
    istanze: Istanze,
    notifiche: Notifiche,
    postale: Postale,
    files: Files,
) -> Response:
    file = await file_prova(istanze, notifiche, postale, user.attore, istanza_id, prova_id)
    return await files.send(file)
