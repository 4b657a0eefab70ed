"""Errors of the REST API: ``{"error": code, "message": Italian text, "fields": {...}}``.

A refusal from the owning service keeps its code and message and gets the HTTP status that
code means; a body the gateway cannot read (not JSON, not UTF-8, a multipart body without its
boundary) gets 400, a body of another content type 415, data that are wrong 422 with a message
per field; an unknown route 404, a method the path does not serve 405 with every method it
does; a service that does not answer 503; a bug 500. Every message is Italian, whatever
Starlette or FastAPI said, and nothing here leaks a stack trace. What each operation can answer
is declared in :mod:`gateway.openapi`.
"""

import re
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from parcelle_contracts.common import Errore
from parcelle_kit.bus.retry import ERRORE_INTERNO, NON_DISPONIBILE
from parcelle_kit.pdf.inspection import CODICE as PDF_NON_AMMESSO
from parcelle_kit.store.ports import InvalidCursorError

STATUS_BY_CODE = {
    "non_trovata": 404,
    "non_autorizzata": 403,
    "stato_non_valido": 409,
    "gia_depositata": 409,
    "documento_non_aggiornato": 409,
    "dati_non_validi": 422,
    "incompleta": 422,
    "firma_mancante": 422,
    "firma_non_valida": 422,
    "ricevuta_non_valida": 422,
    "invio_non_trovato": 404,
    "limite_superato": 413,
    "tipo_non_ammesso": 415,
    "non_disponibile": 404,
    "codice_non_valido": 422,
    "codice_altro_ordine": 403,
    "originale_mancante": 409,
    "relatore_non_valido": 422,
    "in_attesa": 409,
    PDF_NON_AMMESSO: 422,
    NON_DISPONIBILE.codice: 503,
    ERRORE_INTERNO.codice: 500,
    InvalidCursorError.codice: 400,
}

# Pydantic's error types, said in Italian for the people who will read them.
_MESSAGES = {
    "missing": "Campo obbligatorio.",
    "extra_forbidden": "Campo non previsto.",
    "string_too_long": "Testo troppo lungo.",
    "string_too_short": "Testo troppo corto.",
    "string_pattern_mismatch": "Formato non valido.",
    "literal_error": "Valore non ammesso.",
    "enum": "Valore non ammesso.",
    "decimal_parsing": "Importo non valido: usa cifre e il punto per i decimali (es. 1701.00).",
    "decimal_max_places": "Al massimo due cifre decimali.",
    "decimal_max_digits": "Importo troppo grande.",
    "decimal_whole_digits": "Importo troppo grande.",
    "greater_than_equal": "Il valore non può essere negativo.",
    "less_than_equal": "Valore troppo grande.",
    "int_parsing": "Numero intero non valido.",
    "int_type": "Numero intero non valido.",
    "date_type": "Data non valida (AAAA-MM-GG).",
    "bool_parsing": "Indica sì o no.",
    "bool_type": "Indica sì o no.",
    "date_from_datetime_parsing": "Data non valida (AAAA-MM-GG).",
    "date_parsing": "Data non valida (AAAA-MM-GG).",
    "json_invalid": "Il corpo della richiesta non è JSON valido.",
    "model_attributes_type": "Struttura non valida.",
    "dict_type": "Struttura non valida.",
    "list_type": "Era attesa una lista.",
    "too_long": "Troppi elementi.",
}


