"""The REST API of the reporting councillor (``/api/v1/revisione``): the assigned cases, the
case to review with the DM 147/2022 ranges, the decision, the request for integration, and the
signed order.

Only users of role ``consigliere`` get in; ``revisione`` authorises again (only the assigned
relatore sees and decides a case: another councillor is told it does not exist). ``{istanza_id}``
is the application's id, as everywhere.
"""

from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from pydantic import BaseModel, ConfigDict, Field

from gateway.auth import attore_api, richiede_ruolo
from gateway.dependencies import Acquisizione, Files, Revisione
from gateway.elenchi import Elenco, PaginaRichiesta, elenco_api
from gateway.openapi import comuni, rifiuti
from parcelle_contracts.acquisizione import Pratica
from parcelle_contracts.common import Attore
from parcelle_contracts.contenuto import TestoLungo
from parcelle_contracts.revisione import EsitoDecisione, VoceDecisa
from parcelle_contracts.revisione import Revisione as RevisioneVista

router = APIRouter(prefix="/api/v1/revisione", tags=["revisione"], responses=comuni())
TROVATA = ("non_trovata",)
DECIDIBILE = (*TROVATA, "stato_non_valido", "in_attesa")
PDF: dict[str, dict[str, str]] = {"application/pdf": {}}


async def consigliere(attore: Annotated[Attore, Depends(attore_api)]) -> Attore:
    richiede_ruolo(attore, "consigliere")
    return attore


Consigliere = Annotated[Attore, Depends(consigliere)]


class RichiestaDecisione(BaseModel):
    """The relatore's decision: one entry per requested item, named by ``id`` or by ``fase``
    where that phase appears once."""

    model_config = ConfigDict(
        extra="forbid",
        json_schema_extra={
            "examples": [
                {
                    "esito": "liquidata",
                    "voci": [
                        {
                            "fase": "studio",
                            "importo_liquidato": "1701.00",
                            "motivazione": "Importo congruo rispetto all'attività svolta.",
                        }
                    ],
                    "note": "Liquidata come richiesto.",
                }
            ]
        },
    )

    esito: EsitoDecisione = Field(description="`liquidata` or `non_liquidabile`.")
    voci: list[VoceDecisa] = Field(default_factory=list, max_length=50)
    motivi: TestoLungo | None = Field(
        default=None, description="Why not liquidable (required for `non_liquidabile`)."
    )
    note: TestoLungo | None = None


class RichiestaIntegrazione(BaseModel):
    model_config = ConfigDict(extra="forbid")

    testo: str = Field(min_length=3, max_length=4000, description="What the lawyer must add.")
    giorni: int = Field(ge=1, le=30, description="Days to answer (at most 30).")


@router.get("/assegnate", summary="The cases assigned to the councillor, nearest deadline first")
async def assegnate(
    request: Request, attore: Consigliere, acquisizione: Acquisizione, pagina: PaginaRichiesta
) -> Elenco[Pratica]:
    trovate = await acquisizione.assegnate(attore, limit=pagina.limit, cursor=pagina.cursor)
    return elenco_api(request, trovate)


@router.get(
    "/pratiche/{istanza_id}",
    summary="The case to review, with the DM 147/2022 range of each item",
    responses=rifiuti(*TROVATA),
)
async def pratica(istanza_id: str, attore: Consigliere, revisione: Revisione) -> RevisioneVista:
    return await revisione.dettaglio(attore, istanza_id)


@router.post(
    "/pratiche/{istanza_id}/decisione",
    summary="Decide the case: the order is then rendered and signed",
    description="A decided case cannot be decided again (`stato_non_valido`); a decision that "
    "must wait for the client's observations term is `in_attesa`. The signed order is "
    "downloadable once `stato` is `decisa`.",
    responses=rifiuti(*DECIDIBILE),
)
async def decidi(
    istanza_id: str, body: RichiestaDecisione, attore: Consigliere, revisione: Revisione
) -> RevisioneVista:
    return await revisione.decidi(
        attore,
        istanza_id,
        esito=body.esito,
        voci=body.voci,
        motivi=(body.motivi or "").strip() or None,
        note=(body.note or "").strip() or None,
    )


@router.post(
    "/pratiche/{istanza_id}/integrazione",
    summary="Ask the lawyer for integration or clarification",
    responses=rifiuti(*TROVATA, "stato_non_valido"),
)
async def richiedi_integrazione(
    istanza_id: str, body: RichiestaIntegrazione, attore: Consigliere, revisione: Revisione
) -> RevisioneVista:
    return await revisione.richiedi_integrazione(
        attore, istanza_id, body.testo.strip(), body.giorni
    )


@router.get(
    "/pratiche/{istanza_id}/provvedimento",
    summary="The signed order (PAdES)",
    response_class=Response,
    responses={200: {"content": PDF}, **rifiuti(*TROVATA)},
)
async def provvedimento(
    istanza_id: str, attore: Consigliere, revisione: Revisione, files: Files
) -> Response:
    return await files.send(await revisione.file_provvedimento(attore, istanza_id))
