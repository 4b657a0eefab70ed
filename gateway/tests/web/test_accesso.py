"""Logging in and out: Italian errors, the session cookie, where each role lands, CSRF."""

import httpx
import pytest
from fastapi import FastAPI

from gateway.auth import SESSION_COOKIE
from parcelle_kit import demo

from .pagine import Browser, Pagina


async def test_anonymous_users_are_sent_to_the_login_page(browser: Browser) -> None:
    for indirizzo in ("/avvocato", "/avvocato/istanze/nuova", "/segreteria", "/"):
        risposta = await browser.get(indirizzo)
        assert risposta.status_code == 303
        assert risposta.headers["location"].startswith("/login")
    assert (await browser.get("/avvocato")).headers["location"] == "/login?next=/avvocato"


async def test_login_page_is_italian_and_shows_the_demo_accounts_in_development(
    browser: Browser,
) -> None:
    pagina = await browser.pagina("/login")
    assert '<html lang="it">' in pagina.html
    assert pagina.per_id("f-username").attributi["autocomplete"] == "username"
    assert pagina.per_id("f-password").attributi["autocomplete"] == "current-password"
    for user in demo.USERS:
        assert user.username in pagina.testo
    assert "Installazione dimostrativa" in pagina.testo


async def test_wrong_password_says_so_in_italian_and_keeps_the_username(browser: Browser) -> None:
    login = await browser.pagina("/login")
    risposta = await browser.post(
        "/login",
        data={
            "username": "avvocato.demo",
            "password": "sbagliata",
            "token_accesso": login.valore("token_accesso"),
        },
    )
    assert risposta.status_code == 401
    pagina = Pagina(risposta.text)
    assert "Nome utente o password non corretti." in pagina.testo
    assert pagina.valore("username") == "avvocato.demo"
    assert pagina.valore("password") == ""
    assert SESSION_COOKIE not in browser.client.cookies


async def test_a_login_posted_without_the_page_token_is_refused(browser: Browser) -> None:
    risposta = await browser.post(
        "/login", data={"username": "avvocato.demo", "password": demo.password()}
    )
    assert risposta.status_code == 400
    assert SESSION_COOKIE not in browser.client.cookies


@pytest.mark.parametrize(
    ("username", "area"),
    [
        ("avvocato.demo", "/avvocato"),
        ("segreteria.demo", "/segreteria"),
        ("consigliere.demo", "/consigliere"),
    ],
)
async def test_each_role_lands_in_its_area_with_a_safe_session_cookie(
    browser: Browser, username: str, area: str
) -> None:
    risposta = await browser.accedi(username)
    assert risposta.headers["location"] == area
    cookie = next(
        valore
        for nome, valore in risposta.headers.multi_items()
        if nome == "set-cookie" and valore.startswith(f"{SESSION_COOKIE}=")
    )
    attributi = {parte.strip().split("=")[0].lower() for parte in cookie.split(";")}
    assert {"httponly", "path"} <= attributi
    assert "samesite=lax" in cookie.lower()
    assert "path=/" in cookie.lower()
    assert "secure" not in attributi  # development: plain http on localhost
    assert (await browser.get(area)).status_code == 200


async def test_the_session_cookie_is_secure_in_production(app: FastAPI) -> None:
    app.state.settings = app.state.settings.model_copy(update={"env": "production"})
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="https://parcelle.test") as client:
        login = Pagina((await client.get("/login")).text)
        assert "Installazione dimostrativa" not in login.testo
        risposta = await client.post(
            "/login",
            data={
                "username": "avvocato.demo",
                "password": demo.password(),
                "token_accesso": login.valore("token_accesso"),
            },
        )
    assert risposta.status_code == 303
    cookie = next(
        v for n, v in risposta.headers.multi_items() if n == "set-cookie" and SESSION_COOKIE in v
    )
    assert "secure" in cookie.lower()


@pytest.mark.parametrize(
    ("prossima", "atteso"),
    [
        ("/avvocato/istanze/nuova", "/avvocato/istanze/nuova"),
        ("//evil.example/x", "/avvocato"),
        ("https://evil.example/", "/avvocato"),
        ("/\\evil.example", "/avvocato"),
        ("avvocato", "/avvocato"),
    ],
)
async def test_next_is_honoured_only_for_local_paths(
    browser: Browser, prossima: str, atteso: str
) -> None:
    login = await browser.pagina(f"/login?next={prossima}")
    risposta = await browser.post(
        "/login",
        data={
            "username": "avvocato.demo",
            "password": demo.password(),
            "token_accesso": login.valore("token_accesso"),
            "next": login.valore("next"),
        },
    )
    assert risposta.status_code == 303
    assert risposta.headers["location"] == atteso


async def test_logout_needs_the_csrf_token_and_then_ends_the_session(avvocato: Browser) -> None:
    csrf = await avvocato.csrf()
    rifiutato = await avvocato.post("/logout", data={})
    assert rifiutato.status_code == 403
    assert "Il modulo non è più valido" in Pagina(rifiutato.text).testo
    assert (await avvocato.get("/avvocato")).status_code == 200  # still logged in

    token = avvocato.client.cookies[SESSION_COOKIE]
    uscito = await avvocato.post("/logout", data={"csrf": csrf})
    assert uscito.status_code == 303
    assert uscito.headers["location"] == "/login?uscito=1"
    # The old cookie no longer opens anything, even if a browser kept it.
    avvocato.client.cookies.set(SESSION_COOKIE, token)
    assert (await avvocato.get("/avvocato")).status_code == 303
