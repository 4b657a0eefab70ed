"""Error pages for people: a browser asking for a page gets an Italian HTML page (404, 403,
409, 503 ...); the REST API and anything that does not ask for HTML keep the JSON errors of
:mod:`gateway.errors`, whose handlers these wrap."""

import inspect
from collections.abc import Awaitable, Callable
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import Response
from starlette.exceptions import HTTPException as StarletteHTTPException

from gateway.auth import LoginRequiredError, WebUser, web_user
from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from gateway.errors import ApiError, status_of
from gateway.web.templating import pagina

Handler = Callable[[Request, Exception], Awaitable[Response]]
JsonHandler = Callable[[Request, Any], Response | Awaitable[Response]]

TITOLI = {
    400: "Richiesta non valida",
    403: "Accesso non consentito",
    404: "Pagina non trovata",
    405: "Operazione non consentita",
    409: "Operazione non possibile in questo momento",
    410: "Collegamento scaduto",
    413: "File troppo grande",
    415: "Tipo di file non ammesso",
    422: "Dati non validi",
    503: "Servizio momentaneamente non disponibile",
}
MESSAGGI = {
    404: "La pagina che cerchi non esiste o non è più disponibile. Controlla l'indirizzo.",
    405: "Questa operazione non si può fare da questa pagina.",
    503: "Il servizio non risponde in questo momento. Riprova tra qualche minuto: i dati già "
    "salvati non sono andati persi.",
}
API_PATHS = ("/api/", "/healthz", "/readyz", "/static/")


def vuole_html(request: Request) -> bool:
    """A browser asking for a page (not the API, not a script asking for JSON)."""
    if request.url.path.startswith(API_PATHS):
        return False
    return "text/html" in request.headers.get("accept", "")


async def _user(request: Request) -> WebUser | None:
    try:
        return await web_user(request)
    except LoginRequiredError:
        return None
    except Exception:  # the store may be what failed: the error page must still render
        return None


async def pagina_errore(request: Request, stato: int, messaggio: str | None = None) -> Response:
    """The Italian error page for ``stato``."""
    return pagina(
        request,
        "errore.html",
        {
            "codice": stato,
            "titolo": TITOLI.get(stato, "Si è verificato un problema"),
            "messaggio": messaggio or MESSAGGI.get(stato, "La richiesta non è andata a buon fine."),
        },
        utente=await _user(request),
        stato=stato,
    )


def _stato_e_messaggio(error: Exception) -> tuple[int, str | None]:
    if isinstance(error, RichiestaRifiutataError):
        return status_of(error.errore), error.errore.messaggio
    if isinstance(error, ApiError):
        return error.status, error.message
    if isinstance(error, ServiceUnavailableError):
        return 503, None
    if isinstance(error, RequestValidationError):
        return 404, None  # a malformed address is, for a person, a page that does not exist
    if isinstance(error, StarletteHTTPException):
        detail = error.detail if isinstance(error.detail, str) else None
        standard = detail in (None, "Not Found", "Method Not Allowed")
        return error.status_code, None if standard else detail
    return 500, None


def install(app: FastAPI) -> None:
    """Wrap the JSON error handlers already installed so that pages get HTML errors."""
    for error_class in (
        StarletteHTTPException,
        ApiError,
        RichiestaRifiutataError,
        ServiceUnavailableError,
        RequestValidationError,
        Exception,
    ):
        json_handler = app.exception_handlers.get(error_class)
        if json_handler is None:  # pragma: no cover - errors.install registers all of them
            continue
        app.add_exception_handler(error_class, _html_or(json_handler))


def _html_or(json_handler: JsonHandler) -> Handler:
    async def handler(request: Request, error: Exception) -> Response:
        if not vuole_html(request):
            risposta = json_handler(request, error)
            return await risposta if inspect.isawaitable(risposta) else risposta
        stato, messaggio = _stato_e_messaggio(error)
        return await pagina_errore(request, stato, messaggio)

    return handler
