"""Domain services running in this process on the real broker, and a gateway in front."""

from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager
from dataclasses import dataclass
from typing import Any

import httpx
import pytest
from fastapi import FastAPI
from opentelemetry.sdk.trace import TracerProvider

from gateway.bootstrap import build_app
from gateway.config import GatewaySettings


@dataclass
class Gateway:
    """A gateway app in this process and an HTTP client talking to it."""

    app: FastAPI
    http: httpx.AsyncClient


GatewayClient = Callable[..., AbstractAsyncContextManager[Gateway]]


@pytest.fixture
def gateway_client(settings_values: dict[str, Any]) -> GatewayClient:
    """An HTTP client talking to a gateway app in this process (lifespan included), with the
    test's settings and any the test adds."""

    @asynccontextmanager
    async def client(
        tracer_provider: TracerProvider | None = None, **impostazioni: Any
    ) -> AsyncIterator[Gateway]:
        settings = GatewaySettings(**{**settings_values, **impostazioni})
        app = build_app(settings, tracer_provider=tracer_provider or TracerProvider())
        async with app.router.lifespan_context(app):
            transport = httpx.ASGITransport(app=app)
            async with httpx.AsyncClient(transport=transport, base_url="http://gateway") as http:
                yield Gateway(app, http)

    return client
