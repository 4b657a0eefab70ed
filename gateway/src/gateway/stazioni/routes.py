"""``POST /api/v1/scanner/eventi``: a scanner station reports a code it read.

The station authenticates with its key in ``X-Station-Key`` (unknown or revoked: 401); the
gateway asks ``acquisizione`` to acquire the case on behalf of the station (a system user of
its Ordine's secretariat) and answers 202 with the outcome. The service decides whether the
code is genuine, of the station's Ordine and acquirable; its refusals keep their codes (422 a
bad check element, 404 an unknown code, 403 another Ordine's code, 409 a case that cannot be
acquired now).
"""

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Request
from fastapi.security import APIKeyHeader
from pydantic import AwareDatetime, BaseModel, BeforeValidator, ConfigDict, Field, StrictBool

from gateway.auth.throttle import StationRate
from gateway.dependencies import Acquisizione, Stazioni
from gateway.errors import ApiError
from gateway.openapi import COMMON, rifiuti
from gateway.stazioni.store import Stazione
from parcelle_contracts.common import non_un_numero
from parcelle_kit.logging import get_logger

router = APIRouter(prefix="/api/v1/scanner", tags=["stazioni di scansione"])
logger = get_logger(__name__)

HEADER = "X-Station-Key"
_chiave = APIKeyHeader(
    name=HEADER,
    auto_error=False,
    scheme_name="StationKey",
    description="The station's key, shown once when the station was created.",
)


async def stazione_autenticata(
    request: Request, stazioni: Stazioni, chiave: Annotated[str | None, Depends(_chiave)]
) -> Stazione:
    """The active station whose key came with the request (401 otherwise), within its rate of
    scans (429 with ``Retry-After`` otherwise)."""
    if not chiave:
        raise ApiError(
            401, "stazione_non_autenticata", f"Manca la chiave della stazione ({HEADER})."
        )
    stazione = await stazioni.per_chiave(chiave.strip())
    if stazione is None:
        raise ApiError(401, "stazione_non_riconosciuta", "Chiave della stazione non riconosciuta.")
    if not stazione.attiva:
        raise ApiError(
            401,
            "stazione_revocata",
            "Questa stazione è stata revocata: chiedi alla segreteria una nuova chiave.",
        )
    rate: StationRate = request.app.state.station_rate
    wait = await rate.retry_after(stazione.id)
    if wait > 0:
        raise ApiError(
            429,
            "troppe_scansioni",
            "La stazione invia troppe letture al secondo: attendi un istante e riprova.",
            headers={"Retry-After": str(max(1, round(wait + 0.49)))},
        )
    return stazione


class EventoScansione(BaseModel):
    """What the station read."""

    model_config = ConfigDict(extra="forbid")

    codice: str = Field(min_length=1, max_length=100, description="The code as read.")
    letto_il: Annotated[AwareDatetime, BeforeValidator(non_un_numero)] = Field(
        description="When it was read (ISO 8601 with offset)."
    )
    originale_ricevuto: StrictBool = Field(
        default=False,
        description="For a hand-signed deposit: the signed original is at the counter.",
    )
    bollo_ricevuto: StrictBool = Field(
        default=False,
        description="For a hand-signed deposit, where the Ordine asks for it: the stamp duty "
        "(marca da bollo) is at the counter too.",
    )


class EsitoScansione(BaseModel):
    """The case acquired (or found already acquired)."""

    esito: Literal["acquisita", "gia_acquisita"]
    istanza_id: str
    codice: str
    protocollo: str | None
    acquisita_il: AwareDatetime | None
    relatore: str | None = Field(description="Username of the reporting councillor.")


@router.post(
    "/eventi",
    status_code=202,
    summary="A scanner station read an application's 2D code",
    responses=rifiuti(
        *COMMON,
        "stazione_non_autenticata",
        "stazione_non_riconosciuta",
        "stazione_revocata",
        "troppe_scansioni",
        "codice_altro_ordine",
        "codice_non_valido",
        "non_trovata",
        "stato_non_valido",
        "originale_mancante",
        "non_autorizzata",
    ),
)
async def evento(
    body: EventoScansione,
    stazione: Annotated[Stazione, Depends(stazione_autenticata)],
    acquisizione: Acquisizione,
) -> EsitoScansione:
    log = logger.bind(stazione=stazione.id, ordine=stazione.ordine)
    pratica = await acquisizione.acquisisci(
        stazione.attore(),
        body.codice,
        origine="scanner",
        letto_il=body.letto_il,
        originale_ricevuto=body.originale_ricevuto,
        bollo_ricevuto=body.bollo_ricevuto,
    )
    log.info("scan acquired", istanza_id=pratica.istanza_id, gia_acquisita=pratica.gia_acquisita)
    return EsitoScansione(
        esito="gia_acquisita" if pratica.gia_acquisita else "acquisita",
        istanza_id=pratica.istanza_id,
        codice=pratica.codice,
        protocollo=pratica.protocollo,
        acquisita_il=pratica.acquisita_il,
        relatore=pratica.relatore.relatore if pratica.relatore else None,
    )
