"""Errors of the REST API: ``{"error": code, "message": Italian text, "fields": {...}}``.

A refusal from the owning service keeps its code and message and gets the HTTP status that
code means; a request the gateway cannot even read gets 422 with a message per field; a service
that does not answer gets 503. Nothing here leaks a stack trace.
"""

from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

from gateway.bus import RichiestaRifiutataError, ServiceUnavailableError
from parcelle_contracts.common import Errore
from parcelle_kit.bus.retry import ERRORE_INTERNO, NON_DISPONIBILE
from parcelle_kit.pdf.inspection import CODICE as PDF_NON_AMMESSO

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
    "limite_superato": 413,
    "tipo_non_ammesso": 415,
    "non_disponibile": 404,
    "codice_non_valido": 422,
    "codice_altro_ordine": 403,
    "originale_mancante": 409,
    "relatore_non_valido": 422,
    PDF_NON_AMMESSO: 422,
    NON_DISPONIBILE.codice: 503,
    ERRORE_INTERNO.codice: 500,
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
    "decimal_parsing": "Importo non valido: usare cifre e il punto per i decimali (es. 1701.00).",
    "decimal_max_places": "Al massimo due cifre decimali.",
    "decimal_max_digits": "Importo troppo grande.",
    "greater_than_equal": "Il valore non può essere negativo.",
    "less_than_equal": "Valore troppo grande.",
    "int_parsing": "Numero intero non valido.",
    "bool_parsing": "Indicare sì o no.",
    "bool_type": "Indicare sì o no.",
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


def install(app: FastAPI) -> None:
    """Register the handlers that turn errors into the JSON shape above."""

    @app.exception_handler(ApiError)
    async def on_api_error(_: Request, error: ApiError) -> JSONResponse:
        return error_response(error.status, error.code, error.message, error.fields, error.headers)

    @app.exception_handler(RichiestaRifiutataError)
    async def on_refusal(_: Request, error: RichiestaRifiutataError) -> JSONResponse:
        errore = error.errore
        return error_response(status_of(errore), errore.codice, errore.messaggio, errore.campi)

    @app.exception_handler(ServiceUnavailableError)
    async def on_unavailable(_: Request, error: ServiceUnavailableError) -> JSONResponse:
        return error_response(
            503,
            "servizio_non_disponibile",
            "Il servizio non risponde in questo momento: riprovare tra poco. Nessun dato "
            "inviato è andato perso.",
        )

    @app.exception_handler(RequestValidationError)
    async def on_invalid(_: Request, error: RequestValidationError) -> JSONResponse:
        return error_response(
            422, "dati_non_validi", "Alcuni dati non sono validi.", field_errors(error.errors())
        )

    @app.exception_handler(StarletteHTTPException)
    async def on_http(_: Request, error: StarletteHTTPException) -> JSONResponse:
        messages = {404: "Risorsa non trovata.", 405: "Metodo non ammesso."}
        return error_response(
            error.status_code,
            {404: "non_trovata", 405: "metodo_non_ammesso"}.get(error.status_code, "errore"),
            messages.get(error.status_code, str(error.detail)),
        )
