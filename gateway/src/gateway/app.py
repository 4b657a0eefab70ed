"""The FastAPI application: built by :func:`create_app` from settings and the clients it is
given (:class:`~gateway.ports.Clients`: the real ones from :mod:`gateway.bootstrap`, fakes in
the page tests), so it needs no broker of its own; nothing happens at import time."""

from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI, Request
from fastapi.responses import RedirectResponse
from opentelemetry.instrumentation.fastapi import FastAPIInstrumentor
from opentelemetry.sdk.trace import TracerProvider

from gateway import (
    api,
    api_consegne,
    api_pec,
    api_revisione,
    api_segreteria,
    asyncapi,
    errors,
    health,
    web,
)
from gateway.auth import INDEXES, AccountStore, LoginRequiredError, SessionStore
from gateway.auth.demo import seed_demo_accounts
from gateway.auth.routes import router as auth_router
from gateway.auth.throttle import Counters, GuardedLogin, LoginRules, LoginThrottle, StationRate
from gateway.config import GatewaySettings
from gateway.files import GatewayFiles
from gateway.ordini import NomiOrdini
from gateway.ports import Clients
from gateway.stazioni import routes as stazioni_routes
from gateway.stazioni.demo import seed_demo_stazione
from gateway.stazioni.store import INDEXES as STAZIONI_INDEXES
from gateway.stazioni.store import StazioniStore
from parcelle_kit.service import package_version
from parcelle_kit.stores import build_document_store


def create_app(
    settings: GatewaySettings, clients: Clients, *, tracer_provider: TracerProvider
) -> FastAPI:
    """The gateway application; its stores open, and the bus starts, when the app starts."""
    store = build_document_store(settings, "gateway")
    files = GatewayFiles(settings, max_upload=settings.max_upload_mb * 1024 * 1024)

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        await store.open((*INDEXES, *STAZIONI_INDEXES))
        await files.open()
        if settings.env == "development":
            await seed_demo_accounts(app.state.accounts)
            await seed_demo_stazione(app.state.stazioni, settings.var_dir)
        await clients.bus.start()
        try:
            yield
        finally:
            await clients.bus.stop()
            await files.close()
            await store.close()

    app = FastAPI(
        title="Parcelle",
        summary="Pareri di congruità sulle parcelle degli avvocati, on-line.",
        version=package_version("parcelle-gateway"),
        lifespan=lifespan,
        openapi_url="/api/v1/openapi.json",
        docs_url=None,  # /api/v1/docs is a page of ours: gateway.web.documentazione says why
        redoc_url=None,
    )
    app.state.settings = settings
    app.state.clients = clients
    app.state.ordini = NomiOrdini(clients.acquisizione)
    app.state.files = files
    app.state.accounts = AccountStore(store)
    counters = Counters(store)
    app.state.login = GuardedLogin(
        app.state.accounts,
        LoginThrottle(
            counters,
            LoginRules(
                free_per_account=settings.login_free_per_account,
                free_per_address=settings.login_free_per_address,
            ),
        ),
    )
    app.state.station_rate = StationRate(counters, settings.scanner_per_second)
    app.state.sessions = SessionStore(store)
    app.state.stazioni = StazioniStore(store)
    errors.install(app)
    web.install(app)  # pages get Italian HTML error pages; the API keeps its JSON errors

    @app.exception_handler(LoginRequiredError)
    async def to_login(_: Request, error: LoginRequiredError) -> RedirectResponse:
        return RedirectResponse(f"/login?next={error.next_url}", status_code=303)

    app.include_router(health.router)
    app.include_router(auth_router)
    app.include_router(api.router)
    app.include_router(api_segreteria.router)
    app.include_router(api_revisione.router)
    app.include_router(api_consegne.router)
    app.include_router(api_pec.router)
    app.include_router(stazioni_routes.router)
    app.include_router(web.router)
    app.mount("/static", web.static_files(), name="static")
    app.include_router(asyncapi.router)
    FastAPIInstrumentor.instrument_app(
        app, tracer_provider=tracer_provider, excluded_urls="healthz"
    )
    return app