class ApiError(Exception):
    """An error the gateway itself answers with."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        fields: dict[str, str] | None = None,
        *,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status = status
        self.code = code
        self.message = message
        self.fields = fields or {}
        self.headers = headers or {}


def error_response(
    status: int,
    code: str,
    message: str,
    fields: dict[str, str] | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    return JSONResponse(
        {"error": code, "message": message, "fields": fields or {}},
        status_code=status,
        headers=headers,
    )


def status_of(errore: Errore) -> int:
    return STATUS_BY_CODE.get(errore.codice, 400)


def field_errors(errors: Any) -> dict[str, str]:
    """Pydantic errors as ``{"cliente.cap": "Formato non valido."}``."""
    fields: dict[str, str] = {}
    for error in errors:
        location = [str(part) for part in error.get("loc", ()) if part not in ("body", "query")]
        path = ".".join(location) or "richiesta"
        fields.setdefault(path, _MESSAGES.get(error.get("type", ""), "Valore non valido."))
    return fields


JSON_TYPES = ("application/json",)
_BODY_AS_A_WHOLE = ("body",)
_HTTP = {
    400: ("richiesta_non_valida", "La richiesta non si può leggere."),
    401: ("non_autenticato", "Accesso richiesto."),
    403: ("non_autorizzata", "Operazione non consentita."),
    404: ("non_trovata", "Risorsa non trovata."),
    405: ("metodo_non_ammesso", "Metodo non ammesso."),
    413: ("limite_superato", "La richiesta è troppo grande."),
    415: ("tipo_contenuto_non_ammesso", "Tipo di contenuto non ammesso."),
}
_UNREADABLE_BODY = (
    "Il corpo della richiesta non si può leggere: deve essere JSON in UTF-8, o un modulo "
    "multipart/form-data completo del suo boundary per i file."
)


def is_json(content_type: str | None) -> bool:
    media = (content_type or "").split(";", 1)[0].strip().lower()
    return media in JSON_TYPES or (media.startswith("application/") and media.endswith("+json"))


def malformed(request: Request, errors: Any) -> JSONResponse | None:
    """The answer to a request whose body cannot even be read as the operation wants it:
    400 for a body that is not JSON, 415 for a body of another content type; None when the
    body was read and only its data are wrong (then 422 says which field)."""
    for error in errors:
        if error.get("type") == "json_invalid":
            return error_response(
                400,
                "richiesta_non_valida",
                "Il corpo della richiesta non è JSON valido.",
                {"corpo": "JSON non valido."},
            )
    for error in errors:
        whole_body = tuple(error.get("loc", ())) == _BODY_AS_A_WHOLE
        if (
            whole_body
            and error.get("type") != "missing"
            and not is_json(request.headers.get("content-type"))
        ):
            return error_response(
                415,
                "tipo_contenuto_non_ammesso",
                "Invia i dati come JSON (Content-Type: application/json).",
                {"Content-Type": "Era atteso application/json."},
            )
    return None


HTTP_METHODS = frozenset({"GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"})


def allowed_methods(request: Request, starlette_allow: str | None) -> list[str]:
    """Every method the API serves at this path. Starlette's 405 names only the methods of
    the first route whose path matched (``Allow: POST`` where GET is served too); the OpenAPI
    document knows them all (pages, outside it, keep Starlette's own list)."""
    methods = {m.strip() for m in (starlette_allow or "").split(",") if m.strip()}
    paths: dict[str, dict[str, Any]] = request.app.openapi()["paths"]
    for template, item in paths.items():
        if re.fullmatch(re.sub(r"\\{[^}/]+\\}", "[^/]+", re.escape(template)), request.url.path):
            methods |= {method.upper() for method in item} & HTTP_METHODS
    return sorted(methods)


def install(app: FastAPI) -> None:
    """Register the handlers that turn errors into the JSON shape above: every answer of the
    API, a malformed request's too, is ``{"error", "message", "fields"}`` in Italian."""

    @app.exception_handler(ApiError)
    async def on_api_error(_: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.code, error.message, error.fields, error.headers)

    @app.exception_handler(InvalidCursorError)
    async def on_cursor(_: Request, error: InvalidCursorError) -> JSONResponse:
        # A list the gateway pages from its own store (the scanner stations).
        return error_response(400, error.codice, error.messaggio, dict(error.campi))

    @app.exception_handler(RichiestaRifiutataError)
    async def on_refusal(_: Request, error: RichiestaRifiutataError) -> JSONResponse:
        errore = error.errore
        return error_response(status_of(errore), errore.codice, errore.messaggio, errore.campi)

    @app.exception_handler(ServiceUnavailableError)
    async def on_unavailable(_: Request, error: ServiceUnavailableError) -> JSONResponse:
        return error_response(
            503,
            "servizio_non_disponibile",
            "Il servizio non risponde in questo momento: riprova tra poco. Nessun dato "
            "inviato è andato perso.",
        )

    @app.exception_handler(RequestValidationError)
    async def on_invalid(request: Request, error: RequestValidationError) -> JSONResponse:
        unreadable = malformed(request, error.errors())
        if unreadable is not None:
            return unreadable
        return error_response(
            422, "dati_non_validi", "Alcuni dati non sono validi.", field_errors(error.errors())
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http(request: Request, error: StarletteHTTPException) -> JSONResponse:
        # Starlette's and FastAPI's own refusals carry English details (a body that is not
        # UTF-8, a multipart body without its boundary): the client gets our words instead.
        code, message = _HTTP.get(error.status_code, ("errore", "Richiesta non eseguita."))
        if error.status_code == 400:
            message = _UNREADABLE_BODY
        headers = dict(error.headers) if error.headers else {}
        if error.status_code == 405:
            starlette_allow = headers.pop("Allow", None) or headers.pop("allow", None)
            headers["Allow"] = ", ".join(allowed_methods(request, starlette_allow))
        return error_response(error.status_code, code, message, headers=headers)

    @app.exception_handler(Exception)
    async def on_bug(_: Request, error: Exception) -> JSONResponse:
        # Starlette logs the exception and re-raises it after this answer is sent.
        return error_response(500, ERRORE_INTERNO.codice, ERRORE_INTERNO.messaggio)
