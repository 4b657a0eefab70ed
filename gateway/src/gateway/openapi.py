"""What the OpenAPI document says about errors and authentication, in one place.

Every error of the REST API has one shape, :class:`ErroreApi`. Each operation lists the
statuses it can answer by naming the refusal codes it can get (:func:`rifiuti`): the status of
each code comes from :data:`gateway.errors.STATUS_BY_CODE`, the same table that turns a
service's refusal into an HTTP status, so the document cannot drift from what the gateway
answers. What every operation of an area can answer (no token, wrong role, an unreadable
request, the service not answering) is declared once on its router (:func:`comuni`).
"""

from typing import Any

from fastapi.security import OAuth2PasswordBearer
from pydantic import BaseModel, Field

from gateway.errors import STATUS_BY_CODE

Responses = dict[int | str, dict[str, Any]]


class ErroreApi(BaseModel):
    """Why a request was refused: a stable code for programs, an Italian text for people."""

    error: str = Field(
        description="Stable machine code, e.g. `non_trovata`, `dati_non_validi`.",
        examples=["dati_non_validi"],
    )
    message: str = Field(
        description="Italian text for the user.", examples=["Alcuni dati non sono validi."]
    )
    fields: dict[str, str] = Field(
        description="Field path -> Italian message, for the fields that are wrong.",
        examples=[{"cliente.cap": "Formato non valido."}],
    )


STATUS_OF_GATEWAY_CODE = {
    "richiesta_non_valida": 400,
    "non_autenticato": 401,
    "credenziali_non_valide": 401,
    "stazione_non_autenticata": 401,
    "stazione_non_riconosciuta": 401,
    "stazione_revocata": 401,
    "gestore_non_autenticato": 401,
    "csrf": 403,
    "tipo_contenuto_non_ammesso": 415,
    "troppi_tentativi": 429,
    "troppe_scansioni": 429,
}
"""The codes the gateway answers with itself (the services' are in STATUS_BY_CODE)."""

TITLES = {
    400: "The request cannot be read (not JSON, not UTF-8, a malformed multipart body)",
    401: "Not authenticated",
    403: "Not allowed",
    404: "Not found",
    409: "Not possible in the current state",
    413: "Too large",
    415: "Content type or file type not accepted",
    422: "Invalid data: `fields` says which",
    429: "Too many attempts: wait `Retry-After` seconds",
    500: "Internal error: nothing was changed",
    503: "A service does not answer: retry later, nothing sent was lost",
}

RETRY_AFTER = {
    "Retry-After": {
        "description": "Seconds to wait before trying again.",
        "schema": {"type": "integer", "minimum": 1},
    }
}

COMMON = ("richiesta_non_valida", "dati_non_validi", "errore_interno", "servizio_non_disponibile")
"""What any operation that reads a request and asks a service can answer."""

AUTENTICATO = (*COMMON, "non_autenticato", "csrf", "non_autorizzata")
"""What any operation of the bearer-token API can answer besides its own refusals."""


def status_of_code(codice: str) -> int:
    if codice in STATUS_OF_GATEWAY_CODE:
        return STATUS_OF_GATEWAY_CODE[codice]
    return STATUS_BY_CODE[codice]  # KeyError: a code nobody answers with is a typo


def rifiuti(*codici: str) -> Responses:
    """The error responses of an operation that can refuse with ``codici``: one per status,
    its description naming the codes behind it."""
    by_status: dict[int, list[str]] = {}
    for codice in codici:
        by_status.setdefault(status_of_code(codice), []).append(codice)
    responses: Responses = {}
    for status in sorted(by_status):
        codes = ", ".join(f"`{c}`" for c in sorted(set(by_status[status])))
        response: dict[str, Any] = {
            "model": ErroreApi,
            "description": f"{TITLES.get(status, 'Error')}. Codes: {codes}.",
        }
        if status == 429:
            response["headers"] = RETRY_AFTER
        responses[status] = response
    return responses


def comuni(*codici: str) -> Responses:
    """Router-level responses: the bearer-token API's common refusals and ``codici``."""
    return rifiuti(*AUTENTICATO, *codici)


bearer = OAuth2PasswordBearer(
    tokenUrl="/api/v1/auth/token",
    scheme_name="OAuth2Password",
    description="A bearer token from `POST /api/v1/auth/token` (username and password).",
    auto_error=False,  # the gateway answers 401 in its own error shape
)
"""The security scheme of the lawyers', secretariat's and councillors' API."""
