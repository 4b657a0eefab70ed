"""What the pages depend on: the logged-in user of the right role, the CSRF check of every
form, the id in a page's address (the clients of the services and the stores are in
:mod:`gateway.dependencies`, shared with the REST API)."""

from collections.abc import Awaitable, Callable
from typing import Annotated

from fastapi import Depends, Path
from starlette.datastructures import FormData
from starlette.exceptions import HTTPException

from gateway.auth import WebUser, web_user
from gateway.auth.sessions import csrf_matches

CSRF_FIELD = "csrf"
FORBIDDEN = "Questa pagina è riservata a un altro ruolo: il tuo account non può aprirla."
CSRF_REFUSED = (
    "Il modulo non è più valido (la sessione è cambiata o la pagina è rimasta aperta a lungo). "
    "Torna indietro, ricarica la pagina e invia di nuovo."
)


class CsrfError(HTTPException):
    """A form arrived without the session's CSRF token."""

    def __init__(self) -> None:
        super().__init__(403, CSRF_REFUSED)


def del_ruolo(ruolo: str) -> Callable[[WebUser], Awaitable[WebUser]]:
    async def user_of_role(user: Annotated[WebUser, Depends(web_user)]) -> WebUser:
        """The logged-in user of this role; any other role gets the 403 page."""
        if user.account.ruolo != ruolo:
            raise HTTPException(403, FORBIDDEN)
        return user

    return user_of_role


AvvocatoWeb = Annotated[WebUser, Depends(del_ruolo("avvocato"))]
SegreteriaWeb = Annotated[WebUser, Depends(del_ruolo("segreteria"))]
ConsigliereWeb = Annotated[WebUser, Depends(del_ruolo("consigliere"))]
Identificativo = Annotated[str, Path(pattern=r"^[A-Za-z0-9_-]{1,64}$")]
"""An id in a page's address (a case, an attachment, a station)."""
RIFIUTI_DA_PAGINA = frozenset({"non_trovata", "non_autorizzata"})
"""Refusals that mean the page itself is wrong: they get the error page, not a field error."""


def verifica_csrf(user: WebUser, presentato: object) -> None:
    if not isinstance(presentato, str) or not csrf_matches(user.session, presentato):
        raise CsrfError


def campi_modulo(form: FormData, user: WebUser) -> dict[str, str]:
    """The text fields of a form whose CSRF token is checked first (files are left out)."""
    verifica_csrf(user, form.get(CSRF_FIELD))
    return {key: value for key, value in form.multi_items() if isinstance(value, str)}
