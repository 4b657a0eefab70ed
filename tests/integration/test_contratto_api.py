"""The REST API keeps its contract: schemathesis reads the OpenAPI document, generates requests
(valid and invalid) for every operation and sends them over HTTP to a gateway on the real
broker with the six services behind it, as each role: the lawyer, the secretariat and the
relatore with their bearer tokens, a scanner station with its key, and nobody (the public
operations).

No answer may be a 5xx, and each must have a status, content type, headers and body that the
document lists for that operation; every method a path does not declare is a 405 naming those
it does. Path parameters are either generated or the ids of real cases, attachments and
stations, so the answers are not all 404s. Bounded: EXAMPLES requests per operation, role and
mode (about 350 in all, some 30 s); the login throttle is set high so that the token endpoint
can be fuzzed too.

Run: ``uv run --locked --all-packages --no-sync pytest -q tests/integration/test_contratto_api.py``
(RabbitMQ must answer, as for every integration test).

A deeper sweep, too long for the suite (some 1,300 requests, with schemathesis's coverage
phase), is its command line against a running gateway (``parcelle up``), once per role::

    schemathesis run http://127.0.0.1:8000/api/v1/openapi.json \\
        --include-path-regex '^/api/v1/istanze' -H 'Authorization: Bearer <token>' \\
        --phases examples,coverage,fuzzing -n 5 --seed 1 \\
        --exclude-checks positive_data_acceptance,ensure_resource_availability
"""

import asyncio
import re
import socket
from collections.abc import AsyncIterator, Callable
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any

import httpx
import pytest
import schemathesis
import uvicorn
from fastapi import FastAPI
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from hypothesis.errors import Unsatisfiable
from opentelemetry.sdk.trace import TracerProvider
from schemathesis.checks import CHECKS, load_all_checks
from schemathesis.core.failures import FailureGroup
from schemathesis.core.result import Ok

from gateway.bootstrap import build_app
from gateway.config import GatewaySettings
from parcelle_kit import demo
from parcelle_testing.avvocato import complete_draft, deposited, lawyer, token
from parcelle_testing.fixtures import StartServices

pytestmark = pytest.mark.integration
SERVICES = ("istanze", "acquisizione", "revisione", "firma", "notifiche", "postale")
EXAMPLES = 8
"""Requests per operation, role and generation mode."""
MODES = (schemathesis.GenerationMode.POSITIVE, schemathesis.GenerationMode.NEGATIVE)
METODI = ("GET", "POST", "PUT", "PATCH", "DELETE")
# Every check schemathesis has but one: a request the document finds valid may still be refused
# by the owning service with a documented 4xx (an incomplete application, a code whose check
# element is wrong, a file that is not a PDF, a relatore who is not one), which the document
# cannot say in JSON Schema; `positive_data_acceptance` would call those a bug.
ESCLUSO = "positive_data_acceptance"


@dataclass
class Ruolo:
    """Who sends the requests, to which operations, with which real ids in their paths."""

    nome: str
    prefissi: tuple[str, ...]
    intestazioni: Callable[[], dict[str, str]]
    percorsi: dict[str, str] = field(default_factory=dict)

    def fa(self, path: str) -> bool:
        return path.startswith(self.prefissi)


@asynccontextmanager
async def served(app: FastAPI) -> AsyncIterator[str]:
    """The app served by uvicorn on a loopback port of its own, in this event loop."""
    sock = socket.socket()
    sock.bind(("127.0.0.1", 0))
    port = sock.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(app, lifespan="on", log_config=None, access_log=False))
    serving = asyncio.create_task(server.serve(sockets=[sock]))
    async with asyncio.timeout(20):
        while not server.started:
            await asyncio.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        await serving


def esclusi() -> list[schemathesis.CheckFunction]:
    return [check for check in CHECKS.get_by_names([ESCLUSO]) if not isinstance(check, type)]


@dataclass
class Esito:
    """What the run did: requests sent, and the failures found, one per kind and operation."""

    richieste: int = 0
    failures: dict[str, str] = field(default_factory=dict)

    def fallita(self, chi: str, error: BaseException) -> None:
        kinds = error.exceptions if isinstance(error, FailureGroup) else (error,)
        for kind in kinds:
            self.failures.setdefault(f"{chi}: {type(kind).__name__}", str(error))


def genera(
    operation: schemathesis.APIOperation[Any, Any, Any, Any],
    ruolo: Ruolo,
    mode: schemathesis.GenerationMode,
    base_url: str,
    esito: Esito,
) -> None:
    """EXAMPLES requests of one mode to one operation as one role, each answer checked."""
    parametri = {p.name for p in operation.path_parameters}
    reali = {nome: valore for nome, valore in ruolo.percorsi.items() if nome in parametri}
    strategy = operation.as_strategy(generation_mode=mode)
    if reali and reali.keys() == parametri:
        strategy = st.one_of(
            strategy, operation.as_strategy(generation_mode=mode, path_parameters=reali)
        )
    chi = f"{ruolo.nome} {mode} {operation.label}"

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        database=None,
        derandomize=True,  # the same requests on every run, in CI too
        phases=[Phase.generate],  # no shrinking: a failure is reported as found
        suppress_health_check=list(HealthCheck),
    )
    @given(case=strategy)
    def prova(case: schemathesis.Case[Any]) -> None:
        esito.richieste += 1
        try:
            case.call_and_validate(
                base_url=base_url,
                headers=ruolo.intestazioni(),
                excluded_checks=esclusi(),
            )
        except (AssertionError, FailureGroup) as error:  # failed checks: all are reported
            esito.fallita(chi, error)

    try:
        prova()
    except Unsatisfiable:  # nothing to make invalid (e.g. no parameters, no body)
        return


