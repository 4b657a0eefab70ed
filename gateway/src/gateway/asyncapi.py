"""``/api/v1/asyncapi.json``: the AsyncAPI document of the public case-status events."""

from typing import Any

from fastapi import APIRouter, Request

from gateway.bus import GatewayBus
from parcelle_contracts.asyncapi import document

router = APIRouter(tags=["eventi pubblici"])


@router.get("/api/v1/asyncapi.json", summary="AsyncAPI document of the public events")
async def asyncapi(request: Request) -> dict[str, Any]:
    bus: GatewayBus = request.app.state.bus
    return document(exchange=bus.topology.public_exchange.name)
