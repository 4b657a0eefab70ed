"""The document store contract, part four: what every adapter refuses, and how.

Names reach SQL text in the SQLite adapter and could read as operators in MongoDB, so both
refuse the same unsafe inputs before touching the database.
"""

import math
from datetime import UTC, datetime
from typing import Any

import pytest

from parcelle_kit.store.ports import Document, DocumentStore, Index, Transaction

from .conftest import INDEXES
from .helpers import query

BAD_COLLECTIONS = [
    "",
    "a b",
    'x"; DROP TABLE doc_pratiche; --',
    "_counters",
    "system.users",
    "pratiche.sub",
    "1pratiche",
    "città",
    "x" * 64,
]
BAD_PATHS = ["", "a..b", "$where", "a.$ne", "a.0", "a b", "a') OR 1=1 --", ".a", "a."]


@pytest.mark.parametrize("collection", BAD_COLLECTIONS)
async def test_unsafe_collection_names_are_refused(store: DocumentStore, collection: str) -> None:
    with pytest.raises(ValueError, match="collection name"):
        await store.run(lambda tx: tx.insert(collection, {"_id": "x"}))
    with pytest.raises(ValueError, match="collection name"):
        await store.run(lambda tx: tx.find(collection))


async def test_internal_collections_may_start_with_an_underscore(store: DocumentStore) -> None:
    await store.run(lambda tx: tx.insert("_outbox", {"_id": "e-1"}))

    assert await query(store, "_outbox") == [{"_id": "e-1", "_v": 1}]


@pytest.mark.parametrize("path", BAD_PATHS)
async def test_unsafe_field_paths_are_refused_in_filters_and_sorts(
    store: DocumentStore, path: str
) -> None:
    with pytest.raises(ValueError, match="field path"):
        await query(store, "pratiche", {path: 1})
    with pytest.raises(ValueError, match="field path"):
        await query(store, "pratiche", sort=[(path, 1)])
    with pytest.raises(ValueError, match="field path"):
        await store.run(lambda tx: tx.count("pratiche", {path: None}))


@pytest.mark.parametrize("value", [{"$ne": None}, ["a"], (1,), b"x", datetime.now(UTC)])
async def test_filter_values_must_be_scalars(store: DocumentStore, value: Any) -> None:
    with pytest.raises(TypeError, match="filter values"):
        await query(store, "pratiche", {"stato": value})


@pytest.mark.parametrize(
    ("document", "error"),
    [
        ({"stato": "senza id"}, ValueError),
        ({"_id": 7}, ValueError),
        ({"_id": "x", "quando": datetime.now(UTC)}, TypeError),
        ({"_id": "x", "coppia": (1, 2)}, TypeError),
        ({"_id": "x", 3: "chiave numerica"}, TypeError),
        ({"_id": "x", "$set": 1}, ValueError),
        ({"_id": "x", "a": {"b.c": 1}}, ValueError),
        ({"_id": "x", "n": math.nan}, ValueError),
        ({"_id": "x", "n": [math.inf]}, ValueError),
        ({"_id": "x", "n": 2**63}, ValueError),
        ({"_id": "x", "s": "\ud800"}, ValueError),
    ],
)
async def test_documents_must_be_plain_json(
    store: DocumentStore, document: Document, error: type[Exception]
) -> None:
    with pytest.raises(error):
        await store.run(lambda tx: tx.insert("pratiche", document))

    assert await query(store, "pratiche") == []


async def test_an_update_needs_the_version_it_was_read_at(store: DocumentStore) -> None:
    async def unit(tx: Transaction) -> Document:
        await tx.insert("pratiche", {"_id": "x"})
        return await tx.update("pratiche", {"_id": "x", "stato": "senza versione"})

    with pytest.raises(ValueError, match="_v"):
        await store.run(unit)


@pytest.mark.parametrize("limit", [-1, True])
async def test_limit_must_be_a_non_negative_integer(store: DocumentStore, limit: int) -> None:
    with pytest.raises(ValueError, match="limit"):
        await query(store, "pratiche", limit=limit)


async def test_sort_direction_must_be_1_or_minus_1(store: DocumentStore) -> None:
    with pytest.raises(ValueError, match="direction"):
        await query(store, "pratiche", sort=[("stato", 0)])  # type: ignore[list-item]


async def test_counter_names_must_not_be_empty(store: DocumentStore) -> None:
    with pytest.raises(ValueError, match="counter"):
        await store.run(lambda tx: tx.next_value(""))


@pytest.mark.parametrize(
    "index",
    [
        Index("pratiche", ()),
        Index("pratiche; --", ("a",)),
        Index("pratiche", ("a'b",)),
        Index("pratiche", ("a",), name='x"; DROP TABLE x; --'),
    ],
)
async def test_bad_index_definitions_are_refused_at_open(
    store: DocumentStore, index: Index
) -> None:
    with pytest.raises(ValueError, match=r"index|collection name|field path"):
        await store.open([index])


async def test_open_is_idempotent(store: DocumentStore) -> None:
    await store.open(INDEXES)
    await store.open(INDEXES)

    assert await store.ping()
