"""Is the stand-in faithful? The same checks run on it and, when configured, on a real server.

If a check here passes on the stand-in but fails on a real replica set, the stand-in is wrong,
and so is every adapter test that leaned on it.
"""

import inspect
from typing import Any

import pytest
from pymongo import AsyncMongoClient, ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.asynchronous.collection import AsyncCollection
from pymongo.asynchronous.cursor import AsyncCursor
from pymongo.asynchronous.database import AsyncDatabase
from pymongo.errors import DuplicateKeyError, InvalidOperation, OperationFailure
from pymongo.read_concern import ReadConcern
from pymongo.results import DeleteResult, InsertOneResult, UpdateResult

from parcelle_testing.mongo_standin import (
    StandinClient,
    StandinCollection,
    StandinCursor,
    StandinDatabase,
    StandinSession,
)

from .conftest import MongoTarget

SNAPSHOT = ReadConcern("snapshot")


@pytest.fixture
async def coll(mongo_target: MongoTarget) -> Any:
    """A collection that exists (real servers are happier creating it outside transactions)."""
    collection = mongo_target.client[mongo_target.database]["pratiche"]
    await collection.insert_one({"_id": "seed", "n": 0})
    return collection


async def test_transaction_writes_are_invisible_to_others_until_commit(
    mongo_target: MongoTarget, coll: Any
) -> None:
    client = mongo_target.client
    async with client.start_session() as session:
        await session.start_transaction()
        await coll.insert_one({"_id": "a"}, session=session)

        assert await coll.find_one({"_id": "a"}, session=session) == {"_id": "a"}
        assert await coll.find_one({"_id": "a"}) is None
        async with client.start_session() as other:
            await other.start_transaction(read_concern=SNAPSHOT)
            assert await coll.count_documents({}, session=other) == 1
            await other.abort_transaction()

        await session.commit_transaction()

    assert await coll.find_one({"_id": "a"}) == {"_id": "a"}


async def test_abort_discards_the_transactions_writes(mongo_target: MongoTarget, coll: Any) -> None:
    async with mongo_target.client.start_session() as session:
        await session.start_transaction()
        await coll.insert_one({"_id": "a"}, session=session)
        await coll.replace_one({"_id": "seed"}, {"n": 1}, session=session)
        await coll.delete_one({"_id": "seed"}, session=session)
        await session.abort_transaction()

    assert await coll.find({}).to_list() == [{"_id": "seed", "n": 0}]


async def test_two_transactions_writing_one_document_conflict(
    mongo_target: MongoTarget, coll: Any
) -> None:
    client = mongo_target.client
    async with client.start_session() as first, client.start_session() as second:
        await first.start_transaction()
        await second.start_transaction()
        await coll.replace_one({"_id": "seed"}, {"n": 1}, session=first)

        with pytest.raises(OperationFailure) as conflict:
            await coll.replace_one({"_id": "seed"}, {"n": 2}, session=second)
        assert conflict.value.code == 112
        assert conflict.value.has_error_label("TransientTransactionError")

        # The server aborted the loser's transaction; its commit says so.
        with pytest.raises(OperationFailure) as gone:
            await second.commit_transaction()
        assert gone.value.code == 251
        assert gone.value.has_error_label("TransientTransactionError")

        await first.commit_transaction()

    assert await coll.find_one({"_id": "seed"}) == {"_id": "seed", "n": 1}


async def test_a_write_to_a_document_changed_after_the_snapshot_conflicts(
    mongo_target: MongoTarget, coll: Any
) -> None:
    async with mongo_target.client.start_session() as session:
        await session.start_transaction(read_concern=SNAPSHOT)
        assert (await coll.find_one({"_id": "seed"}, session=session))["n"] == 0

        await coll.replace_one({"_id": "seed"}, {"n": 5})  # committed by someone else

        assert (await coll.find_one({"_id": "seed"}, session=session))["n"] == 0  # snapshot
        with pytest.raises(OperationFailure) as conflict:
            await coll.replace_one({"_id": "seed"}, {"n": 1}, session=session)
        assert conflict.value.code == 112
        await session.abort_transaction()

    assert await coll.find_one({"_id": "seed"}) == {"_id": "seed", "n": 5}


