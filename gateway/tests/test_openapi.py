"""The API says what it does: every operation lists its statuses with the one error shape and
its security scheme; every malformed request gets that shape with an Italian message; the
documentation page loads nothing from elsewhere."""

from typing import Any

import httpx
import pytest

from gateway.openapi import rifiuti
from parcelle_kit import demo

ERROR_SCHEMA = {"$ref": "#/components/schemas/ErroreApi"}
STATION_KEY = "/api/v1/scanner/eventi"
TOKEN = "/api/v1/auth/token"
ENGLISH = ("There was", "error parsing", "Missing boundary", "Not Found", "Not Allowed", "Field")


async def document(api: httpx.AsyncClient) -> dict[str, Any]:
    answer = await api.get("/api/v1/openapi.json")
    assert answer.status_code == 200
    body: dict[str, Any] = answer.json()
    return body


def operations(doc: dict[str, Any]) -> list[tuple[str, str, dict[str, Any]]]:
    return [
        (path, method, operation)
        for path, item in doc["paths"].items()
        for method, operation in item.items()
    ]


async def bearer(api: httpx.AsyncClient, username: str = "avvocato.demo") -> dict[str, str]:
    answer = await api.post(TOKEN, data={"username": username, "password": demo.password()})
    assert answer.status_code == 200, answer.text
    return {"Authorization": f"Bearer {answer.json()['access_token']}"}


def assert_error(answer: httpx.Response, status: int, code: str) -> dict[str, Any]:
    assert answer.status_code == status, answer.text
    body: dict[str, Any] = answer.json()
    assert set(body) == {"error", "message", "fields"}
    assert body["error"] == code
    assert "detail" not in body
    assert body["message"]
    assert not any(english in body["message"] for english in ENGLISH), body["message"]
    return body


async def test_every_api_operation_documents_its_errors_with_the_error_schema(
    api: httpx.AsyncClient,
) -> None:
    doc = await document(api)
    api_operations = [op for op in operations(doc) if op[0].startswith("/api/v1/")]
    assert len(api_operations) > 20
    for path, method, operation in api_operations:
        statuses = {int(s) for s in operation["responses"]}
        if path != "/api/v1/asyncapi.json":
            assert {400, 422, 500, 503} <= statuses, (method, path)
        for status in statuses - {200, 201, 202, 204}:
            content = operation["responses"][str(status)]["content"]["application/json"]
            assert content["schema"] == ERROR_SCHEMA, (method, path, status)
    schema = doc["components"]["schemas"]["ErroreApi"]
    assert set(schema["required"]) == {"error", "message", "fields"}


async def test_each_operation_declares_how_it_authenticates(api: httpx.AsyncClient) -> None:
    doc = await document(api)
    schemes = doc["components"]["securitySchemes"]
    assert schemes["OAuth2Password"]["flows"]["password"]["tokenUrl"] == TOKEN
    assert schemes["StationKey"] == {
        "type": "apiKey",
        "in": "header",
        "name": "X-Station-Key",
        "description": schemes["StationKey"]["description"],
    }
    public = {TOKEN, "/api/v1/asyncapi.json", "/healthz", "/readyz"}
    for path, method, operation in operations(doc):
        if path in public:
            assert "security" not in operation, (method, path)
        elif path == STATION_KEY:
            assert operation["security"] == [{"StationKey": []}]
            assert {"401", "429"} <= set(operation["responses"])
        else:
            assert operation["security"] == [{"OAuth2Password": []}], (method, path)
            assert "401" in operation["responses"], (method, path)
    assert "429" in doc["paths"][TOKEN]["post"]["responses"]
    assert "Retry-After" in doc["paths"][TOKEN]["post"]["responses"]["429"]["headers"]


def test_statuses_come_from_the_refusal_codes() -> None:
    responses = rifiuti("non_trovata", "stato_non_valido", "gia_depositata", "limite_superato")
    assert sorted(responses) == [404, 409, 413]
    assert "`gia_depositata`, `stato_non_valido`" in responses[409]["description"]
    with pytest.raises(KeyError):
        rifiuti("codice_inventato")


async def test_a_body_that_is_not_json_or_not_utf8_is_a_400_in_italian(
    api: httpx.AsyncClient,
) -> None:
    headers = {**await bearer(api), "Content-Type": "application/json"}
    for body in (b"{non json", b'{"codice": "\xff\xfe"}', "\xe8".encode("latin-1")):
        answer = await api.post("/api/v1/istanze", content=body, headers=headers)
        assert_error(answer, 400, "richiesta_non_valida")


