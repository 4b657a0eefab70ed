"""Small helpers for the store tests: one-line units of work, and a view of exact JSON types."""

from collections.abc import Mapping, Sequence
from typing import Any

from parcelle_kit.store.ports import (
    Direction,
    Document,
    DocumentStore,
    Page,
    Scalar,
    Transaction,
)


async def put(store: DocumentStore, collection: str, *documents: Document) -> list[Document]:
    """Insert the documents in one unit of work; returns them as the store returned them."""

    async def unit(tx: Transaction) -> list[Document]:
        return [await tx.insert(collection, document) for document in documents]

    return await store.run(unit)


async def read(store: DocumentStore, collection: str, id: str) -> Document | None:
    async def unit(tx: Transaction) -> Document | None:
        return await tx.get(collection, id)

    return await store.run(unit)


async def query(
    store: DocumentStore,
    collection: str,
    where: Mapping[str, Scalar] | None = None,
    *,
    sort: Sequence[tuple[str, Direction]] = (),
    limit: int | None = None,
) -> list[Document]:
    async def unit(tx: Transaction) -> list[Document]:
        return await tx.find(collection, where, sort=sort, limit=limit)

    return await store.run(unit)


async def ids(
    store: DocumentStore,
    collection: str,
    where: Mapping[str, Scalar] | None = None,
    *,
    sort: Sequence[tuple[str, Direction]] = (),
    limit: int | None = None,
) -> list[str]:
    return [doc["_id"] for doc in await query(store, collection, where, sort=sort, limit=limit)]


async def page(store: DocumentStore, collection: str, **query: Any) -> Page:
    """One page, read in its own unit of work."""
    return await store.run(lambda tx: tx.page(collection, **query))


async def pages(store: DocumentStore, collection: str, **query: Any) -> list[list[Document]]:
    """Every page of a list, following the cursors to the end."""
    found: list[list[Document]] = []
    after = None
    while True:
        current = await page(store, collection, **query, after=after)
        found.append(current.documents)
        if current.next is None:
            return found
        assert len(current.documents) == query["limit"]  # only the last page falls short
        after = current.next


def shape(value: Any) -> Any:
    """The value with every leaf tagged by its JSON type, so True != 1 and 1.0 != 1 compare.

    BSON 64-bit integers come back from PyMongo as ``bson.Int64``, an ``int`` subclass: that
    is the same JSON value, so it is tagged ``int`` too.
    """
    if isinstance(value, dict):
        return {key: shape(item) for key, item in value.items()}
    if isinstance(value, list):
        return [shape(item) for item in value]
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int):
        return ("int", int(value))
    if isinstance(value, float):
        return ("float", value)
    if isinstance(value, str):
        return ("str", value)
    if value is None:
        return ("null", None)
    raise TypeError(f"not a JSON value: {value!r}")
