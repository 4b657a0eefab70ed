"""``POST /api/v1/auth/token`` (OAuth2 password form) and ``POST /api/v1/auth/logout``."""

from typing import Annotated

from fastapi import APIRouter, Depends, Request
from fastapi.security import OAuth2PasswordRequestForm
from pydantic import BaseModel

from gateway.auth.sessions import LIFETIME
from gateway.auth.throttle import GuardedLogin, TooManyAttemptsError, address_of
from gateway.errors import ApiError
from gateway.openapi import COMMON, bearer, rifiuti

router = APIRouter(prefix="/api/v1/auth", tags=["autenticazione"])


class Token(BaseModel):
    access_token: str
    token_type: str = "bearer"
    expires_in: int


@router.post(
    "/token",
    summary="Obtain a bearer token with username and password",
    responses=rifiuti(*COMMON, "credenziali_non_valide", "troppi_tentativi"),
)
async def token(request: Request, form: Annotated[OAuth2PasswordRequestForm, Depends()]) -> Token:
    login: GuardedLogin = request.app.state.login
    try:
        account = await login.authenticate(form.username, form.password, address_of(request))
    except TooManyAttemptsError as error:
        raise ApiError(
            429, "troppi_tentativi", str(error), headers={"Retry-After": str(error.retry_after)}
        ) from None
    if account is None:
        raise ApiError(401, "credenziali_non_valide", "Nome utente o password non corretti.")
    value, _ = await request.app.state.sessions.create(account.username, "api")
    return Token(access_token=value, expires_in=int(LIFETIME["api"].total_seconds()))


@router.post(
    "/logout",
    status_code=204,
    summary="Revoke the bearer token in use",
    responses=rifiuti(*COMMON, "non_autenticato"),
)
async def logout(request: Request, value: Annotated[str | None, Depends(bearer)]) -> None:
    # Like every operation that declares the bearer scheme, a missing, expired or unknown
    # token is a 401 (an already revoked one too: its holder is no longer logged in).
    token = (value or "").strip()
    if not token or await request.app.state.sessions.find(token, "api") is None:
        raise ApiError(401, "non_autenticato", "Token mancante, scaduto o non valido.")
    await request.app.state.sessions.revoke(token)
