"""``/api/v1/asyncapi.json``: the AsyncAPI document of the public case-status events."""

from typing import Any

from fastapi import APIRouter, Request

from gateway.config import GatewaySettings
from parcelle_contracts.asyncapi import document
from parcelle_kit.bus import topology_of

router = APIRouter(tags=["eventi pubblici"])


@router.get("/api/v1/asyncapi.json", summary="AsyncAPI document of the public events")
async def asyncapi(request: Request) -> dict[str, Any]:
    settings: GatewaySettings = request.app.state.settings
    return document(exchange=topology_of(settings).public_exchange.name)
