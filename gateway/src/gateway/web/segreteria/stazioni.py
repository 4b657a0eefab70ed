"""``/segreteria/stazioni``: the Ordine's scanner stations: the list, a new station (its key is
on the answer page and nowhere else, ever), and revocation after a confirmation page."""

from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response
from starlette.exceptions import HTTPException

from gateway.auth import WebUser
from gateway.dependencies import Stazioni
from gateway.elenchi import cursore, prima, successiva
from gateway.stazioni.store import Stazione, StazioneNonValidaError, StazioniStore
from gateway.web.dependencies import Identificativo, SegreteriaWeb, campi_modulo
from gateway.web.segreteria.comune import pagina_segreteria
from parcelle_contracts.common import Pagina

router = APIRouter(include_in_schema=False)
PER_PAGINA = 50

NON_TROVATA = "Stazione non trovata."


async def _pagina_elenco(
    request: Request,
    user: WebUser,
    stazioni: StazioniStore,
    *,
    valori: dict[str, str] | None = None,
    errori: dict[str, str] | None = None,
    stato: int = 200,
) -> Response:
    revocata = request.query_params.get("revocata")
    elenco, cursor = await stazioni.pagina(user.account.ordine, PER_PAGINA, cursore(request))
    revocata_qui = await stazioni.get(revocata) if revocata else None
    contesto: dict[str, Any] = {
        "stazioni": elenco,
        "revocata": revocata_qui
        if revocata_qui and revocata_qui.ordine == user.account.ordine
        else None,
        "valori": valori or {},
        "errori": errori or {},
        "prima": prima(request),
        "successiva": successiva(request, Pagina[Stazione](items=elenco, next=cursor)),
    }
    return pagina_segreteria(
        request, user, "stazioni.html", contesto, sezione="stazioni", stato=stato
    )


async def _sua(stazioni: StazioniStore, user: WebUser, stazione_id: str) -> Stazione:
    """A station of the clerk's Ordine; another Ordine's is as missing as a missing one."""
    stazione = await stazioni.get(stazione_id)
    if stazione is None or stazione.ordine != user.account.ordine:
        raise HTTPException(404, NON_TROVATA)
    return stazione


@router.get("/segreteria/stazioni")
async def elenco(request: Request, user: SegreteriaWeb, stazioni: Stazioni) -> Response:
    return await _pagina_elenco(request, user, stazioni)


@router.post("/segreteria/stazioni")
async def crea(request: Request, user: SegreteriaWeb, stazioni: Stazioni) -> Response:
    async with request.form() as form:
        campi = campi_modulo(form, user)
    nome = campi.get("stazione.nome", "")
    try:
        stazione, chiave = await stazioni.crea(
            nome=nome, ordine=user.account.ordine, da=user.account.username
        )
    except StazioneNonValidaError as error:
        errori = {f"stazione.{campo}": messaggio for campo, messaggio in error.campi.items()}
        return await _pagina_elenco(
            request, user, stazioni, valori={"stazione.nome": nome}, errori=errori, stato=422
        )
    # The key is on this page only: no redirect (it would have to travel in the address).
    return pagina_segreteria(
        request,
        user,
        "stazione_creata.html",
        {"stazione": stazione, "chiave": chiave},
        sezione="stazioni",
        stato=201,
    )


@router.get("/segreteria/stazioni/{stazione_id}/revoca")
async def conferma_revoca(
    request: Request, stazione_id: Identificativo, user: SegreteriaWeb, stazioni: Stazioni
) -> Response:
    stazione = await _sua(stazioni, user, stazione_id)
    if not stazione.attiva:
        return RedirectResponse("/segreteria/stazioni", status_code=303)
    return pagina_segreteria(
        request, user, "stazione_revoca.html", {"stazione": stazione}, sezione="stazioni"
    )


@router.post("/segreteria/stazioni/{stazione_id}/revoca")
async def revoca(
    request: Request, stazione_id: Identificativo, user: SegreteriaWeb, stazioni: Stazioni
) -> Response:
    async with request.form() as form:
        campi_modulo(form, user)
    try:
        stazione = await stazioni.revoca(
            stazione_id, da=user.account.username, ordine=user.account.ordine
        )
    except KeyError:  # missing, or another Ordine's
        raise HTTPException(404, NON_TROVATA) from None
    return RedirectResponse(f"/segreteria/stazioni?revocata={stazione.id}", status_code=303)