def contratto(base_url: str, ruoli: list[Ruolo]) -> Esito:
    """Every role on each of its operations, in both modes."""
    load_all_checks()
    schema = schemathesis.openapi.from_url(f"{base_url}/api/v1/openapi.json")
    operations = []
    for result in schema.get_all_operations():
        assert isinstance(result, Ok), result
        operations.append(result.ok())
    esito = Esito()
    for ruolo in ruoli:
        for operation in operations:
            if ruolo.fa(operation.path):
                for mode in MODES:
                    genera(operation, ruolo, mode, base_url, esito)
    metodi_non_dichiarati(base_url, schema.raw_schema["paths"], ruoli[0].intestazioni(), esito)
    return esito


def metodi_non_dichiarati(
    base_url: str, paths: dict[str, dict[str, Any]], headers: dict[str, str], esito: Esito
) -> None:
    """Every method a path does not declare is a 405 whose Allow lists what it does declare
    (schemathesis's coverage phase checks this too; its CLI run is longer than this suite
    allows, see the module's docstring)."""
    with httpx.Client(base_url=base_url, headers=headers) as http:
        for template, item in paths.items():
            dichiarati = {metodo.upper() for metodo in item}
            path = re.sub(r"\{[^}]+\}", "x", template)
            for metodo in sorted(set(METODI) - dichiarati):
                esito.richieste += 1
                risposta = http.request(metodo, path)
                allow = {m.strip() for m in risposta.headers.get("allow", "").split(",")}
                if (risposta.status_code, allow - {"HEAD", ""}) != (405, dichiarati):
                    esito.failures[f"{metodo} {template}"] = (
                        f"{metodo} {template}: {risposta.status_code}, Allow: {allow}"
                    )


async def acquisisci(
    http: httpx.AsyncClient, segreteria: dict[str, str], istanza: dict[str, Any]
) -> httpx.Response:
    return await http.post(
        "/api/v1/segreteria/acquisizioni", json={"codice": istanza["codice"]}, headers=segreteria
    )


# schemathesis's strategies draw from the `random` module, which hypothesis deprecates.
@pytest.mark.filterwarnings(
    "ignore:Do not use the `random` module inside strategies"
    ":hypothesis.errors.HypothesisDeprecationWarning"
)
async def test_every_role_gets_only_documented_answers_and_no_5xx(
    start_services: StartServices, settings_values: dict[str, Any]
) -> None:
    await start_services(*SERVICES)
    impostazioni = GatewaySettings(
        **settings_values,
        login_free_per_account=100_000,
        login_free_per_address=100_000,
        scanner_per_second=1_000,
    )
    app = build_app(impostazioni, tracer_provider=TracerProvider())
    async with served(app) as base_url, httpx.AsyncClient(base_url=base_url) as http:
        avvocato = await lawyer(http)
        segreteria = await lawyer(http, demo.SEGRETERIA.username)
        consigliere = await lawyer(http, demo.CONSIGLIERE.username)
        bozza_id = (await complete_draft(http, avvocato))["id"]
        bozza = (await http.get(f"/api/v1/istanze/{bozza_id}", headers=avvocato)).json()
        acquisita = await deposited(http, avvocato)
        await deposited(http, avvocato)  # left pending, for the scanner
        async with asyncio.timeout(20):  # the deposit reaches acquisizione as an event
            while (
                acquisizione := await acquisisci(http, segreteria, acquisita)
            ).status_code == 404:
                await asyncio.sleep(0.2)
        assert acquisizione.status_code == 201, acquisizione.text
        stazioni = app.state.stazioni
        revocabile, _ = await stazioni.crea(nome="Sportello 2", ordine=demo.ORDINE, da="test")
        _, chiave = await stazioni.crea(nome="Sportello 1", ordine=demo.ORDINE, da="test")
        password = demo.password()

        def nuovo_token() -> dict[str, str]:
            # Each logout revokes the token it is given: it gets one of its own.
            risposta = httpx.post(
                f"{base_url}/api/v1/auth/token",
                data={"username": demo.AVVOCATO.username, "password": password},
                timeout=10,
            )
            return {"Authorization": f"Bearer {risposta.json()['access_token']}"}

        ruoli = [
            Ruolo(
                "avvocato",
                ("/api/v1/istanze",),
                lambda: avvocato,
                {
                    "istanza_id": bozza["id"],
                    "allegato_id": bozza["allegati"][0]["id"],
                },
            ),
            Ruolo(
                "segreteria",
                ("/api/v1/segreteria",),
                lambda: segreteria,
                {"istanza_id": acquisita["id"], "stazione_id": revocabile.id},
            ),
            Ruolo(
                "consigliere",
                ("/api/v1/revisione",),
                lambda: consigliere,
                {"istanza_id": acquisita["id"]},
            ),
            Ruolo("stazione", ("/api/v1/scanner",), lambda: {"X-Station-Key": chiave}),
            Ruolo("logout", ("/api/v1/auth/logout",), nuovo_token),
            Ruolo(
                "pubblico",
                ("/api/v1/auth/token", "/api/v1/asyncapi.json", "/healthz", "/readyz"),
                dict,
            ),
        ]
        esito = await asyncio.to_thread(contratto, base_url, ruoli)
        # The session's tokens still work: nothing above logged them out.
        assert (await http.get("/api/v1/istanze", headers=avvocato)).status_code == 200
        assert await token(http, demo.AVVOCATO.username)
    assert esito.richieste >= 200  # every role reached its operations
    assert esito.failures == {}, "\n\n".join(esito.failures.values())
