"""Fixtures of the gateway's tests: settings that need no broker, and the application built
with fakes of the bus, of ``istanze``, ``acquisizione``, ``revisione``, ``postale`` and
``notifiche`` (fake_bus.py, fake_istanze.py, fake_acquisizione.py, fake_revisione.py,
fake_postale.py, fake_notifiche.py) with
a browser-like client and an API client.

The app starts with its lifespan (its embedded store, the demo accounts and station) and no
broker: the pages, the REST API and the scanner endpoint are tested without RabbitMQ and
without the services. The fakes go in through :class:`gateway.ports.Clients`, whose fields are
the ports: mypy checks that each fake still satisfies the port of the client it stands for.
Only test_bootstrap.py starts the real wiring, on RabbitMQ.
"""

from collections.abc import AsyncIterator
from pathlib import Path

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry.sdk.trace import TracerProvider
from pydantic import SecretStr

from gateway.app import create_app
from gateway.config import GatewaySettings
from gateway.ports import Clients
from parcelle_contracts.common import Attore
from parcelle_kit import demo

from .fake_acquisizione import FakeAcquisizione
from .fake_bus import FakeBus
from .fake_istanze import FakeIstanze
from .fake_notifiche import FakeNotifiche
from .fake_postale import FakePostale
from .fake_revisione import FakeRevisione
from .web.pagine import Browser


@pytest.fixture
def gateway_settings(tmp_path: Path) -> GatewaySettings:
    """Development settings on a var dir of the test's own, embedded stores, no broker used."""
    return GatewaySettings(
        env="development",
        var_dir=tmp_path / "var",
        store="sqlite",
        blob="filesystem",
        log_format="json",
        readiness_timeout=0.5,
        pec_chiavi_gestori={"DEMO": SecretStr("chiave-gestore-pec-demo")},
    )


@pytest.fixture
def bus() -> FakeBus:
    return FakeBus()


@pytest.fixture
def fake() -> FakeIstanze:
    return FakeIstanze()


@pytest.fixture
def acquisizione() -> FakeAcquisizione:
    return FakeAcquisizione()


@pytest.fixture
def revisione() -> FakeRevisione:
    return FakeRevisione()


@pytest.fixture
def postale() -> FakePostale:
    return FakePostale()


@pytest.fixture
def notifiche() -> FakeNotifiche:
    return FakeNotifiche()


@pytest.fixture
async def app(
    gateway_settings: GatewaySettings,
    bus: FakeBus,
    fake: FakeIstanze,
    acquisizione: FakeAcquisizione,
    revisione: FakeRevisione,
    postale: FakePostale,
    notifiche: FakeNotifiche,
) -> AsyncIterator[FastAPI]:
    clients = Clients(
        bus=bus,
        istanze=fake,
        acquisizione=acquisizione,
        revisione=revisione,
        postale=postale,
        notifiche=notifiche,
    )
    application = create_app(gateway_settings, clients, tracer_provider=TracerProvider())
    # for the files they serve
    fake.files = acquisizione.files = revisione.files = application.state.files
    postale.files = notifiche.files = application.state.files
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
async def browser(app: FastAPI) -> AsyncIterator[Browser]:
    """An anonymous browser; ``await browser.accedi("avvocato.demo")`` logs it in."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(
        transport=transport, base_url="http://parcelle.test", headers={"Accept": "text/html"}
    ) as client:
        yield Browser(client)


@pytest.fixture
async def api(app: FastAPI) -> AsyncIterator[httpx.AsyncClient]:
    """A client of the REST API, as an integrator or a scanner station talks to it."""
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://parcelle.test") as client:
        yield client


@pytest.fixture
async def avvocato(browser: Browser) -> Browser:
    await browser.accedi("avvocato.demo")
    return browser


@pytest.fixture
async def segreteria(browser: Browser) -> Browser:
    await browser.accedi("segreteria.demo")
    return browser


@pytest.fixture
def giulia() -> Attore:
    """The demo lawyer, as the gateway sends her to the service."""
    user = demo.AVVOCATO
    return Attore(
        username=user.username,
        ruolo=user.ruolo,
        ordine=demo.ORDINE,
        nome=user.nome,
        cognome=user.cognome,
        codice_fiscale=user.codice_fiscale,
        pec=user.pec,
        email=user.email,
    )
