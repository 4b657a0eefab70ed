"""The real wiring: :func:`gateway.bootstrap.build_app` starts on RabbitMQ, its bus answers
``/readyz`` from the broker (up) and the services (none runs in this test's namespace, so each
is reported silent), and it stops cleanly."""

from typing import Any

import httpx
import pytest
from opentelemetry.sdk.trace import TracerProvider

from gateway.bootstrap import build_app
from gateway.bus import GatewayBus
from gateway.config import GatewaySettings
from parcelle_contracts.routing import SERVICES


@pytest.mark.integration
async def test_the_production_wiring_starts_on_the_real_broker(
    settings_values: dict[str, Any],
) -> None:
    settings = GatewaySettings(**settings_values, readiness_timeout=0.5)
    app = build_app(settings, tracer_provider=TracerProvider())
    assert isinstance(app.state.clients.bus, GatewayBus)
    async with app.router.lifespan_context(app):
        transport = httpx.ASGITransport(app=app)
        async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
            pronto = await http.get("/readyz")
            documento = await http.get("/api/v1/asyncapi.json")
    assert pronto.status_code == 503
    corpo = pronto.json()
    assert corpo["broker"] is True
    assert set(corpo["services"]) == set(SERVICES)
    assert all(not voce["ok"] for voce in corpo["services"].values())
    assert documento.status_code == 200
    assert f"{settings_values['bus_namespace']}.public" in documento.text
