"""The document store contract checked on generated data, against a plain-Python model.

Each example works in a fresh collection of the (function-scoped) store, so examples cannot
see each other; that is why the function-scoped-fixture health check is silenced.
"""

import secrets
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parcelle_kit.store.ports import (
    ConcurrencyError,
    Direction,
    Document,
    DocumentStore,
    DuplicateKeyError,
    Transaction,
)

from .helpers import put, query, read, shape

SETTINGS = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

KEYS = st.text(st.characters(categories=["L", "N"], include_characters="_-"), max_size=8)
LEAVES = (
    st.none()
    | st.booleans()
    | st.integers(min_value=-(2**63), max_value=2**63 - 1)
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20)
)
VALUES = st.recursive(
    LEAVES,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(KEYS, inner, max_size=4),
    max_leaves=12,
)
# A small pool of values of every type, so filters hit, miss, and cross types.
PROBES: list[Any] = [None, True, False, 0, 1, 1.0, 2.5, "1", "a", "b"]
MISSING = "<missing>"


def fresh_collection() -> str:
    return f"prop_{secrets.token_hex(4)}"


@SETTINGS
@given(body=st.dictionaries(KEYS.filter(lambda k: k not in ("_id", "_v")), VALUES, max_size=6))
async def test_any_json_document_round_trips_exactly(
    store: DocumentStore, body: dict[str, Any]
) -> None:
    collection = fresh_collection()
    document = {"_id": "doc", **body}

    await put(store, collection, document)

    assert shape(await read(store, collection, "doc")) == shape({**document, "_v": 1})


OPERATIONS = st.lists(
    st.tuples(
        st.sampled_from(["insert", "update", "update-stale", "delete"]),
        st.sampled_from(["a", "b", "c"]),
        st.integers(0, 9),
    ),
    max_size=25,
)


@SETTINGS
@given(operations=OPERATIONS)
async def test_writes_behave_like_a_dict_of_versions(
    store: DocumentStore, operations: list[tuple[str, str, int]]
) -> None:
    collection = fresh_collection()
    model: dict[str, Document] = {}

    for action, id, value in operations:
        current = model.get(id)
        if action == "insert":
            if current is None:
                [model[id]] = await put(store, collection, {"_id": id, "value": value})
            else:
                await expect_error(store, DuplicateKeyError, "insert", collection, {"_id": id})
        elif action == "delete":
            deleted = await delete(store, collection, id)
            assert deleted == (model.pop(id, None) is not None)
        elif current is not None and action == "update":
            changed = {**current, "value": value}
            updated = await update(store, collection, changed)
            assert updated == {**changed, "_v": current["_v"] + 1}
            model[id] = updated
        else:
            stale = {"_id": id, "_v": current["_v"] - 1 if current else 1, "value": value}
            await expect_error(store, ConcurrencyError, "update", collection, stale)

    stored = await query(store, collection, sort=[("_id", 1)])
    assert stored == [model[id] for id in sorted(model)]


async def delete(store: DocumentStore, collection: str, id: str) -> bool:
    return await store.run(lambda tx: tx.delete(collection, id))


async def update(store: DocumentStore, collection: str, document: Document) -> Document:
    return await store.run(lambda tx: tx.update(collection, document))


async def expect_error(
    store: DocumentStore, error: type[Exception], action: str, collection: str, doc: Document
) -> None:
    async def unit(tx: Transaction) -> Document:
        if action == "insert":
            return await tx.insert(collection, doc)
        return await tx.update(collection, doc)

    try:
        await store.run(unit)
    except error:
        return
    raise AssertionError(f"{action} of {doc} should have raised {error.__name__}")


def model_matches(value: Any, probe: Any) -> bool:
    """MongoDB's equality: None matches missing or null; booleans only equal booleans."""
    if probe is None:
        return value is None or value == MISSING
    if isinstance(probe, bool) or isinstance(value, bool):
        return isinstance(probe, bool) and isinstance(value, bool) and probe == value
    if isinstance(probe, str) or isinstance(value, str):
        return isinstance(probe, str) and isinstance(value, str) and probe == value
    return value is not None and value == probe


def model_rank(value: Any) -> tuple[int, Any]:
    if value is None or value == MISSING:
        return (0, 0)
    if isinstance(value, bool):
        return (3, value)
    if isinstance(value, str):
        return (2, value)
    return (1, value)


def value_of(document: Document) -> Any:
    return document.get("k", {}).get("v", MISSING)


@SETTINGS
@given(
    values=st.lists(st.sampled_from([*PROBES, MISSING]), min_size=1, max_size=12),
    probe=st.sampled_from(PROBES),
    direction=st.sampled_from([1, -1]),
    limit=st.none() | st.integers(0, 5),
)
async def test_find_and_sort_agree_with_the_model(
    store: DocumentStore,
    values: list[Any],
    probe: Any,
    direction: Direction,
    limit: int | None,
) -> None:
    collection = fresh_collection()
    documents: list[Document] = [
        {"_id": f"{i:02d}"} if v == MISSING else {"_id": f"{i:02d}", "k": {"v": v}}
        for i, v in enumerate(values)
    ]
    await put(store, collection, *documents)

    found = await query(store, collection, {"k.v": probe}, sort=[("_id", 1)])
    expected = [d["_id"] for d in documents if model_matches(value_of(d), probe)]
    assert [d["_id"] for d in found] == expected
    count = await store.run(lambda tx: tx.count(collection, {"k.v": probe}))
    assert count == len(expected)

    ordered = await query(store, collection, sort=[("k.v", direction)], limit=limit)
    by_id = sorted(documents, key=lambda d: d["_id"])
    by_value = sorted(
        by_id,
        key=lambda d: model_rank(value_of(d)),
        reverse=direction == -1,
    )
    # Python's sort is stable even when reversed, so ties keep _id order, as the stores do.
    assert [d["_id"] for d in ordered] == [d["_id"] for d in by_value][:limit]
