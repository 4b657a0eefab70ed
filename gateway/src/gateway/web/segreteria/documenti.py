"""The files of a case for the clerk: the application's own (as signed, its PDF, the deposit
receipt), its attachments, the notices, the client's observations and the signed liquidation
order; each opened in the browser with ``?apri=1`` or downloaded. And the notices' section
alone, which the case page asks again while the notice is being prepared (aggiorna.js)."""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from gateway.dependencies import Acquisizione, Files, Istanze, Revisione
from gateway.documenti import invia_comunicazione, invia_osservazioni
from gateway.web import fascicolo
from gateway.web.dependencies import Identificativo, SegreteriaWeb
from gateway.web.segreteria.comune import base_pratica
from gateway.web.templating import frammento

router = APIRouter(include_in_schema=False)


@router.get("/segreteria/pratiche/{istanza_id}/documenti/{quale}")
async def documento_istanza(
    request: Request,
    istanza_id: Identificativo,
    quale: str,
    user: SegreteriaWeb,
    istanze: Istanze,
    files: Files,
) -> Response:
    tipo = fascicolo.DOCUMENTI.get(quale)
    if tipo is None:
        raise HTTPException(404)
    return await fascicolo.invia(request, files, await istanze.file(user.attore, istanza_id, tipo))


@router.get("/segreteria/pratiche/{istanza_id}/allegati/{allegato_id}")
async def allegato(
    request: Request,
    istanza_id: Identificativo,
    allegato_id: Identificativo,
    user: SegreteriaWeb,
    istanze: Istanze,
    files: Files,
) -> Response:
    file = await istanze.file(user.attore, istanza_id, "allegato", allegato_id)
    return await fascicolo.invia(request, files, file)


@router.get("/segreteria/pratiche/{istanza_id}/provvedimento")
async def provvedimento(
    request: Request,
    istanza_id: Identificativo,
    user: SegreteriaWeb,
    revisione: Revisione,
    files: Files,
) -> Response:
    """The signed liquidation order (or refusal) of a decided case."""
    file = await revisione.file_provvedimento(user.attore, istanza_id)
    return await fascicolo.invia(request, files, file)


@router.get("/segreteria/pratiche/{istanza_id}/comunicazioni/{comunicazione_id}")
async def documento_comunicazione(
    request: Request,
    istanza_id: Identificativo,
    comunicazione_id: Identificativo,
    user: SegreteriaWeb,
    acquisizione: Acquisizione,
    files: Files,
) -> Response:
    return await invia_comunicazione(
        acquisizione,
        files,
        user.attore,
        istanza_id,
        comunicazione_id,
        apri=fascicolo.apri(request),
    )


@router.get("/segreteria/pratiche/{istanza_id}/osservazioni/{numero}")
async def documento_osservazioni(
    request: Request,
    istanza_id: Identificativo,
    numero: int,
    user: SegreteriaWeb,
    acquisizione: Acquisizione,
    files: Files,
) -> Response:
    return await invia_osservazioni(
        acquisizione, files, user.attore, istanza_id, numero, apri=fascicolo.apri(request)
    )


@router.get("/segreteria/pratiche/{istanza_id}/sezioni/comunicazioni")
async def sezione_comunicazioni(
    request: Request, istanza_id: Identificativo, user: SegreteriaWeb, acquisizione: Acquisizione
) -> Response:
    pratica = await acquisizione.dettaglio(user.attore, istanza_id)
    contesto = {"pratica": pratica, "base": base_pratica(istanza_id)}
    return frammento(request, "pratica/_comunicazioni.html", contesto)
