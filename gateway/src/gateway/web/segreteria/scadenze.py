"""``/segreteria/scadenze``: acquired cases whose legal deadline is near or past, the most
urgent first."""

from dataclasses import dataclass
from datetime import date

from fastapi import APIRouter, Request
from fastapi.responses import Response

from gateway.dependencies import Acquisizione
from gateway.web.dipendenze import SegreteriaWeb
from gateway.web.segreteria import presentazione
from gateway.web.segreteria.comune import base_pratica, pagina_segreteria
from parcelle_contracts.acquisizione import Pratica

router = APIRouter(include_in_schema=False)

SCELTE_GIORNI = (5, 10, 15, 30)


@dataclass(frozen=True)
class RigaScadenza:
    pratica: Pratica
    termine: presentazione.Termine | None
    base: str

    @property
    def ordine(self) -> tuple[bool, date]:
        giorno = self.termine.giorno if self.termine else None
        return giorno is None, giorno or date.max


@router.get("/segreteria/scadenze")
async def scadenze(request: Request, user: SegreteriaWeb, acquisizione: Acquisizione) -> Response:
    testo = request.query_params.get("giorni", "")
    giorni = int(testo) if testo.isdigit() and int(testo) in SCELTE_GIORNI else presentazione.VICINO
    oggi = presentazione.oggi()
    righe = sorted(
        (
            RigaScadenza(p, presentazione.termine(p, oggi, giorni), base_pratica(p.istanza_id))
            for p in await acquisizione.scadenze(user.attore, giorni)
        ),
        key=lambda riga: riga.ordine,
    )
    return pagina_segreteria(
        request,
        user,
        "scadenze.html",
        {"righe": righe, "giorni": giorni, "SCELTE_GIORNI": SCELTE_GIORNI},
        sezione="scadenze",
    )
