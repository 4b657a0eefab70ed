"""``/healthz`` and ``/readyz``: ready when the broker and every service answer; otherwise 503
with what did not, in JSON. The bus starts with the application."""

import httpx

from parcelle_contracts.routing import SERVICES

from .fake_bus import FakeBus


async def test_ready_when_the_broker_and_every_service_answer(
    api: httpx.AsyncClient, bus: FakeBus
) -> None:
    assert bus.avviato
    assert (await api.get("/healthz")).json() == {"status": "ok"}
    risposta = await api.get("/readyz")
    assert risposta.status_code == 200
    corpo = risposta.json()
    assert (corpo["status"], corpo["broker"]) == ("ready", True)
    assert set(corpo["services"]) == set(SERVICES)
    assert corpo["services"]["istanze"]["stores"] == {"documenti": "sqlite"}


async def test_a_silent_or_unready_service_makes_the_gateway_unavailable(
    api: httpx.AsyncClient, bus: FakeBus
) -> None:
    bus.servizi = {"istanze": "silenzio", "firma": "non_pronto"}
    risposta = await api.get("/readyz")
    assert risposta.status_code == 503
    servizi = risposta.json()["services"]
    assert servizi["istanze"] == {"ok": False, "error": "no answer within 0.5 s"}
    assert (servizi["firma"]["ok"], servizi["firma"]["error"]) == (
        False,
        "its stores do not answer",
    )
    assert servizi["acquisizione"]["ok"] is True


async def test_without_the_broker_no_service_is_asked(api: httpx.AsyncClient, bus: FakeBus) -> None:
    bus.broker = False
    corpo = (await api.get("/readyz")).json()
    assert corpo["status"] == "unavailable"
    assert all(
        voce == {"ok": False, "error": "broker unreachable"} for voce in corpo["services"].values()
    )
