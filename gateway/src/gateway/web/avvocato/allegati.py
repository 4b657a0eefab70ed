"""Attachments of a draft: upload (with its category), removal, download."""

from typing import Annotated

from fastapi import APIRouter, File, Form, Request, UploadFile
from fastapi.responses import RedirectResponse, Response

from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.dependencies import Files, Istanze
from gateway.errors import ApiError
from gateway.web.avvocato import passi
from gateway.web.avvocato.compilazione import (
    SERVIZIO_ASSENTE,
    dettaglio_se_possibile,
    indirizzo_passo,
    pagina_passo,
)
from gateway.web.dependencies import (
    CSRF_FIELD,
    RIFIUTI_DA_PAGINA,
    AvvocatoWeb,
    Identificativo,
    verifica_csrf,
)
from parcelle_contracts.vocabolario import CATEGORIE_ALLEGATO, CategoriaAllegato
from parcelle_kit.blob.filenames import sanitise_filename

router = APIRouter(include_in_schema=False)

PASSO = passi.PER_SLUG["allegati"]
_CATEGORIE: dict[str, CategoriaAllegato] = {nome: nome for nome in CATEGORIE_ALLEGATO}


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
    scelta = _CATEGORIE.get(categoria)
    errori: dict[str, str] = {}
    if scelta is None:
        errori["categoria"] = "Scegli il tipo di documento."
    if file is None or not file.filename:
        errori["file"] = "Scegli il file da allegare."

    async def di_nuovo(errore_generale: str | None = None, stato: int = 422) -> Response:
        istanza = await dettaglio_se_possibile(istanze, user, istanza_id)
        return pagina_passo(
            request,
            user,
            PASSO,
            istanza_id=istanza_id,
            istanza=istanza,
            valori={"categoria": categoria},
            errori=errori,
            errore_generale=errore_generale,
            stato=stato,
        )

    if errori or file is None or scelta is None:
        return await di_nuovo()
    try:
        blob = await files.receive(file)
    except ApiError as error:
        errori["file"] = error.message
        return await di_nuovo(stato=error.status)
    if blob.size == 0:
        errori["file"] = "Il file è vuoto: scegli un altro file."
        return await di_nuovo()
    nome = sanitise_filename(file.filename or "allegato")
    try:
        await istanze.aggiungi_allegato(user.attore, istanza_id, scelta, nome, blob)
    except RichiestaRifiutataError as rifiuto:
        if rifiuto.errore.codice in RIFIUTI_DA_PAGINA:
            raise
        campi = rifiuto.errore.campi
        errori["categoria" if "categoria" in campi else "file"] = campi.get("categoria") or next(
            iter(campi.values()), rifiuto.errore.messaggio
        )
        return await di_nuovo()
    except ServiceUnavailableError:
        return await di_nuovo(SERVIZIO_ASSENTE.replace("di questo passo", "dell'allegato"), 503)
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