async def test_a_duplicate_key_raises_11000_and_aborts_the_transaction(
    mongo_target: MongoTarget, coll: Any
) -> None:
    assert await coll.create_index([("codice", 1)], name="codice_1", unique=True) == "codice_1"
    await coll.insert_one({"_id": "a", "codice": "MI-1"})

    async with mongo_target.client.start_session() as session:
        await session.start_transaction()
        await coll.insert_one({"_id": "b", "codice": "MI-2"}, session=session)
        with pytest.raises(DuplicateKeyError) as duplicate:
            await coll.insert_one({"_id": "c", "codice": "MI-1"}, session=session)
        assert duplicate.value.code == 11000
        assert duplicate.value.details is not None
        assert duplicate.value.details["keyValue"] == {"codice": "MI-1"}
        assert not duplicate.value.has_error_label("TransientTransactionError")

        with pytest.raises(OperationFailure) as gone:
            await coll.find_one({"_id": "b"}, session=session)
        assert gone.value.code == 251

    assert await coll.find_one({"_id": "b"}) is None
    with pytest.raises(DuplicateKeyError):
        await coll.insert_one({"_id": "a", "codice": "MI-3"})
    # The seed lacks codice, so it holds the index's null: a second document may not lack it.
    with pytest.raises(DuplicateKeyError) as missing:
        await coll.insert_one({"_id": "d"})
    assert missing.value.details is not None
    assert missing.value.details["keyValue"] == {"codice": None}


async def test_find_one_and_update_increments_with_upsert(coll: Any) -> None:
    async def bump(**options: Any) -> Any:
        return await coll.find_one_and_update(
            {"_id": "protocollo"}, {"$inc": {"value": 1}}, upsert=True, **options
        )

    assert await bump() is None  # BEFORE is the default: nothing was there
    assert await bump(return_document=ReturnDocument.AFTER) == {"_id": "protocollo", "value": 2}
    assert await bump(return_document=ReturnDocument.BEFORE) == {"_id": "protocollo", "value": 2}


async def test_write_results_are_pymongos_own(coll: Any) -> None:
    inserted = await coll.insert_one({"_id": "r", "_v": 1})
    assert isinstance(inserted, InsertOneResult)
    assert inserted.inserted_id == "r"

    replaced = await coll.replace_one({"_id": "r", "_v": 1}, {"_v": 2})
    assert isinstance(replaced, UpdateResult)
    assert (replaced.matched_count, replaced.modified_count) == (1, 1)
    stale = await coll.replace_one({"_id": "r", "_v": 1}, {"_v": 3})
    assert (stale.matched_count, stale.modified_count) == (0, 0)

    deleted = await coll.delete_one({"_id": "r"})
    assert isinstance(deleted, DeleteResult)
    assert deleted.deleted_count == 1
    assert (await coll.delete_one({"_id": "r"})).deleted_count == 0


async def test_find_filters_sorts_and_limits_on_dotted_paths(coll: Any) -> None:
    await coll.delete_one({"_id": "seed"})
    for i, (ordine, anno) in enumerate([("MI", 2025), ("RM", 2026), ("MI", 2026), ("TO", None)]):
        await coll.insert_one({"_id": f"p{i}", "sede": {"ordine": ordine, "anno": anno}})

    newest_first = coll.find({}, sort=[("sede.anno", -1), ("sede.ordine", 1)], limit=3)
    assert [d["_id"] for d in await newest_first.to_list()] == ["p2", "p1", "p0"]
    milano = coll.find({"sede.ordine": "MI"}).sort([("_id", -1)])
    assert [d["_id"] async for d in milano] == ["p2", "p0"]
    assert await coll.count_documents({"sede.anno": None}) == 1


async def test_sessions_are_misused_the_same_way(mongo_target: MongoTarget) -> None:
    async with mongo_target.client.start_session() as session:
        with pytest.raises(InvalidOperation):
            await session.commit_transaction()
        await session.start_transaction()
        with pytest.raises(InvalidOperation):
            await session.start_transaction()
        assert session.in_transaction
        await session.abort_transaction()
        with pytest.raises(InvalidOperation):
            await session.abort_transaction()


SURFACE = [
    (StandinClient, AsyncMongoClient, ["__getitem__", "start_session", "close", "drop_database"]),
    (StandinDatabase, AsyncDatabase, ["__getitem__", "command"]),
    (
        StandinCollection,
        AsyncCollection,
        [
            "insert_one",
            "find_one",
            "find",
            "replace_one",
            "delete_one",
            "count_documents",
            "find_one_and_update",
            "create_index",
        ],
    ),
    (StandinCursor, AsyncCursor, ["sort", "limit", "to_list", "__aiter__", "__anext__"]),
    (
        StandinSession,
        AsyncClientSession,
        [
            "start_transaction",
            "commit_transaction",
            "abort_transaction",
            "end_session",
            "__aenter__",
            "__aexit__",
        ],
    ),
]


