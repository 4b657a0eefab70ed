"""``/segreteria``: the applications deposited and not yet acquired (oldest first, with filters
and counts), and their acquisition by the scan field or by the list's "Acquisisci".

A genuine code opens the case at once (the answer is the case page, which says whether it was
acquired now or earlier); a refused code comes back to the list with a red banner saying what
was read and why; a hand-signed deposit asks the clerk to confirm that the original is at hand.
"""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from gateway.auth import WebUser
from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.dependencies import Acquisizione, Servizi
from gateway.elenchi import cursore, prima, successiva
from gateway.errors import status_of
from gateway.web.dependencies import SegreteriaWeb, campi_modulo
from gateway.web.segreteria.comune import (
    SERVIZIO_ASSENTE,
    ConfermaOriginale,
    Rifiuto,
    pagina_segreteria,
)
from gateway.web.segreteria.posta import non_recapitate
from gateway.web.segreteria.pratica import pagina_pratica
from parcelle_contracts.acquisizione import Origine, PraticaInAttesa, RiepilogoAttesa
from parcelle_contracts.common import Pagina
from parcelle_contracts.vocabolario import GenereFirma

router = APIRouter(include_in_schema=False)

PER_PAGINA = 50
_FILTRI: dict[str, GenereFirma] = {"digitale": "digitale", "autografa": "autografa"}
_ORIGINI: dict[str, Origine] = {"scanner": "scanner", "elenco": "elenco"}


async def pagina_attesa(
    request: Request,
    user: WebUser,
    acquisizione: Acquisizione,
    *,
    cerca: str = "",
    filtro: GenereFirma | None = None,
    rifiuto: Rifiuto | None = None,
    conferma: ConfermaOriginale | None = None,
    stato: int = 200,
) -> Response:
    """A page of the pending list with its counts; when the service does not answer, the page
    says so (and the scan field still works)."""
    riepilogo: RiepilogoAttesa | None = None
    trovate = Pagina[PraticaInAttesa](items=[])
    try:
        riepilogo = await acquisizione.riepilogo_in_attesa(user.attore)
        trovate = await acquisizione.in_attesa(
            user.attore,
            cerca=cerca or None,
            firma=filtro,
            limit=PER_PAGINA,
            cursor=cursore(request),
        )
    except ServiceUnavailableError:
        if rifiuto is None and conferma is None:
            raise
        riepilogo = None
    return pagina_segreteria(
        request,
        user,
        "attesa.html",
        {
            "riepilogo": riepilogo,
            "righe": trovate.items,
            "cerca": cerca,
            "filtro": filtro or "",
            "prima": prima(request),
            "successiva": successiva(request, trovate),
            "non_recapitate": await non_recapitate(request, user),
        },
        sezione="attesa",
        rifiuto=rifiuto,
        conferma=conferma,
        stato=stato,
    )


@router.get("/segreteria")
async def elenco(request: Request, user: SegreteriaWeb, acquisizione: Acquisizione) -> Response:
    cerca = " ".join(request.query_params.get("cerca", "").split())[:100]
    filtro = _FILTRI.get(request.query_params.get("firma", ""))
    return await pagina_attesa(request, user, acquisizione, cerca=cerca, filtro=filtro)


@router.get("/segreteria/acquisisci")
async def acquisisci_senza_modulo() -> Response:
    return RedirectResponse("/segreteria", status_code=303)


@router.post("/segreteria/acquisisci")
async def acquisisci(request: Request, user: SegreteriaWeb, servizi: Servizi) -> Response:
    acquisizione = servizi.acquisizione
    async with request.form() as form:
        campi = campi_modulo(form, user)
    codice = campi.get("codice", "").strip()[:100]
    origine = _ORIGINI.get(campi.get("origine", ""), "scanner")
    originale = campi.get("originale_ricevuto") == "si"
    bollo = campi.get("bollo_ricevuto") == "si"
    if not codice:
        rifiuto = Rifiuto("", "Nessun codice letto: scansiona il codice dell'istanza o digitalo.")
        return await pagina_attesa(request, user, acquisizione, rifiuto=rifiuto, stato=422)
    try:
        pratica = await acquisizione.acquisisci(
            user.attore,
            codice,
            origine=origine,
            originale_ricevuto=originale,
            bollo_ricevuto=bollo,
        )
    except RichiestaRifiutataError as rifiuto:
        errore = rifiuto.errore
        if errore.codice == "originale_mancante":
            conferma = ConfermaOriginale(
                codice,
                errore.messaggio,
                chiede_originale="originale_ricevuto" in errore.campi,
                chiede_bollo="bollo_ricevuto" in errore.campi,
            )
            return await pagina_attesa(
                request, user, acquisizione, conferma=conferma, stato=status_of(errore)
            )
        return await pagina_attesa(
            request,
            user,
            acquisizione,
            rifiuto=Rifiuto(codice, errore.messaggio),
            stato=status_of(errore),
        )
    except ServiceUnavailableError:
        messaggio = f"{SERVIZIO_ASSENTE} L'istanza non è stata acquisita."
        return await pagina_attesa(
            request, user, acquisizione, rifiuto=Rifiuto(codice, messaggio), stato=503
        )
    # The case page is the answer itself, not a redirect: one round trip and one request to the
    # service fewer between Enter and the page. Its canonical address (which parcelle.js puts
    # in the address bar) is the case page's, so a reload asks for that page.
    esito = "gia_acquisita" if pratica.gia_acquisita else "acquisita"
    return await pagina_pratica(request, user, servizi, pratica, esito=esito)