async def test_a_body_of_another_content_type_is_a_415(api: httpx.AsyncClient) -> None:
    headers = await bearer(api)
    for content_type in ("text/plain", None):
        sent = {**headers, **({"Content-Type": content_type} if content_type else {})}
        answer = await api.post("/api/v1/istanze", content=b'{"a": 1}', headers=sent)
        assert_error(answer, 415, "tipo_contenuto_non_ammesso")


async def test_a_multipart_body_without_boundary_is_a_400_in_italian(
    api: httpx.AsyncClient,
) -> None:
    headers = {**await bearer(api), "Content-Type": "multipart/form-data"}
    answer = await api.post("/api/v1/istanze/x/allegati", content=b"--x\r\n", headers=headers)
    body = assert_error(answer, 400, "richiesta_non_valida")
    assert "multipart" in body["message"]


async def test_a_query_parameter_of_the_wrong_type_names_the_field(
    api: httpx.AsyncClient,
) -> None:
    headers = await bearer(api, "segreteria.demo")
    answer = await api.get("/api/v1/segreteria/scadenze?giorni=molti", headers=headers)
    body = assert_error(answer, 422, "dati_non_validi")
    assert body["fields"] == {"giorni": "Numero intero non valido."}


async def test_unknown_routes_and_methods_answer_in_the_error_shape(
    api: httpx.AsyncClient,
) -> None:
    assert_error(await api.get("/api/v1/inesistente"), 404, "non_trovata")
    wrong_method = await api.put("/api/v1/istanze")
    assert_error(wrong_method, 405, "metodo_non_ammesso")
    assert wrong_method.headers["allow"] == "GET, POST"  # both routes at the path
    beside = await api.get("/api/v1/istanze/x/firma-demo")
    assert_error(beside, 405, "metodo_non_ammesso")
    assert beside.headers["allow"] == "POST"


async def test_logout_needs_the_token_it_revokes(api: httpx.AsyncClient) -> None:
    assert_error(await api.post("/api/v1/auth/logout"), 401, "non_autenticato")
    headers = await bearer(api)
    assert (await api.post("/api/v1/auth/logout", headers=headers)).status_code == 204
    assert (await api.get("/api/v1/istanze", headers=headers)).status_code == 401
    assert_error(await api.post("/api/v1/auth/logout", headers=headers), 401, "non_autenticato")


async def test_the_docs_page_links_the_documents_under_the_pages_csp(
    api: httpx.AsyncClient,
) -> None:
    answer = await api.get("/api/v1/docs")
    assert answer.status_code == 200
    assert "script-src 'self'" in answer.headers["content-security-policy"]
    assert 'href="/api/v1/openapi.json"' in answer.text
    assert "cdn" not in answer.text.lower()


async def test_yes_and_no_are_json_booleans(api: httpx.AsyncClient) -> None:
    headers = await bearer(api)
    for value in (0, 1, "true", "no"):
        body = {"pratica": {"insinuazione_passivo": value}}
        answer = await api.post("/api/v1/istanze", json=body, headers=headers)
        error = assert_error(answer, 422, "dati_non_validi")
        assert error["fields"] == {"pratica.insinuazione_passivo": "Indicare sì o no."}
    clerk = await bearer(api, "segreteria.demo")
    richiesta = {"codice": "DEMO-26-00000001-ABCD", "originale_ricevuto": "si"}
    answer = await api.post("/api/v1/segreteria/acquisizioni", json=richiesta, headers=clerk)
    assert assert_error(answer, 422, "dati_non_validi")["fields"] == {
        "originale_ricevuto": "Indicare sì o no."
    }


async def test_numbers_are_not_dates_nor_texts_numbers(api: httpx.AsyncClient) -> None:
    headers = await bearer(api)
    for pratica, campo, messaggio in (
        ({"periodo_dal": 0}, "pratica.periodo_dal", "Data non valida (AAAA-MM-GG)."),
        ({"numero_parti": "2"}, "pratica.numero_parti", "Numero intero non valido."),
    ):
        answer = await api.post("/api/v1/istanze", json={"pratica": pratica}, headers=headers)
        assert assert_error(answer, 422, "dati_non_validi")["fields"] == {campo: messaggio}
