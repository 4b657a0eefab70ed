"""The REST API after the decision: the lawyer's channels for their messages, the council fee's
payment (the secretariat), and the signed order sent to the client and other obligors (the
lawyer or the secretariat), each recipient through e-mail, PEC or raccomandata A/R. ``istanze``
owns these facts and authorises again by Ordine, role and ownership."""

from datetime import date

from fastapi import APIRouter
from fastapi.responses import Response
from pydantic import BaseModel, ConfigDict, Field

from gateway.api import Avvocato
from gateway.api_segreteria import Segreteria
from gateway.dependencies import Files, Istanze, Notifiche, Postale
from gateway.openapi import comuni, rifiuti
from gateway.prove import file_prova
from parcelle_contracts.avvisi import Avvisi
from parcelle_contracts.consegne import Recapito
from parcelle_contracts.istanze import Istanza
from parcelle_contracts.vocabolario import CanalePosta, MetodoPagamento

router = APIRouter(prefix="/api/v1", responses=comuni())
INVIABILE = ("non_trovata", "stato_non_valido")


class SceltaAvvisi(BaseModel):
    model_config = ConfigDict(extra="forbid")

    canali: list[CanalePosta] = Field(min_length=1, max_length=2)


class Destinatari(BaseModel):
    model_config = ConfigDict(extra="forbid")

    destinatari: list[Recapito] = Field(min_length=1, max_length=10)
    solo_prima_volta: bool = Field(
        default=False,
        description="Refuse (409) if the order was already sent to the client: for a client "
        "that sends many orders and may send one twice.",
    )


class Pagamento(BaseModel):
    model_config = ConfigDict(extra="forbid")

    data: date = Field(description="Day of payment.")
    metodo: MetodoPagamento
    riferimento: str = Field(min_length=1, max_length=140, description="IUV, CRO or receipt.")


@router.get("/avvisi", tags=["istanze"], summary="The channels of the lawyer's messages")
async def avvisi(attore: Avvocato, istanze: Istanze) -> Avvisi:
    return await istanze.avvisi(attore)


@router.put("/avvisi", tags=["istanze"], summary="Choose e-mail, PEC or both")
async def imposta_avvisi(scelta: SceltaAvvisi, attore: Avvocato, istanze: Istanze) -> Avvisi:
    return await istanze.imposta_avvisi(attore, scelta.canali)


@router.post(
    "/istanze/{istanza_id}/consegne",
    tags=["istanze"],
    summary="Send the signed order to the client and other obligors",
    responses=rifiuti(*INVIABILE),
)
async def invia_avvocato(
    istanza_id: str, corpo: Destinatari, attore: Avvocato, istanze: Istanze
) -> Istanza:
    return await istanze.invia_provvedimento(
        attore, istanza_id, corpo.destinatari, solo_prima_volta=corpo.solo_prima_volta
    )


@router.post(
    "/segreteria/pratiche/{istanza_id}/consegne",
    tags=["segreteria"],
    summary="Send the signed order to the client and other obligors",
    responses=rifiuti(*INVIABILE),
)
async def invia_segreteria(
    istanza_id: str, corpo: Destinatari, attore: Segreteria, istanze: Istanze
) -> Istanza:
    return await istanze.invia_provvedimento(
        attore, istanza_id, corpo.destinatari, solo_prima_volta=corpo.solo_prima_volta
    )


@router.post(
    "/segreteria/pratiche/{istanza_id}/pagamento",
    tags=["segreteria"],
    summary="Register the payment of the council fee",
    responses=rifiuti(*INVIABILE),
)
async def pagamento(
    istanza_id: str, corpo: Pagamento, attore: Segreteria, istanze: Istanze
) -> Istanza:
    return await istanze.registra_pagamento(
        attore, istanza_id, corpo.data, corpo.metodo, corpo.riferimento
    )


PROVA = {
    200: {"content": {"message/rfc822": {}, "application/pdf": {}}},
    **rifiuti("non_trovata"),
}


@router.get(
    "/istanze/{istanza_id}/prove/{prova_id}",
    tags=["istanze"],
    summary="A receipt of a delivery of the order: the proof of service",
    description="A PEC receipt as the provider signed it (`message/rfc822`), or a "
    "raccomandata's acceptance slip or scanned return receipt (PDF); the ids are in the "
    "case's `seguito.consegne[].prove`.",
    response_class=Response,
    responses=PROVA,
)
async def prova_avvocato(
    istanza_id: str,
    prova_id: str,
    attore: Avvocato,
    istanze: Istanze,
    notifiche: Notifiche,
    postale: Postale,
    files: Files,
) -> Response:
    return await files.send(
        await file_prova(istanze, notifiche, postale, attore, istanza_id, prova_id)
    )


@router.get(
    "/segreteria/pratiche/{istanza_id}/prove/{prova_id}",
    tags=["segreteria"],
    summary="A receipt of a delivery of the order: the proof of service",
    response_class=Response,
    responses=PROVA,
)
async def prova_segreteria(
    istanza_id: str,
    prova_id: str,
    attore: Segreteria,
    istanze: Istanze,
    notifiche: Notifiche,
    postale: Postale,
    files: Files,
) -> Response:
    return await files.send(
        await file_prova(istanze, notifiche, postale, attore, istanza_id, prova_id)
    )
