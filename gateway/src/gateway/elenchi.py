"""Lists, one page at a time: how the REST API answers every list (``{"items": [...],
"next": URL | null}``, ``?limit=`` and ``?cursor=``) and what the pages need to offer the next
page. The owning service pages its list with an indexed keyset query; the gateway only turns
its cursor into the address of the next page."""

from typing import Annotated, Generic, TypeVar

from fastapi import Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from parcelle_contracts.common import LIMITE_MASSIMO, LIMITE_PAGINA, Pagina

T = TypeVar("T")


class Elenco(BaseModel, Generic[T]):
    """One page of a list, in the list's order."""

    model_config = ConfigDict(frozen=True)

    items: list[T]
    next: str | None = Field(
        description="The address of the next page (same filters); null on the last page."
    )


class Paginazione(BaseModel):
    """Which page a request asks for."""

    limit: int
    cursor: str | None


def _paginazione(
    limit: Annotated[
        int, Query(ge=1, le=LIMITE_MASSIMO, description="Items of the page (at most 200).")
    ] = LIMITE_PAGINA,
    cursor: Annotated[
        str | None,
        Query(max_length=4096, description="From the previous page's `next`; none at first."),
    ] = None,
) -> Paginazione:
    return Paginazione(limit=limit, cursor=cursor or None)


PaginaRichiesta = Annotated[Paginazione, Depends(_paginazione)]


def successiva(request: Request, pagina: Pagina[T]) -> str | None:
    """The address of the page after ``pagina``: this request's, with its cursor."""
    if pagina.next is None:
        return None
    return str(request.url.include_query_params(cursor=pagina.next))


def prima(request: Request) -> str | None:
    """The address of this list's first page, when this request is not for it."""
    if "cursor" not in request.query_params:
        return None
    return str(request.url.remove_query_params("cursor"))


def cursore(request: Request) -> str | None:
    """The cursor a page's address carries (pages read it without validation: the owning
    service refuses one it did not hand out)."""
    return request.query_params.get("cursor", "")[:4096] or None


def elenco_api(request: Request, pagina: Pagina[T]) -> Elenco[T]:
    return Elenco[T](items=pagina.items, next=successiva(request, pagina))
