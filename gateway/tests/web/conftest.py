"""The gateway app with fakes of ``istanze`` and ``acquisizione`` (fake_istanze.py,
fake_acquisizione.py) and a browser-like client.

The app starts with its lifespan (its store, the demo accounts and station, the broker:
RabbitMQ is real), then ``app.state.istanze`` and ``app.state.acquisizione`` are the fakes, so
the pages and the API are tested without the services.
"""

from collections.abc import AsyncIterator
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry.sdk.trace import TracerProvider

from gateway.app import create_app
from gateway.config import GatewaySettings
from parcelle_contracts.common import Attore
from parcelle_kit import demo

from .fake_acquisizione import FakeAcquisizione
from .fake_istanze import FakeIstanze
from .pagine import Browser


@pytest.fixture
async def app(settings_values: dict[str, Any]) -> AsyncIterator[FastAPI]:
    application = create_app(GatewaySettings(**settings_values), tracer_provider=TracerProvider())
    application.state.istanze = FakeIstanze(files=application.state.files)
    application.state.acquisizione = FakeAcquisizione(files=application.state.files)
    async with application.router.lifespan_context(application):
        yield application


@pytest.fixture
def fake(app: FastAPI) -> FakeIstanze:
    istanze: FakeIstanze = app.state.istanze
    return istanze


@pytest.fixture
def acquisizione(app: FastAPI) -> FakeAcquisizione:
    fake: FakeAcquisizione = app.state.acquisizione
    return fake


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
