"""Who is asking: FastAPI dependencies that turn a request into an authenticated Attore.

- :func:`attore_api` for the REST API: a bearer token, or the web session cookie (then unsafe
  methods must carry the session's CSRF token in ``X-CSRF-Token``). 401 otherwise.
- :func:`web_user` for pages: the session cookie, or a redirect to the login page.
Authorisation by role happens here; by Ordine and ownership, again in the owning service.
The Attore says through what the user acts: ``area_web`` from the pages, ``api`` from the REST
API (however it authenticated), so that the services record it truly.
"""

from dataclasses import dataclass
from typing import Annotated

from fastapi import Depends, Request

from gateway.auth.accounts import Account, AccountStore
from gateway.auth.sessions import Session, SessionStore, csrf_matches
from gateway.errors import ApiError
from gateway.openapi import bearer
from parcelle_contracts.common import Attore
from parcelle_contracts.vocabolario import Ruolo

SESSION_COOKIE = "parcelle_sessione"
CSRF_HEADER = "X-CSRF-Token"
SAFE_METHODS = frozenset({"GET", "HEAD", "OPTIONS"})


class LoginRequiredError(Exception):
    """A page needs a logged-in user: the app answers with a redirect to the login page."""

    def __init__(self, next_url: str) -> None:
        super().__init__(next_url)
        self.next_url = next_url


@dataclass(frozen=True)
class WebUser:
    """A logged-in browser user: the account and the session (for its CSRF token)."""

    account: Account
    session: Session

    @property
    def attore(self) -> Attore:
        """The user acting through their web area (pages)."""
        return self.account.attore("area_web")


def _stores(request: Request) -> tuple[AccountStore, SessionStore]:
    return request.app.state.accounts, request.app.state.sessions


async def _session_user(request: Request) -> WebUser | None:
    token = request.cookies.get(SESSION_COOKIE)
    if not token:
        return None
    accounts, sessions = _stores(request)
    session = await sessions.find(token, "web")
    if session is None:
        return None
    account = await accounts.get(session.username)
    if account is None or not account.attivo:
        return None
    return WebUser(account, session)


async def attore_api(
    request: Request, token: Annotated[str | None, Depends(bearer)] = None
) -> Attore:
    """The user of a bearer token (the scheme the OpenAPI document declares), or of the web
    session cookie for the pages' own calls (not part of the API document)."""
    accounts, sessions = _stores(request)
    if token and token.strip():
        session = await sessions.find(token.strip(), "api")
        account = await accounts.get(session.username) if session else None
        if account is None or not account.attivo:
            raise ApiError(401, "non_autenticato", "Token mancante, scaduto o non valido.")
        return account.attore("api")
    user = await _session_user(request)
    if user is None:
        raise ApiError(401, "non_autenticato", "Accesso richiesto.")
    if request.method not in SAFE_METHODS and not csrf_matches(
        user.session, request.headers.get(CSRF_HEADER)
    ):
        raise ApiError(403, "csrf", "Richiesta non valida: ricarica la pagina e riprova.")
    return user.account.attore("api")


async def web_user(request: Request) -> WebUser:
    user = await _session_user(request)
    if user is None:
        raise LoginRequiredError(str(request.url.path))
    # The name the page's header prints, from the Ordine's settings (gateway.ordini).
    request.state.ordine_nome = await request.app.state.ordini.nome(user.account.ordine)
    return user


def richiede_ruolo(attore: Attore, *ruoli: Ruolo) -> None:
    """403 unless the user has one of ``ruoli``."""
    if attore.ruolo not in ruoli:
        raise ApiError(
            403, "non_autorizzata", "Questa funzione non è disponibile per il tuo ruolo."
        )
