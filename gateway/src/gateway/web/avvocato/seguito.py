"""The lawyer after the decision: the signed order's download (once the Ordine releases it),
the order sent to the client and other obligors from the case page, the same for many cases at
once (``/avvocato/invii``), and the channels of their own messages (``/avvocato/avvisi``)."""

import asyncio
from typing import Any, get_args

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from gateway.bus import RichiestaRifiutataError
from gateway.dependencies import Files, Istanze, Revisione
from gateway.elenchi import PaginaRichiesta
from gateway.web import campi
from gateway.web.avvocato.compilazione import base_istanza
from gateway.web.avvocato.istanza import pagina_istanza
from gateway.web.dependencies import AvvocatoWeb, Identificativo, campi_modulo
from gateway.web.seguito import da_inviare, esegui, invia_scelti, leggi_destinatari
from gateway.web.templating import frammento, pagina
from parcelle_contracts.vocabolario import CanalePosta

router = APIRouter(include_in_schema=False)
ATTESE_RILASCIO = (0.2, 0.5, 1.0)
"""Seconds between asks while a release announced by istanze is on its way to revisione."""
INVII = {"azione": "/avvocato/invii", "pratica_di": base_istanza}
"""Where the page of many orders at once posts, and where each case's page is."""


@router.get("/avvocato/istanze/{istanza_id}/documenti/provvedimento")
async def provvedimento(
    istanza_id: Identificativo,
    user: AvvocatoWeb,
    revisione: Revisione,
    files: Files,
) -> Response:
    """The signed order; until the Ordine releases it, back to the case, which says why. The
    release reaches revisione a moment after the case shows it: the page waits that moment."""
    for attesa in (0.0, *ATTESE_RILASCIO):
        await asyncio.sleep(attesa)
        try:
            file = await revisione.file_provvedimento(user.attore, istanza_id)
        except RichiestaRifiutataError as rifiuto:
            if rifiuto.errore.codice != "stato_non_valido":
                raise
            continue
        return await files.send(file)
    return RedirectResponse(f"{base_istanza(istanza_id)}#provvedimento", 303)


@router.get("/avvocato/istanze/{istanza_id}/sezioni/invii")
async def sezione_invii(
    request: Request, istanza_id: Identificativo, user: AvvocatoWeb, istanze: Istanze
) -> Response:
    """The order's deliveries alone, for the case page that updates itself."""
    istanza = await istanze.dettaglio(user.attore, istanza_id)
    contesto = {"istanza": istanza, "azione": base_istanza(istanza_id)}
    return frammento(request, "pratica/_invii.html", contesto)


@router.post("/avvocato/istanze/{istanza_id}/consegne")
async def invia(
    request: Request, istanza_id: Identificativo, user: AvvocatoWeb, istanze: Istanze
) -> Response:
    async with request.form() as form:
        valori = campi_modulo(form, user)
    recapiti, errori = leggi_destinatari(valori)
    messaggio: str | None = None
    stato = 422
    if not errori:
        rifiuto = await esegui(istanze.invia_provvedimento(user.attore, istanza_id, recapiti))
        if rifiuto is None:
            return RedirectResponse(f"{base_istanza(istanza_id)}?esito=inviato#provvedimento", 303)
        errori, messaggio, stato = rifiuto.errori, rifiuto.messaggio, rifiuto.stato
    istanza = await istanze.dettaglio(user.attore, istanza_id)
    return pagina_istanza(
        request, user, istanza, valori=valori, errori=errori, errore_generale=messaggio, stato=stato
    )


@router.get("/avvocato/avvisi")
async def avvisi(request: Request, user: AvvocatoWeb, istanze: Istanze) -> Response:
    scelti = await istanze.avvisi(user.attore)
    esito = request.query_params.get("esito") == "salvato"
    contesto = {"canali": scelti.canali, "esito": esito, "errori": {}, "riepilogo_errori": []}
    return pagina(request, "avvocato/avvisi.html", contesto, utente=user)


@router.post("/avvocato/avvisi")
async def imposta_avvisi(request: Request, user: AvvocatoWeb, istanze: Istanze) -> Response:
    async with request.form() as form:
        campi_modulo(form, user)
        scelti = [c for c in form.getlist("canali") if isinstance(c, str)]
    canali: list[CanalePosta] = [c for c in get_args(CanalePosta) if c in scelti]
    if not canali:
        errori = {"canali": "Scegli almeno un mezzo: e-mail, PEC o entrambi."}
        contesto: dict[str, Any] = {
            "canali": [],
            "esito": False,
            "errori": errori,
            "riepilogo_errori": campi.riepilogo_errori(errori),
        }
        return pagina(request, "avvocato/avvisi.html", contesto, utente=user, stato=422)
    await istanze.imposta_avvisi(user.attore, canali)
    return RedirectResponse("/avvocato/avvisi?esito=salvato", 303)


@router.get("/avvocato/invii")
async def invii(
    request: Request, user: AvvocatoWeb, istanze: Istanze, pagina_richiesta: PaginaRichiesta
) -> Response:
    contesto = await da_inviare(request, istanze, user.attore, INVII, pagina_richiesta)
    return pagina(request, "avvocato/invii.html", contesto, utente=user)


@router.post("/avvocato/invii")
async def invia_molti(request: Request, user: AvvocatoWeb, istanze: Istanze) -> Response:
    """The order of each case chosen to its client, by the channel that reaches them best."""
    esito = await invia_scelti(request, istanze, user, INVII)
    if isinstance(esito, Response):
        return esito
    return pagina(request, "avvocato/invii.html", esito, utente=user, stato=422)
