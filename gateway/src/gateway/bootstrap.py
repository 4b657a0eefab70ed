"""Composition root of the gateway: the broker, the bus and the real clients of the services
(:func:`build_clients`), the application wired with them (:func:`build_app`), and the process
``parcelle run gateway`` loads as :data:`service`."""

import asyncio

import uvicorn
from fastapi import FastAPI
from opentelemetry.sdk.trace import TracerProvider

from gateway.acquisizione import AcquisizioneClient
from gateway.app import create_app
from gateway.bus import GatewayBus
from gateway.config import GatewaySettings
from gateway.istanze import IstanzeClient
from gateway.notifiche import NotificheClient
from gateway.ports import Clients
from gateway.postale import PostaleClient
from gateway.revisione import RevisioneClient
from parcelle_kit.bus import build_broker, topology_of
from parcelle_kit.logging import configure_logging
from parcelle_kit.telemetry import build_tracer_provider

ALLARME_TIMEOUT = 2.0


def build_clients(settings: GatewaySettings, *, tracer_provider: TracerProvider) -> Clients:
    """The bus on a RabbitMQ broker (connected when the application starts) and the clients
    of ``istanze``, ``acquisizione``, ``revisione``, ``postale`` and ``notifiche`` over it."""
    broker = build_broker(settings, process="gateway", tracer_provider=tracer_provider)
    bus = GatewayBus(broker, topology_of(settings))
    return Clients(
        bus=bus,
        istanze=IstanzeClient(bus, settings.query_timeout),
        acquisizione=AcquisizioneClient(bus, settings.query_timeout),
        revisione=RevisioneClient(bus, settings.query_timeout),
        postale=PostaleClient(bus, settings.query_timeout),
        notifiche=NotificheClient(bus, settings.query_timeout, allarme=ALLARME_TIMEOUT),
    )


def build_app(settings: GatewaySettings, *, tracer_provider: TracerProvider) -> FastAPI:
    """The gateway as production runs it: the application on the real broker and services."""
    clients = build_clients(settings, tracer_provider=tracer_provider)
    return create_app(settings, clients, tracer_provider=tracer_provider)


class GatewayProcess:
    """Serves the gateway over HTTP with uvicorn until told to stop."""

    name = "gateway"

    async def run(self, stop: asyncio.Event) -> None:
        settings = GatewaySettings()
        configure_logging(self.name, level=settings.log_level, fmt=settings.log_format)
        tracer_provider = build_tracer_provider(self.name)
        app = build_app(settings, tracer_provider=tracer_provider)
        config = uvicorn.Config(
            app,
            host=settings.host,
            port=settings.port,
            log_config=None,  # our logging configuration renders uvicorn's lines too
            lifespan="on",
            proxy_headers=False,  # the client address: gateway.auth.throttle.client_address
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
