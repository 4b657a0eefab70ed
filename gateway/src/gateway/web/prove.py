"""The receipts of the order's deliveries (a PEC's receipts, kept by ``notifiche``; a
raccomandata's acceptance slip and scanned return receipt, kept by ``postale``), downloaded from
the case by the lawyer who owns it and by the Ordine's secretariat. ``istanze`` says which
receipts the case has and that the user may read it; the service that keeps the file checks
again (the lawyer is among the readers ``istanze`` named when it sent the order)."""

from fastapi import APIRouter, HTTPException
from fastapi.responses import Response

from gateway.auth import WebUser
from gateway.dependencies import Files, Istanze, Notifiche, Postale
from gateway.ports import IstanzePort, NotifichePort, PostalePort
from gateway.web.dependencies import AvvocatoWeb, Identificativo, SegreteriaWeb
from parcelle_contracts.common import FileRef

router = APIRouter()


async def _file(
    istanze: IstanzePort,
    notifiche: NotifichePort,
    postale: PostalePort,
    user: WebUser,
    istanza_id: str,
    prova_id: str,
) -> FileRef:
    istanza = await istanze.dettaglio(user.attore, istanza_id)
    consegne = istanza.seguito.consegne if istanza.seguito else []
    prova = next((p for c in consegne for p in c.prove if p.id == prova_id), None)
    if prova is None:
        raise HTTPException(404)
    if prova.servizio == "notifiche":
        return await notifiche.file_ricevuta(user.attore, prova.id)
    if prova.raccomandata_id is None:
        raise HTTPException(404)
    return await postale.file_ricevuta(user.attore, prova.raccomandata_id, prova.id)


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
    return await files.send(await _file(istanze, notifiche, postale, user, istanza_id, prova_id))


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
    return await files.send(await _file(istanze, notifiche, postale, user, istanza_id, prova_id))