@pytest.mark.parametrize(
    ("standin", "real", "method"),
    [(standin, real, method) for standin, real, methods in SURFACE for method in methods],
    ids=lambda value: value if isinstance(value, str) else value.__name__,
)
def test_every_standin_method_is_callable_as_the_real_one(
    standin: type, real: type, method: str
) -> None:
    mine, theirs = getattr(standin, method), getattr(real, method)
    assert inspect.iscoroutinefunction(mine) == inspect.iscoroutinefunction(theirs)
    real_params = list(inspect.signature(theirs).parameters.values())
    if method in ("find", "find_one"):
        # The real ones take *args/**kwargs and hand them to the cursor, after the collection.
        cursor_params = list(inspect.signature(AsyncCursor.__init__).parameters.values())
        real_params = [cursor_params[0], *cursor_params[2:]]
    positional = [p.name for p in real_params if p.kind is p.POSITIONAL_OR_KEYWORD]
    by_name = {p.name: p for p in real_params}
    takes_any_keyword = any(p.kind is p.VAR_KEYWORD for p in real_params)

    for index, param in enumerate(inspect.signature(mine).parameters.values()):
        if param.kind is param.POSITIONAL_OR_KEYWORD:
            # Same place, so a positional call means the same thing to both.
            assert positional[index] == param.name, f"{method}({param.name}) out of place"
        else:
            assert param.kind is param.KEYWORD_ONLY
            assert param.name in by_name or takes_any_keyword, f"{method}({param.name}) unknown"
        real_param = by_name.get(param.name)
        if real_param is not None and param.default is not param.empty:
            assert param.default == real_param.default, f"{method}({param.name}) default"


@pytest.mark.parametrize("name", ["in_transaction", "has_ended", "client"])
def test_the_session_has_the_same_properties(name: str) -> None:
    assert isinstance(getattr(StandinSession, name), property)
    assert isinstance(getattr(AsyncClientSession, name), property)


async def test_comparisons_match_their_own_type_only(coll: Any) -> None:
    await coll.delete_one({"_id": "seed"})
    values: list[Any] = [1, 2.5, 3, "2", "b", True, None, {"x": 1}]
    for i, value in enumerate(values):
        await coll.insert_one({"_id": i, "v": value})
    await coll.insert_one({"_id": 99})

    async def ids(filter: dict[str, Any]) -> list[Any]:
        return [d["_id"] for d in await coll.find(filter, sort=[("_id", 1)]).to_list()]

    assert await ids({"v": {"$gte": 1, "$lt": 3}}) == [0, 1]
    assert await ids({"v": {"$gt": 2}}) == [1, 2]
    assert await ids({"v": {"$lte": "b"}}) == [3, 4]
    assert await ids({"v": {"$gt": ""}}) == [3, 4]
    assert await ids({"v": {"$gte": False}}) == [5]
    assert await ids({"v": {"$in": [1, "b", None]}}) == [0, 4, 6, 99]
    assert await ids({"v": {"$in": []}}) == []
    assert await ids({"v": {"$eq": 2.5}}) == [1]


async def test_and_or_combine_clauses(coll: Any) -> None:
    await coll.delete_one({"_id": "seed"})
    for i in range(6):
        await coll.insert_one({"_id": i, "a": i % 3, "b": {"c": i}})

    async def ids(filter: dict[str, Any]) -> list[Any]:
        return [d["_id"] for d in await coll.find(filter, sort=[("_id", 1)]).to_list()]

    keyset = {"$or": [{"a": {"$lt": 1}}, {"a": 1, "b.c": {"$lt": 4}}]}
    assert await ids(keyset) == [0, 1, 3]
    assert await ids({"$and": [{"a": {"$lte": 1}}, keyset, {"b.c": {"$gte": 1}}]}) == [1, 3]
    assert await ids({"$and": [{"a": 0}, {"a": {"$in": [0, 2]}}]}) == [0, 3]
    with pytest.raises(OperationFailure):
        await coll.find({"$or": []}).to_list()


async def test_projections_keep_embedded_documents_on_their_paths(coll: Any) -> None:
    await coll.replace_one(
        {"_id": "seed"},
        {"n": 0, "a": {"b": 1, "c": 2}, "d": {"e": 3}, "s": "x", "l": [1, 2], "z": None},
    )

    async def projected(projection: Any) -> Any:
        return await coll.find_one({"_id": "seed"}, projection)

    assert await projected({"a.b": 1, "d.f": 1, "s.t": 1, "l": 1, "z": 1, "q": 1}) == {
        "_id": "seed",
        "a": {"b": 1},
        "d": {},
        "l": [1, 2],
        "z": None,
    }
    assert await projected(["n"]) == {"_id": "seed", "n": 0}
    assert await projected({"_id": 1}) == {"_id": "seed"}
    assert await projected({"n": 1, "_id": 0}) == {"n": 0}
    with pytest.raises(OperationFailure):
        await projected({"a": 1, "a.b": 1})
