"""``/readyz`` is 200 only when the broker and all six services answer, and says who does not."""

import pytest

from parcelle_contracts.routing import SERVICES
from parcelle_testing.fixtures import StartServices

from .conftest import GatewayClient

pytestmark = pytest.mark.integration


async def test_ready_when_all_six_services_answer(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    await start_services(*SERVICES)
    async with gateway_client() as gateway:
        response = await gateway.http.get("/readyz")
        alive = await gateway.http.get("/healthz")
    assert alive.status_code == 200
    assert response.status_code == 200, response.text
    body = response.json()
    assert body["status"] == "ready"
    assert body["broker"] is True
    assert set(body["services"]) == set(SERVICES)
    for name, entry in body["services"].items():
        assert entry["ok"] is True, name
        assert entry["stores"] == {"documenti": "sqlite", "blob": "filesystem"}
        assert entry["version"]


async def test_not_ready_names_the_services_that_do_not_answer(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    await start_services(*(name for name in SERVICES if name != "postale"))
    async with gateway_client() as gateway:
        response = await gateway.http.get("/readyz")
    assert response.status_code == 503
    services = response.json()["services"]
    assert services["postale"] == {"ok": False, "error": "no answer within 2 s"}
    assert all(services[name]["ok"] for name in SERVICES if name != "postale")
