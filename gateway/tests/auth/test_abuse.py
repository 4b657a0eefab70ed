"""Login and scanner abuse through the gateway as a client sees it: wrong passwords wait longer
and longer (429, Retry-After, an Italian message) for that address only, a success from
elsewhere goes through at once, proxy headers count only from a trusted proxy, failures are
logged without the password, a station flooding scans gets 429."""

import json
from collections.abc import AsyncIterator, Callable
from contextlib import AbstractAsyncContextManager, asynccontextmanager

import httpx
import pytest
from fastapi import FastAPI
from structlog.testing import capture_logs

from gateway.config import GatewaySettings
from gateway.stazioni.store import StazioniStore
from parcelle_kit import demo

from ..fake_acquisizione import FakeAcquisizione
from ..web.pagine import Browser

TOKEN = "/api/v1/auth/token"
Client = Callable[..., AbstractAsyncContextManager[httpx.AsyncClient]]


@pytest.fixture
def gateway_settings(gateway_settings: GatewaySettings) -> GatewaySettings:
    return gateway_settings.model_copy(
        update={
            "login_free_per_account": 2,
            "login_free_per_address": 4,
            "trusted_proxies": frozenset({"10.9.9.9"}),
            "scanner_per_second": 2,
        }
    )


@pytest.fixture
def client(app: FastAPI) -> Client:
    """A client of the app seen as coming from ``address``."""

    @asynccontextmanager
    async def at(address: str, **options: object) -> AsyncIterator[httpx.AsyncClient]:
        transport = httpx.ASGITransport(app=app, client=(address, 40000))
        async with httpx.AsyncClient(
            transport=transport,
            base_url="http://parcelle.test",
            **options,  # type: ignore[arg-type]
        ) as http:
            yield http

    return at


async def token(http: httpx.AsyncClient, password: str, **headers: str) -> httpx.Response:
    return await http.post(
        TOKEN, data={"username": demo.AVVOCATO.username, "password": password}, headers=headers
    )


async def test_wrong_passwords_wait_longer_and_only_for_their_address(client: Client) -> None:
    with capture_logs() as logs:
        async with client("203.0.113.7") as guesser, client("192.0.2.10") as office:
            await guesser_then_lawyer(guesser, office)
    lines = [line for line in logs if line["event"] == "login failed"]
    assert [line["address"] for line in lines] == ["203.0.113.7"] * 3
    assert all("guess" not in json.dumps(line) for line in lines)


async def guesser_then_lawyer(guesser: httpx.AsyncClient, office: httpx.AsyncClient) -> None:
    statuses = [(await token(guesser, f"guess-{n}")).status_code for n in range(3)]
    assert statuses == [401, 401, 401]
    refused = await token(guesser, demo.password())  # even the right one must wait now
    assert refused.status_code == 429
    assert refused.headers["Retry-After"] == "1"
    assert refused.json()["error"] == "troppi_tentativi"
    assert refused.json()["message"].startswith("Troppi tentativi di accesso non riusciti")

    mine = await token(office, demo.password())  # the lawyer at her office: no wait
    assert mine.status_code == 200, mine.text


async def test_the_address_comes_from_x_forwarded_for_only_behind_a_trusted_proxy(
    client: Client,
) -> None:
    async with client("10.9.9.9") as proxy, client("198.51.100.4") as stranger:
        for _ in range(3):
            assert (
                await token(proxy, "wrong", **{"X-Forwarded-For": "203.0.113.7"})
            ).status_code == 401
        behind_proxy = await token(proxy, demo.password(), **{"X-Forwarded-For": "192.0.2.10"})
        assert behind_proxy.status_code == 200  # another client behind the same proxy
        spoofed = await token(stranger, "wrong", **{"X-Forwarded-For": "203.0.113.7"})
        assert spoofed.status_code == 401  # counted for 198.51.100.4, not for the forged one
        again = await token(proxy, demo.password(), **{"X-Forwarded-For": "203.0.113.7"})
        assert again.status_code == 429


async def test_the_login_page_says_how_long_to_wait(client: Client) -> None:
    async with client("203.0.113.8", headers={"Accept": "text/html"}) as http:
        browser = Browser(http)
        for _ in range(3):
            login = await browser.pagina("/login")
            wrong = await http.post(
                "/login",
                data={
                    "username": demo.AVVOCATO.username,
                    "password": "sbagliata",
                    "token_accesso": login.valore("token_accesso"),
                    "next": "",
                },
            )
            assert wrong.status_code == 401
        login = await browser.pagina("/login")
        waiting = await http.post(
            "/login",
            data={
                "username": demo.AVVOCATO.username,
                "password": demo.password(),
                "token_accesso": login.valore("token_accesso"),
                "next": "",
            },
        )
        assert waiting.status_code == 429
        assert waiting.headers["Retry-After"] == "1"
        assert "Troppi tentativi di accesso non riusciti: riprova tra 1 secondo" in waiting.text


async def test_a_station_flooding_scans_is_told_to_wait(
    api: httpx.AsyncClient, app: FastAPI, acquisizione: FakeAcquisizione
) -> None:
    stazioni: StazioniStore = app.state.stazioni
    _, chiave = await stazioni.crea(nome="Banco 1", ordine="DEMO", da="test")
    pratica = acquisizione.deposita()
    statuses = [
        (
            await api.post(
                "/api/v1/scanner/eventi",
                headers={"X-Station-Key": chiave},
                json={"codice": pratica.codice, "letto_il": "2026-03-02T09:15:30+01:00"},
            )
        ).status_code
        for _ in range(3)
    ]
    assert statuses[:2] == [202, 202]
    assert statuses[2] == 429
