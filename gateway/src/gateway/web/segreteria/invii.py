"""``/segreteria/invii``: the Ordine's decided cases, to send many signed orders to their
clients at once, each through the channel that reaches its client best (PEC, else a
raccomandata at their address, else e-mail); different recipients or channels are chosen on
the case's own page ("Provvedimento, diritti e invii")."""

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from gateway.dependencies import Istanze
from gateway.elenchi import PaginaRichiesta
from gateway.web.dependencies import SegreteriaWeb, campi_modulo
from gateway.web.segreteria.comune import base_pratica, pagina_segreteria
from gateway.web.seguito import contesto_invii, invia_ai_clienti

router = APIRouter(include_in_schema=False)


def esito_di(istanza_id: str) -> str:
    return f"{base_pratica(istanza_id)}/esito"


INVII = {"azione": "/segreteria/invii", "pratica_di": esito_di}


@router.get("/segreteria/invii")
async def invii(
    request: Request, user: SegreteriaWeb, istanze: Istanze, pagina_richiesta: PaginaRichiesta
) -> Response:
    trovate = await istanze.elenco(
        user.attore,
        stato="provvedimento_emesso",
        limit=pagina_richiesta.limit,
        cursor=pagina_richiesta.cursor,
    )
    inviate = request.query_params.get("inviate")
    contesto = contesto_invii(INVII, trovate.items, trovate.next, inviate)
    return pagina_segreteria(request, user, "invii.html", contesto, sezione="invii")


@router.post("/segreteria/invii")
async def invia_molti(request: Request, user: SegreteriaWeb, istanze: Istanze) -> Response:
    async with request.form() as form:
        campi_modulo(form, user)
        scelte = [i for i in form.getlist("istanza") if isinstance(i, str)]
    inviate, problemi = await invia_ai_clienti(istanze, user.attore, scelte)
    if not problemi:
        return RedirectResponse(f"/segreteria/invii?inviate={inviate}", 303)
    contesto = contesto_invii(INVII, inviate=inviate, problemi=problemi)
    return pagina_segreteria(request, user, "invii.html", contesto, sezione="invii", stato=422)
