"""``/segreteria/pratiche/{id}/esito``: the case after the decision as the clerk handles it:
the signed order, the council fee and its payment (registered here), and the order sent to
the client and other obligors, each delivery with its status and, under art. 7 L. 49/2023,
the end of the opposition period. The case itself belongs to ``istanze``."""

from collections.abc import Awaitable
from datetime import date
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from gateway.auth import WebUser
from gateway.dependencies import Istanze
from gateway.ports import IstanzePort
from gateway.web.dependencies import Identificativo, SegreteriaWeb, campi_modulo
from gateway.web.segreteria.comune import base_pratica, pagina_segreteria
from gateway.web.seguito import contesto_seguito, esegui, leggi_destinatari
from gateway.web.templating import frammento
from parcelle_contracts.vocabolario import METODI_PAGAMENTO, MetodoPagamento

router = APIRouter(include_in_schema=False)
ESITI = {"pagato": "Pagamento registrato.", "inviato": "Provvedimento in partenza."}
METODI: dict[str, MetodoPagamento] = {metodo: metodo for metodo in METODI_PAGAMENTO}


async def pagina_esito(
    request: Request,
    user: WebUser,
    istanze: IstanzePort,
    istanza_id: str,
    *,
    valori: dict[str, str] | None = None,
    errori: dict[str, str] | None = None,
    errore_generale: str | None = None,
    stato: int = 200,
) -> Response:
    istanza = await istanze.dettaglio(user.attore, istanza_id)
    base = base_pratica(istanza_id)
    esito = request.query_params.get("esito")
    contesto: dict[str, Any] = {
        "istanza": istanza,
        "base": base,
        "azione": f"{base}/esito",
        "scarica": f"{base}/provvedimento",
        "staff": True,
        "esito": ESITI.get(esito or "") if not errori and not errore_generale else None,
        "valori": contesto_seguito(istanza, valori or {}),
        "errori": errori or {},
        "errore_generale": errore_generale,
    }
    return pagina_segreteria(request, user, "esito.html", contesto, sezione="pratica", stato=stato)


@router.get("/segreteria/pratiche/{istanza_id}/esito")
async def mostra(
    request: Request, istanza_id: Identificativo, user: SegreteriaWeb, istanze: Istanze
) -> Response:
    return await pagina_esito(request, user, istanze, istanza_id)


@router.get("/segreteria/pratiche/{istanza_id}/esito/sezioni/invii")
async def sezione_invii(
    request: Request, istanza_id: Identificativo, user: SegreteriaWeb, istanze: Istanze
) -> Response:
    """The order's deliveries alone, for the page that updates itself."""
    istanza = await istanze.dettaglio(user.attore, istanza_id)
    contesto = {"istanza": istanza, "azione": f"{base_pratica(istanza_id)}/esito"}
    return frammento(request, "pratica/_invii.html", contesto)


@router.post("/segreteria/pratiche/{istanza_id}/esito/pagamento")
async def pagamento(
    request: Request, istanza_id: Identificativo, user: SegreteriaWeb, istanze: Istanze
) -> Response:
    async with request.form() as form:
        valori = campi_modulo(form, user)
    errori: dict[str, str] = {}
    giorno = _data(valori.get("pagamento.data", ""))
    if giorno is None or giorno > date.today():
        errori["pagamento.data"] = "Indica la data del pagamento, non successiva a oggi."
    metodo = METODI.get(valori.get("pagamento.metodo", ""))
    if metodo is None:
        errori["pagamento.metodo"] = "Scegli la modalità di pagamento."
    riferimento = " ".join(valori.get("pagamento.riferimento", "").split())
    if not 1 <= len(riferimento) <= 140:
        errori["pagamento.riferimento"] = (
            "Indica il riferimento del pagamento (IUV, CRO o quietanza)."
        )
    if errori or giorno is None or metodo is None:
        return await pagina_esito(
            request, user, istanze, istanza_id, valori=valori, errori=errori, stato=422
        )
    return await _esegui(
        request,
        user,
        istanze,
        istanza_id,
        valori,
        istanze.registra_pagamento(user.attore, istanza_id, giorno, metodo, riferimento),
        "pagato",
    )


@router.post("/segreteria/pratiche/{istanza_id}/esito/consegne")
async def invia(
    request: Request, istanza_id: Identificativo, user: SegreteriaWeb, istanze: Istanze
) -> Response:
    async with request.form() as form:
        valori = campi_modulo(form, user)
    recapiti, errori = leggi_destinatari(valori)
    if errori:
        return await pagina_esito(
            request, user, istanze, istanza_id, valori=valori, errori=errori, stato=422
        )
    return await _esegui(
        request,
        user,
        istanze,
        istanza_id,
        valori,
        istanze.invia_provvedimento(user.attore, istanza_id, recapiti),
        "inviato",
    )


async def _esegui(
    request: Request,
    user: WebUser,
    istanze: IstanzePort,
    istanza_id: str,
    valori: dict[str, str],
    richiesta: Awaitable[object],
    esito: str,
) -> Response:
    """Send the request; back to the page with what was typed when it is refused."""
    rifiuto = await esegui(richiesta)
    if rifiuto is None:
        return RedirectResponse(f"{base_pratica(istanza_id)}/esito?esito={esito}", 303)
    return await pagina_esito(
        request,
        user,
        istanze,
        istanza_id,
        valori=valori,
        errori=rifiuto.errori,
        errore_generale=rifiuto.messaggio,
        stato=rifiuto.stato,
    )


def _data(testo: str) -> date | None:
    try:
        return date.fromisoformat(testo.strip())
    except ValueError:
        return None
