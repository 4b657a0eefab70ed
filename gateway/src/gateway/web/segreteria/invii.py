"""``/segreteria/invii``: the Ordine's decided cases, to send many signed orders to their
clients at once, each through the channel that reaches its client best (PEC, else a
raccomandata at their address, else e-mail); different recipients or channels are chosen on
the case's own page ("Provvedimento, diritti e invii")."""

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.dependencies import Istanze
from gateway.elenchi import PaginaRichiesta
from gateway.web.dependencies import SegreteriaWeb
from gateway.web.segreteria.comune import base_pratica, pagina_segreteria
from gateway.web.seguito import da_inviare, invia_scelti

router = APIRouter(include_in_schema=False)


def esito_di(istanza_id: str) -> str:
    return f"{base_pratica(istanza_id)}/esito"


INVII = {"azione": "/segreteria/invii", "pratica_di": esito_di}


@router.get("/segreteria/invii")
async def invii(
    request: Request, user: SegreteriaWeb, istanze: Istanze, pagina_richiesta: PaginaRichiesta
) -> Response:
    contesto = await da_inviare(request, istanze, user.attore, INVII, pagina_richiesta)
    return pagina_segreteria(request, user, "invii.html", contesto, sezione="invii")


@router.post("/segreteria/invii")
async def invia_molti(request: Request, user: SegreteriaWeb, istanze: Istanze) -> Response:
    esito = await invia_scelti(request, istanze, user, INVII)
    if isinstance(esito, Response):
        return esito
    return pagina_segreteria(request, user, "invii.html", esito, sezione="invii", stato=422)
