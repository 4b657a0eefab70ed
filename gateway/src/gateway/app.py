"""The FastAPI application: built from settings by :func:`create_app`, nothing at import time."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.sdk.trace import TracerProvider

from gateway import health
from gateway.bus import GatewayBus
from gateway.config import GatewaySettings
from parcelle_kit.bus import build_broker, declare_exchanges, topology_of
from parcelle_kit.service import package_version


def create_app(settings: GatewaySettings, *, tracer_provider: TracerProvider) -> FastAPI:
    """The gateway application; the broker connects when the app starts (lifespan)."""
    broker = build_broker(settings, process="gateway", tracer_provider=tracer_provider)
    topology = topology_of(settings)
    bus = GatewayBus(broker, topology)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await broker.connect()
        await declare_exchanges(broker, topology)
        await broker.start()
        try:
            yield
        finally:
            await broker.stop()

    app = FastAPI(
        title="Parcelle",
        version=package_version("parcelle-gateway"),
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url="/api/v1/docs",
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.bus = bus
    app.include_router(health.router)
    FastAPIInstrumentor.instrument_app(
        app, tracer_provider=tracer_provider, excluded_urls="healthz"
    )
    return app
