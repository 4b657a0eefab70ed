"""The files of a case for its relatore: the application's own (as signed, its PDF, the
deposit receipt), its attachments (the lawyer's integrations included), the notices, the
client's observations and the signed order; each opened in the browser with ``?apri=1`` or
downloaded. ``revisione`` says whose the case is; ``istanze`` and ``acquisizione`` serve the
files. And the parts of the case page that update by themselves (aggiorna.js): the notices'
section and the signed order's."""

from fastapi import APIRouter, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from gateway.dependencies import Acquisizione, Files, Istanze, Revisione
from gateway.documenti import invia_comunicazione, invia_osservazioni
from gateway.web import fascicolo
from gateway.web.dependencies import ConsigliereWeb, Identificativo
from gateway.web.templating import frammento

router = APIRouter(include_in_schema=False)


def base_pratica(istanza_id: str) -> str:
    return f"/consigliere/pratiche/{istanza_id}"


@router.get("/consigliere/pratiche/{istanza_id}/provvedimento")
async def provvedimento(
    request: Request,
    istanza_id: Identificativo,
    user: ConsigliereWeb,
    revisione: Revisione,
    files: Files,
) -> Response:
    file = await revisione.file_provvedimento(user.attore, istanza_id)
    return await fascicolo.invia(request, files, file)


@router.get("/consigliere/pratiche/{istanza_id}/documenti/{quale}")
async def documento_istanza(
    request: Request,
    istanza_id: Identificativo,
    quale: str,
    user: ConsigliereWeb,
    revisione: Revisione,
    istanze: Istanze,
    files: Files,
) -> Response:
    """The application as signed, its PDF or the deposit receipt, to the case's relatore."""
    tipo = fascicolo.DOCUMENTI.get(quale)
    if tipo is None:
        raise HTTPException(404)
    await revisione.dettaglio(user.attore, istanza_id)
    return await fascicolo.invia(request, files, await istanze.file(user.attore, istanza_id, tipo))


@router.get("/consigliere/pratiche/{istanza_id}/allegati/{allegato_id}")
async def allegato(
    request: Request,
    istanza_id: Identificativo,
    allegato_id: Identificativo,
    user: ConsigliereWeb,
    revisione: Revisione,
    istanze: Istanze,
    files: Files,
) -> Response:
    """An attachment of the application (the lawyer's integrations included), to the relatore."""
    await revisione.dettaglio(user.attore, istanza_id)
    file = await istanze.file(user.attore, istanza_id, "allegato", allegato_id)
    return await fascicolo.invia(request, files, file)


@router.get("/consigliere/pratiche/{istanza_id}/comunicazioni/{comunicazione_id}")
async def documento_comunicazione(
    request: Request,
    istanza_id: Identificativo,
    comunicazione_id: Identificativo,
    user: ConsigliereWeb,
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


@router.get("/consigliere/pratiche/{istanza_id}/osservazioni/{numero}")
async def documento_osservazioni(
    request: Request,
    istanza_id: Identificativo,
    numero: int,
    user: ConsigliereWeb,
    acquisizione: Acquisizione,
    files: Files,
) -> Response:
    return await invia_osservazioni(
        acquisizione, files, user.attore, istanza_id, numero, apri=fascicolo.apri(request)
    )


@router.get("/consigliere/pratiche/{istanza_id}/sezioni/comunicazioni")
async def sezione_comunicazioni(
    request: Request, istanza_id: Identificativo, user: ConsigliereWeb, acquisizione: Acquisizione
) -> Response:
    pratica = await acquisizione.dettaglio(user.attore, istanza_id)
    contesto = {"pratica": pratica, "base": base_pratica(istanza_id)}
    return frammento(request, "pratica/_comunicazioni.html", contesto)


@router.get("/consigliere/pratiche/{istanza_id}/sezioni/provvedimento")
async def sezione_provvedimento(
    request: Request, istanza_id: Identificativo, user: ConsigliereWeb, revisione: Revisione
) -> Response:
    """The signed order's part of the decision: the link once signed, else the wait."""
    vista = await revisione.dettaglio(user.attore, istanza_id)
    contesto = {"r": vista, "base": base_pratica(istanza_id)}
    return frammento(request, "consigliere/_provvedimento.html", contesto)
