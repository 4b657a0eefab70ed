"""Authentication: local accounts, sessions and API tokens, CSRF; see dependencies.py."""

from gateway.auth.accounts import INDEXES as ACCOUNT_INDEXES
from gateway.auth.accounts import Account, AccountStore
from gateway.auth.dependencies import (
    CSRF_HEADER,
    SESSION_COOKIE,
    LoginRequiredError,
    WebUser,
    attore_api,
    richiede_ruolo,
    web_user,
)
from gateway.auth.sessions import INDEXES as SESSION_INDEXES
from gateway.auth.sessions import SessionStore

INDEXES = (*ACCOUNT_INDEXES, *SESSION_INDEXES)

__all__ = [
    "CSRF_HEADER",
    "INDEXES",
    "SESSION_COOKIE",
    "Account",
    "AccountStore",
    "LoginRequiredError",
    "SessionStore",
    "WebUser",
    "attore_api",
    "richiede_ruolo",
    "web_user",
]
