"""The files of a case for its relatore: the routes shared with the secretariat
(:mod:`gateway.web.fascicolo_rotte`), served once ``revisione`` says the case is theirs; and
the signed order's part of the decision, which the case page asks again until it is signed
(aggiorna.js)."""

from fastapi import Request
from fastapi.responses import Response

from gateway.dependencies import Revisione
from gateway.ports import Clients
from gateway.web.dependencies import ConsigliereWeb, Identificativo
from gateway.web.fascicolo_rotte import rotte
from gateway.web.templating import frammento
from parcelle_contracts.common import Attore


def base_pratica(istanza_id: str) -> str:
    return f"/consigliere/pratiche/{istanza_id}"


async def del_relatore(servizi: Clients, attore: Attore, istanza_id: str) -> object:
    """Refused by ``revisione`` unless the case is assigned to ``attore``."""
    return await servizi.revisione.dettaglio(attore, istanza_id)


router = rotte("consigliere", del_relatore)


@router.get("/consigliere/pratiche/{istanza_id}/sezioni/provvedimento")
async def sezione_provvedimento(
    request: Request, istanza_id: Identificativo, user: ConsigliereWeb, revisione: Revisione
) -> Response:
    """The signed order's part of the decision: the link once signed, else the wait."""
    vista = await revisione.dettaglio(user.attore, istanza_id)
    contesto = {"r": vista, "base": base_pratica(istanza_id)}
    return frammento(request, "consigliere/_provvedimento.html", contesto)
