"""Attachments of a draft: upload (with its category), removal, download.

Every upload ends in a redirect to the step's own address (post/redirect/get), a refused one
too: the step shows the error beside the file field with the category still chosen (the file
itself a browser never lets a page choose again). The error travels in the address
(:mod:`gateway.web.avvocato.ritorno`).
"""

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.dependencies import Files, Istanze
from gateway.errors import ApiError
from gateway.web.avvocato.compilazione import indirizzo_passo
from gateway.web.avvocato.ritorno import CATEGORIE, di_nuovo
from gateway.web.dependencies import (
    CSRF_FIELD,
    RIFIUTI_DA_PAGINA,
    AvvocatoWeb,
    Identificativo,
    verifica_csrf,
)
from parcelle_kit.blob.filenames import sanitise_filename

router = APIRouter(include_in_schema=False)

SERVIZIO_ASSENTE = (
    "Il servizio non risponde in questo momento: l'allegato non è stato caricato. Riprova tra poco."
)


@router.post("/avvocato/istanze/{istanza_id}/allegati")
async def carica(
    request: Request,
    istanza_id: Identificativo,
    user: AvvocatoWeb,
    istanze: Istanze,
    files: Files,
    file: Annotated[UploadFile | None, File()] = None,
    categoria: Annotated[str, Form()] = "",
    csrf: Annotated[str, Form(alias=CSRF_FIELD)] = "",
) -> Response:
    verifica_csrf(user, csrf)
    scelta = CATEGORIE.get(categoria)
    if scelta is None:
        return di_nuovo(user, istanza_id, "categoria", "Scegli il tipo di documento.", categoria)
    if file is None or not file.filename:
        return di_nuovo(user, istanza_id, "file", "Scegli il file da allegare.", categoria)
    try:
        blob = await files.receive(file)
    except ApiError as error:
        return di_nuovo(user, istanza_id, "file", error.message, categoria)
    if blob.size == 0:
        return di_nuovo(
            user, istanza_id, "file", "Il file è vuoto: scegli un altro file.", categoria
        )
    nome = sanitise_filename(file.filename or "allegato")
    try:
        await istanze.aggiungi_allegato(user.attore, istanza_id, scelta, nome, blob)
    except RichiestaRifiutataError as rifiuto:
        if rifiuto.errore.codice in RIFIUTI_DA_PAGINA:
            raise
        campi = rifiuto.errore.campi
        campo = "categoria" if "categoria" in campi else "file"
        messaggio = campi.get(campo) or next(iter(campi.values()), rifiuto.errore.messaggio)
        return di_nuovo(user, istanza_id, campo, messaggio, categoria)
    except ServiceUnavailableError:
        return di_nuovo(user, istanza_id, "generale", SERVIZIO_ASSENTE, categoria)
    return RedirectResponse(f"{indirizzo_passo(istanza_id, 'allegati')}?caricato=1", 303)


@router.post("/avvocato/istanze/{istanza_id}/allegati/{allegato_id}/rimuovi")
async def rimuovi(
    request: Request,
    istanza_id: Identificativo,
    allegato_id: Identificativo,
    user: AvvocatoWeb,
    istanze: Istanze,
) -> Response:
    async with request.form() as form:
        verifica_csrf(user, form.get(CSRF_FIELD))
    await istanze.rimuovi_allegato(user.attore, istanza_id, allegato_id)
    return RedirectResponse(f"{indirizzo_passo(istanza_id, 'allegati')}?rimosso=1", 303)


@router.get("/avvocato/istanze/{istanza_id}/allegati/{allegato_id}")
async def scarica(
    istanza_id: Identificativo,
    allegato_id: Identificativo,
    user: AvvocatoWeb,
    istanze: Istanze,
    files: Files,
) -> Response:
    return await files.send(await istanze.file(user.attore, istanza_id, "allegato", allegato_id))
