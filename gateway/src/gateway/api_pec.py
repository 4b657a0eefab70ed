"""The PEC receipts' API: ``POST /api/v1/pec/ricevute``, where an Ordine's PEC provider pushes
each receipt as it issues it (the raw signed message, ``message/rfc822``), and the download of
a kept receipt for the secretariat (``GET /api/v1/segreteria/ricevute-pec/{ricevuta_id}``).

The provider authenticates with its Ordine's key in ``X-Chiave-Gestore-Pec`` (the gateway's
setting ``pec_chiavi_gestori``); the key says which Ordine the receipt is for. The bytes go to
the transfer area and ``notifiche`` decides: it counts a receipt only if the provider's S/MIME
signature verifies against the trusted PEC CAs, whoever pushed it."""

import hmac
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Depends, Request, Response
from fastapi.security import APIKeyHeader

from gateway.api_segreteria import Segreteria
from gateway.config import GatewaySettings
from gateway.dependencies import Files, Notifiche
from gateway.errors import ApiError
from gateway.openapi import COMMON, comuni, rifiuti
from parcelle_contracts.common import TRANSFER_AREA, BlobRef
from parcelle_contracts.comunicazioni import RicevutaPecAccolta
from parcelle_contracts.ids import new_id
from parcelle_kit.blob.ports import BlobTooLargeError
from parcelle_kit.logging import get_logger

router = APIRouter(tags=["ricevute PEC"])
logger = get_logger(__name__)
HEADER = "X-Chiave-Gestore-Pec"
MASSIMO = 50 * 1024 * 1024
"""The largest receipt accepted (a complete delivery receipt carries the original)."""
TIPI = ("message/rfc822", "application/octet-stream")
_chiave = APIKeyHeader(
    name=HEADER,
    auto_error=False,
    scheme_name="PecProviderKey",
    description="The key of the Ordine's PEC provider, set in the gateway's settings.",
)


async def ordine_del_gestore(
    request: Request, chiave: Annotated[str | None, Depends(_chiave)]
) -> str:
    """The Ordine whose provider's key came with the request (401 otherwise)."""
    settings: GatewaySettings = request.app.state.settings
    data = (chiave or "").strip().encode()
    for ordine, segreto in settings.pec_chiavi_gestori.items():
        if data and hmac.compare_digest(data, segreto.get_secret_value().encode()):
            return ordine
    raise ApiError(
        401, "gestore_non_autenticato", f"Chiave del gestore PEC mancante o errata ({HEADER})."
    )


@router.post(
    "/api/v1/pec/ricevute",
    summary="A PEC provider pushes a receipt (acceptance, delivery, non-delivery)",
    description="The body is the receipt exactly as the provider issued it (`message/rfc822`, "
    "signed S/MIME). 201: kept as proof now; 200: kept already (the same receipt again).",
    status_code=201,
    response_model=RicevutaPecAccolta,
    responses={
        200: {"model": RicevutaPecAccolta, "description": "The same receipt, kept already."},
        **rifiuti(
            *COMMON,
            "gestore_non_autenticato",
            "tipo_contenuto_non_ammesso",
            "limite_superato",
            "firma_non_valida",
            "ricevuta_non_valida",
            "invio_non_trovato",
        ),
    },
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {"message/rfc822": {"schema": {"type": "string", "format": "binary"}}},
        }
    },
)
async def ricevuta_pec(
    request: Request,
    response: Response,
    ordine: Annotated[str, Depends(ordine_del_gestore)],
    notifiche: Notifiche,
    files: Files,
) -> RicevutaPecAccolta:
    media = (request.headers.get("content-type") or "").split(";", 1)[0].strip().lower()
    if media not in TIPI:
        raise ApiError(
            415,
            "tipo_contenuto_non_ammesso",
            "Inviare la ricevuta così come emessa (Content-Type: message/rfc822).",
            {"Content-Type": "Era atteso message/rfc822."},
        )

    async def corpo() -> AsyncIterator[bytes]:
        async for chunk in request.stream():
            if chunk:
                yield chunk

    key = f"ricevute-pec/{new_id()}"
    try:
        info = await files.transfer.put(key, corpo(), max_size=MASSIMO, content_type=media)
    except BlobTooLargeError:
        raise ApiError(413, "limite_superato", "La ricevuta è troppo grande.") from None
    if info.size == 0:
        await files.transfer.delete(key)
        raise ApiError(422, "ricevuta_non_valida", "La ricevuta è vuota.")
    ref = BlobRef(area=TRANSFER_AREA, key=key, sha256=info.sha256, size=info.size)
    accolta = await notifiche.registra_ricevuta(ordine, ref)
    if accolta.duplicata:
        response.status_code = 200
    logger.info("PEC receipt pushed", ordine=ordine, kind=accolta.tipo, duplicate=accolta.duplicata)
    return accolta


@router.get(
    "/api/v1/segreteria/ricevute-pec/{ricevuta_id}",
    summary="Download a kept PEC receipt, as the provider issued it (message/rfc822)",
    response_class=Response,
    responses={200: {"content": {"message/rfc822": {}}}, **comuni("non_trovata")},
    tags=["segreteria"],
)
async def scarica_ricevuta(
    ricevuta_id: str, attore: Segreteria, notifiche: Notifiche, files: Files
) -> Response:
    return await files.send(await notifiche.file_ricevuta(attore, ricevuta_id))
