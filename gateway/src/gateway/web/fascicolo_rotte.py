"""The routes of a case's files for the Ordine's staff, the same for the secretariat and the
relatore: the application's own files (as signed, its PDF, the deposit receipt), its
attachments, the signed order, the notices, the client's observations (each opened in the
browser with ``?apri=1`` or downloaded) and the notices' section alone, which the case page asks
again while the notice travels (aggiorna.js). ``istanze``, ``acquisizione`` and ``revisione``
authorise again; the relatore's area first asks ``revisione`` whether the case is theirs
before ``istanze`` serves its files."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.responses import Response
from starlette.exceptions import HTTPException

from gateway.auth import WebUser
from gateway.dependencies import Acquisizione, Files, Revisione, Servizi
from gateway.documenti import invia_comunicazione, invia_osservazioni
from gateway.ports import Clients
from gateway.web import fascicolo
from gateway.web.dependencies import Identificativo, del_ruolo
from gateway.web.templating import frammento
from parcelle_contracts.common import Attore

Accesso = Callable[[Clients, Attore, str], Awaitable[object]]
"""What the area checks before serving the application's files (nothing for the secretariat)."""


async def libero(servizi: Clients, attore: Attore, istanza_id: str) -> None:
    return None


def rotte(area: str, accesso: Accesso = libero) -> APIRouter:
    """The file routes of ``/<area>/pratiche/{id}`` for users of the role named ``area``."""
    router = APIRouter(include_in_schema=False)
    utente = Depends(del_ruolo(area))
    pratiche = f"/{area}/pratiche/{{istanza_id}}"

    @router.get(f"{pratiche}/documenti/{{quale}}")
    async def documento_istanza(
        request: Request,
        istanza_id: Identificativo,
        quale: str,
        user: Annotated[WebUser, utente],
        servizi: Servizi,
        files: Files,
    ) -> Response:
        tipo = fascicolo.DOCUMENTI.get(quale)
        if tipo is None:
            raise HTTPException(404)
        await accesso(servizi, user.attore, istanza_id)
        file = await servizi.istanze.file(user.attore, istanza_id, tipo)
        return await fascicolo.invia(request, files, file)

    @router.get(f"{pratiche}/allegati/{{allegato_id}}")
    async def allegato(
        request: Request,
        istanza_id: Identificativo,
        allegato_id: Identificativo,
        user: Annotated[WebUser, utente],
        servizi: Servizi,
        files: Files,
    ) -> Response:
        await accesso(servizi, user.attore, istanza_id)
        file = await servizi.istanze.file(user.attore, istanza_id, "allegato", allegato_id)
        return await fascicolo.invia(request, files, file)

    @router.get(f"{pratiche}/provvedimento")
    async def provvedimento(
        request: Request,
        istanza_id: Identificativo,
        user: Annotated[WebUser, utente],
        revisione: Revisione,
        files: Files,
    ) -> Response:
        """The signed liquidation order (or refusal) of a decided case."""
        file = await revisione.file_provvedimento(user.attore, istanza_id)
        return await fascicolo.invia(request, files, file)

    @router.get(f"{pratiche}/comunicazioni/{{comunicazione_id}}")
    async def documento_comunicazione(
        request: Request,
        istanza_id: Identificativo,
        comunicazione_id: Identificativo,
        user: Annotated[WebUser, utente],
        acquisizione: Acquisizione,
        files: Files,
    ) -> Response:
        apri = fascicolo.apri(request)
        return await invia_comunicazione(
            acquisizione, files, user.attore, istanza_id, comunicazione_id, apri=apri
        )

    @router.get(f"{pratiche}/osservazioni/{{numero}}")
    async def documento_osservazioni(
        request: Request,
        istanza_id: Identificativo,
        numero: int,
        user: Annotated[WebUser, utente],
        acquisizione: Acquisizione,
        files: Files,
    ) -> Response:
        apri = fascicolo.apri(request)
        return await invia_osservazioni(
            acquisizione, files, user.attore, istanza_id, numero, apri=apri
        )

    @router.get(f"{pratiche}/sezioni/comunicazioni")
    async def sezione_comunicazioni(
        request: Request,
        istanza_id: Identificativo,
        user: Annotated[WebUser, utente],
        acquisizione: Acquisizione,
    ) -> Response:
        pratica = await acquisizione.dettaglio(user.attore, istanza_id)
        contesto = {"pratica": pratica, "base": f"/{area}/pratiche/{istanza_id}"}
        return frammento(request, "pratica/_comunicazioni.html", contesto)

    return router


__all__ = ["rotte"]
