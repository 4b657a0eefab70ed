"""Logging in and out of the web areas: ``/login``, ``/logout``, and ``/`` (to the user's area).

The login form is protected against cross-site posts by a double-submit token (a cookie and a
hidden field that must match); once logged in, every form carries the session's CSRF token.
"""

import hmac
import os
import secrets
from urllib.parse import urlsplit

from fastapi import APIRouter, Request
from fastapi.responses import RedirectResponse, Response

from gateway.auth import SESSION_COOKIE, LoginRequiredError, WebUser, web_user
from gateway.auth.accounts import Account
from gateway.auth.sessions import LIFETIME, SessionStore
from gateway.auth.throttle import GuardedLogin, TooManyAttemptsError, address_of
from gateway.web.dependencies import CSRF_FIELD, verifica_csrf
from gateway.web.templating import pagina, settings_of, sviluppo
from parcelle_kit import demo

router = APIRouter(include_in_schema=False)

LOGIN_CSRF_COOKIE = "parcelle_accesso"
INDIRIZZI_AREE = {
    "avvocato": "/avvocato",
    "segreteria": "/segreteria",
    "consigliere": "/consigliere",
}
RUOLI = {"avvocato": "Avvocato", "segreteria": "Segreteria", "consigliere": "Consigliere"}
ERRORE_CREDENZIALI = "Nome utente o password non corretti."


def _sicuro(request: Request) -> bool:
    return settings_of(request).env == "production"


def pagina_locale(destinazione: str | None) -> str | None:
    """``destinazione`` if it is a path of this site (never another host, never a scheme)."""
    if not destinazione or not destinazione.startswith("/") or destinazione.startswith("//"):
        return None
    if "\\" in destinazione or any(ord(ch) < 32 for ch in destinazione):
        return None
    parti = urlsplit(destinazione)
    if parti.scheme or parti.netloc:
        return None
    return destinazione


async def _user_or_none(request: Request) -> WebUser | None:
    try:
        return await web_user(request)
    except LoginRequiredError:
        return None


def _account_demo() -> list[dict[str, str]]:
    return [
        {
            "username": user.username,
            "ruolo": RUOLI[user.ruolo],
            "nome": f"{user.nome} {user.cognome}",
        }
        for user in demo.USERS
    ]


def _pagina_login(
    request: Request,
    *,
    destinazione: str | None,
    username: str = "",
    errore: str | None = None,
    stato: int = 200,
) -> Response:
    token = secrets.token_urlsafe(24)
    risposta = pagina(
        request,
        "login.html",
        {
            "prossima": destinazione or "",
            "username": username,
            "errore": errore,
            "token_accesso": token,
            "uscito": request.query_params.get("uscito") == "1",
            "account_demo": _account_demo() if sviluppo(request) else [],
            # A password the operator chose is not shown: the page names its variable instead.
            "password_demo": None if os.environ.get(demo.PASSWORD_VARIABLE) else demo.password(),
            "variabile_password": demo.PASSWORD_VARIABLE,
        },
        stato=stato,
    )
    risposta.set_cookie(
        LOGIN_CSRF_COOKIE,
        token,
        max_age=3600,
        path="/login",
        httponly=True,
        samesite="lax",
        secure=_sicuro(request),
    )
    return risposta


def area_di(account: Account) -> str:
    return INDIRIZZI_AREE[account.ruolo]


@router.get("/")
async def home(request: Request) -> Response:
    user = await _user_or_none(request)
    return RedirectResponse(area_di(user.account) if user else "/login", status_code=303)


@router.get("/login")
async def login_form(request: Request) -> Response:
    destinazione = pagina_locale(request.query_params.get("next"))
    user = await _user_or_none(request)
    if user is not None:
        return RedirectResponse(destinazione or area_di(user.account), status_code=303)
    return _pagina_login(request, destinazione=destinazione)


@router.post("/login")
async def login(request: Request) -> Response:
    async with request.form() as form:
        username = str(form.get("username", "")).strip()
        password = str(form.get("password", ""))
        destinazione = pagina_locale(str(form.get("next", "")))
        presentato = str(form.get("token_accesso", ""))
    atteso = request.cookies.get(LOGIN_CSRF_COOKIE, "")
    if not atteso or not hmac.compare_digest(atteso, presentato):
        return _pagina_login(
            request,
            destinazione=destinazione,
            username=username,
            errore="La pagina di accesso era scaduta: inserisci di nuovo la password e accedi.",
            stato=400,
        )
    if not username or not password:
        return _pagina_login(
            request,
            destinazione=destinazione,
            username=username,
            errore="Inserisci nome utente e password.",
            stato=400,
        )
    guarded: GuardedLogin = request.app.state.login
    try:
        account = await guarded.authenticate(username, password, address_of(request))
    except TooManyAttemptsError as error:
        risposta = _pagina_login(
            request, destinazione=destinazione, username=username, errore=str(error), stato=429
        )
        risposta.headers["Retry-After"] = str(error.retry_after)
        return risposta
    if account is None:
        return _pagina_login(
            request,
            destinazione=destinazione,
            username=username,
            errore=ERRORE_CREDENZIALI,
            stato=401,
        )
    sessions: SessionStore = request.app.state.sessions
    token, _ = await sessions.create(account.username, "web")
    risposta = RedirectResponse(destinazione or area_di(account), status_code=303)
    risposta.set_cookie(
        SESSION_COOKIE,
        token,
        max_age=int(LIFETIME["web"].total_seconds()),
        path="/",
        httponly=True,
        samesite="lax",
        secure=_sicuro(request),
    )
    risposta.delete_cookie(LOGIN_CSRF_COOKIE, path="/login")
    return risposta


@router.post("/logout")
async def logout(request: Request) -> Response:
    user = await _user_or_none(request)
    if user is not None:
        async with request.form() as form:
            verifica_csrf(user, form.get(CSRF_FIELD))
        sessions: SessionStore = request.app.state.sessions
        await sessions.revoke(request.cookies.get(SESSION_COOKIE, ""))
    risposta = RedirectResponse("/login?uscito=1", status_code=303)
    risposta.delete_cookie(
        SESSION_COOKIE, path="/", httponly=True, samesite="lax", secure=_sicuro(request)
    )
    return risposta
