"""Composition root of the gateway: ``parcelle run gateway`` loads :data:`service` from here."""

import asyncio

import uvicorn

from gateway.app import create_app
from gateway.config import GatewaySettings
from parcelle_kit.logging import configure_logging
from parcelle_kit.telemetry import build_tracer_provider


class GatewayProcess:
    """Serves the gateway over HTTP with uvicorn until told to stop."""

    name = "gateway"

    async def run(self, stop: asyncio.Event) -> None:
        settings = GatewaySettings()
        configure_logging(self.name, level=settings.log_level, fmt=settings.log_format)
        tracer_provider = build_tracer_provider(self.name)
        app = create_app(settings, tracer_provider=tracer_provider)
        config = uvicorn.Config(
            app,
            host=settings.host,
            port=settings.port,
            log_config=None,  # our logging configuration renders uvicorn's lines too
            lifespan="on",
            proxy_headers=True,
            timeout_graceful_shutdown=int(settings.graceful_timeout),
        )
        server = uvicorn.Server(config)
        # uvicorn installs its own signal handlers only when it owns the loop; here the
        # caller's ``stop`` event decides.
        serving = asyncio.create_task(server.serve())
        stopping = asyncio.create_task(stop.wait())
        await asyncio.wait({serving, stopping}, return_when=asyncio.FIRST_COMPLETED)
        server.should_exit = True
        await serving
        stopping.cancel()
        tracer_provider.shutdown()


service = GatewayProcess()
