"""``/healthz`` (the process is alive) and ``/readyz`` (it can do its work).

Ready means the broker answers and each of the six services answered its ping within the
readiness timeout, with its own stores answering too. The JSON body says which did not.
"""

import asyncio
from typing import Any, Literal

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from gateway.bus import ServiceUnavailableError
from gateway.config import GatewaySettings
from gateway.dependencies import Bus
from gateway.ports import BusPort
from parcelle_contracts.routing import SERVICES

router = APIRouter(tags=["salute"])


class Vivo(BaseModel):
    status: Literal["ok"]


class Prontezza(BaseModel):
    """Whether the gateway can do its work, and which of its peers do not answer."""

    status: Literal["ready", "unavailable"]
    broker: bool = Field(description="The broker answers.")
    services: dict[str, dict[str, Any]] = Field(
        description="Per service: `ok`, and `error` when it is not ready."
    )


@router.get("/healthz", summary="The gateway process is alive")
async def healthz() -> Vivo:
    return Vivo(status="ok")


@router.get(
    "/readyz",
    summary="The broker and all six services answer",
    response_model=Prontezza,
    responses={503: {"model": Prontezza, "description": "Not ready: the body says what fails"}},
)
async def readyz(request: Request, bus: Bus) -> JSONResponse:
    settings: GatewaySettings = request.app.state.settings
    timeout = settings.readiness_timeout
    broker_ok = await bus.broker_alive(timeout)
    services: dict[str, dict[str, Any]] = {}
    if broker_ok:
        replies = await asyncio.gather(
            *(_ping(bus, name, timeout) for name in SERVICES), return_exceptions=False
        )
        services = dict(zip(SERVICES, replies, strict=True))
    else:
        services = {name: {"ok": False, "error": "broker unreachable"} for name in SERVICES}
    ready = broker_ok and all(entry["ok"] for entry in services.values())
    body = {
        "status": "ready" if ready else "unavailable",
        "broker": broker_ok,
        "services": services,
    }
    return JSONResponse(body, status_code=200 if ready else 503)


async def _ping(bus: BusPort, service: str, timeout: float) -> dict[str, Any]:
    try:
        reply = await bus.ping(service, timeout=timeout)
    except ServiceUnavailableError as error:
        return {"ok": False, "error": error.reason}
    entry: dict[str, Any] = {"ok": reply.ready, **reply.model_dump(exclude={"service"})}
    if not reply.ready:
        entry["error"] = "its stores do not answer"
    return entry
