"""An in-process stand-in for the part of PyMongo's ``AsyncMongoClient`` the MongoDB adapter uses.

It exists so the MongoDB adapter's own logic (transactions, retries, error translation) is
exercised on every machine, where no MongoDB server can run. The names, parameters, return types
and exception classes are PyMongo's own (``InsertOneResult``, ``UpdateResult``, ``DeleteResult``,
``pymongo.errors.DuplicateKeyError`` with code 11000, ``OperationFailure`` with code 112
``WriteConflict`` and the ``TransientTransactionError`` label, ``NoSuchTransaction`` once a
failed command has aborted the transaction, ``InvalidOperation`` for misuse of a session), and
documents go through the real BSON codec, so values round-trip as they would over the wire.
Transactions have snapshot isolation: their writes are invisible to others until commit and
discarded on abort, and two transactions writing the same document (or the same unique key)
conflict the way they do on a real replica set.

What it cannot show: write and read concerns, journaling and majority acknowledgement;
replica-set elections, failover and retryable writes; index builds, the query planner, and
performance; the wire protocol, authentication, TLS and connection pooling; BSON type edge cases
beyond what ``bson.encode`` itself rejects (dates, decimals, binary, ObjectId ordering); the
transaction lifetime limit and lock timeouts; and any query or update beyond equality,
``$eq``, ``$in`` and the four comparisons on scalar fields (top-level or dotted, without
arrays, with MongoDB's type bracketing), ``$and`` and ``$or``, sort, limit, inclusion
projections and ``$inc``. Anything outside that subset raises ``NotImplementedError`` instead
of guessing. In place of the query planner, it records the shape of every find (equality,
range and sort fields) and tells which declared index would serve it, so tests can show that a
list has its index. The same adapter tests therefore also
run against a real MongoDB replica set when ``PARCELLE_TEST_MONGO_URL`` is set.
"""

import asyncio
from collections.abc import Awaitable, Callable, Mapping, Sequence
from typing import Any, Self, TypeVar

import bson
from pymongo.errors import InvalidOperation, OperationFailure, PyMongoError
from pymongo.results import DeleteResult, InsertOneResult, UpdateResult

from parcelle_testing._standin_engine import Engine, FailPoint, ServerTransaction
from parcelle_testing._standin_query import (
    MISSING,
    IndexSpec,
    QueryShape,
    matches,
    project,
    resolve,
    sort_rank,
)
from parcelle_testing._standin_session import StandinSession

__all__ = [
    "QueryShape",
    "StandinClient",
    "StandinCollection",
    "StandinCursor",
    "StandinDatabase",
    "StandinSession",
]

Doc = dict[str, Any]
R = TypeVar("R")


class StandinClient:
    """Plays ``AsyncMongoClient``: one stand-in server holding any number of databases."""

    def __init__(self) -> None:
        self._engine = Engine()
        self._closed = False

    def __getitem__(self, name: str) -> "StandinDatabase":
        return StandinDatabase(self, name)

    def start_session(
        self,
        causal_consistency: bool | None = None,
        default_transaction_options: object = None,
        snapshot: bool | None = False,
    ) -> StandinSession:
        if snapshot:
            raise NotImplementedError("the stand-in does not model snapshot sessions")
        return StandinSession(self)

    async def close(self) -> None:
        self._closed = True

    async def drop_database(
        self, name_or_database: "str | StandinDatabase", session: object = None
    ) -> None:
        await asyncio.sleep(0)
        name = name_or_database if isinstance(name_or_database, str) else name_or_database.name
        self._engine.drop_database(name)

    def fail_command(
        self, command: str, error: PyMongoError, *, times: int = 1, after_apply: bool = False
    ) -> None:
        """Make the next ``times`` runs of a server command raise ``error``; a test hook.

        The real server's equivalent is the ``failCommand`` fail point. ``command`` is the server
        command name (``insert``, ``find``, ``update``, ``delete``, ``findAndModify``,
        ``aggregate``, ``createIndexes``, ``commitTransaction``, ``abortTransaction``, ``ping``);
        with ``after_apply`` the command takes effect and then the error is returned, as when a
        reply is lost on the network.
        """
        self._engine.fail_points.append(FailPoint(command, error, times, after_apply))

    @property
    def queries(self) -> list[QueryShape]:
        """The shape of every find run so far, oldest first; a test hook."""
        return self._engine.queries

    def index_for(self, query: QueryShape) -> str | None:
        """The declared index (or ``_id_``) that serves the query's filter and sort, or None.

        A model of what the server's planner does with an index whose keys start with the
        query's equality fields, then its sort fields, then its range fields; a test hook, so
        that every list can be shown to have its index (the real server's plans are checked
        with ``explain`` in the container workflow).
        """
        return self._engine.serving_index(query)

    async def _command(
        self,
        name: str,
        session: StandinSession | None,
        body: Callable[[ServerTransaction | None], R],
    ) -> R:
        await asyncio.sleep(0)  # a round trip: other tasks run meanwhile
        if self._closed:
            raise InvalidOperation("Cannot use AsyncMongoClient after close")
        txn = None if session is None else session._operation_transaction(self)
        try:
            self._engine.fail_point(name, after_apply=False)
            result = body(txn)
            self._engine.fail_point(name, after_apply=True)
        except PyMongoError:
            # The server aborts a transaction on any failed command in it.
            if txn is not None:
                self._engine.abort(txn)
            raise
        return result


class StandinDatabase:
    """Plays ``AsyncDatabase``."""

    def __init__(self, client: StandinClient, name: str) -> None:
        self.client = client
        self.name = name

    def __getitem__(self, name: str) -> "StandinCollection":
        return StandinCollection(self, name)

    async def command(
        self, command: str | Mapping[str, Any], value: Any = 1, *, session: object = None
    ) -> Doc:
        name = command if isinstance(command, str) else next(iter(command))
        if name != "ping":
            raise NotImplementedError(f"the stand-in knows only the ping command, not {name!r}")
        return await self.client._command(name, None, lambda _: {"ok": 1.0})


class StandinCollection:
    """Plays ``AsyncCollection`` for single-document writes, equality finds and counters."""

    def __init__(self, database: StandinDatabase, name: str) -> None:
        self.database = database
        self.name = name
        self._ns = (database.name, name)
        self._engine = database.client._engine

    def _run(
        self,
        name: str,
        session: StandinSession | None,
        body: Callable[[ServerTransaction | None], R],
    ) -> Awaitable[R]:
        return self.database.client._command(name, session, body)

    async def insert_one(
        self,
        document: Doc,
        bypass_document_validation: bool | None = None,
        session: StandinSession | None = None,
    ) -> InsertOneResult:
        if not isinstance(document, dict):
            raise TypeError("document must be an instance of dict")
        document.setdefault("_id", bson.ObjectId())  # PyMongo adds the _id to the caller's dict

        def body(txn: ServerTransaction | None) -> InsertOneResult:
            self._engine.write(self._ns, document["_id"], document, txn, insert=True)
            return InsertOneResult(document["_id"], True)

        return await self._run("insert", session, body)

    async def find_one(
        self,
        filter: Mapping[str, Any] | None = None,
        projection: Mapping[str, Any] | Sequence[str] | None = None,
        *,
        sort: Sequence[tuple[str, int]] | None = None,
        session: StandinSession | None = None,
    ) -> Doc | None:
        found = await self.find(filter, projection, sort=sort, limit=1, session=session).to_list()
        return found[0] if found else None

    def find(
        self,
        filter: Mapping[str, Any] | None = None,
        projection: Mapping[str, Any] | Sequence[str] | None = None,
        *,
        limit: int = 0,
        sort: Sequence[tuple[str, int]] | None = None,
        session: StandinSession | None = None,
    ) -> "StandinCursor":
        if projection is not None and not isinstance(projection, Mapping):
            if isinstance(projection, str):
                raise TypeError("projection must be an instance of dict, a list, or None")
            projection = dict.fromkeys(projection, True)  # as PyMongo turns a list into a dict
        cursor = StandinCursor(self, dict(filter or {}), session, projection or None)
        if sort:
            cursor.sort(list(sort))
        return cursor.limit(limit)

    async def replace_one(
        self,
        filter: Mapping[str, Any],
        replacement: Doc,
        upsert: bool = False,
        *,
        session: StandinSession | None = None,
    ) -> UpdateResult:
        if upsert:
            raise NotImplementedError("the stand-in does not model replace_one upserts")
        if replacement and next(iter(replacement)).startswith("$"):
            raise ValueError("replacement can not include $ operators")

        def body(txn: ServerTransaction | None) -> UpdateResult:
            target = self._first(filter, txn)
            if target is None:
                return UpdateResult({"n": 0, "nModified": 0, "ok": 1.0}, True)
            new = {"_id": target["_id"], **replacement}
            if not _same(new["_id"], target["_id"]):
                raise OperationFailure(
                    "After applying the update, the (immutable) field '_id' was found to have"
                    " been altered",
                    66,
                    {"ok": 0.0, "code": 66, "codeName": "ImmutableField"},
                )
            self._write(target["_id"], new, txn)
            modified = int(bson.encode(new) != bson.encode(target))
            return UpdateResult({"n": 1, "nModified": modified, "ok": 1.0}, True)

        return await self._run("update", session, body)

    async def delete_one(
        self, filter: Mapping[str, Any], *, session: StandinSession | None = None
    ) -> DeleteResult:
        def body(txn: ServerTransaction | None) -> DeleteResult:
            target = self._first(filter, txn)
            if target is None:
                return DeleteResult({"n": 0, "ok": 1.0}, True)
            self._write(target["_id"], None, txn)
            return DeleteResult({"n": 1, "ok": 1.0}, True)

        return await self._run("delete", session, body)

    async def count_documents(
        self, filter: Mapping[str, Any], session: StandinSession | None = None
    ) -> int:
        def body(txn: ServerTransaction | None) -> int:
            return sum(1 for doc in self._engine.documents(self._ns, txn) if matches(doc, filter))

        return await self._run("aggregate", session, body)

    async def find_one_and_update(
        self,
        filter: Mapping[str, Any],
        update: Mapping[str, Any],
        *,
        upsert: bool = False,
        return_document: bool = False,
        session: StandinSession | None = None,
    ) -> Doc | None:
        if not update or not all(key.startswith("$") for key in update):
            raise ValueError("update only works with $ operators")
        if set(update) != {"$inc"}:
            raise NotImplementedError("the stand-in models only the $inc update operator")

        def body(txn: ServerTransaction | None) -> Doc | None:
            before = self._first(filter, txn)
            if before is None and not upsert:
                return None
            if before is None:
                seed = {k: v for k, v in filter.items() if "." not in k and not k.startswith("$")}
                after = {"_id": bson.ObjectId(), **seed}
            else:
                after = dict(before)
            _increment(after, update["$inc"])
            self._engine.write(self._ns, after["_id"], after, txn, insert=before is None)
            return after if return_document else before

        return await self._run("findAndModify", session, body)

    async def create_index(
        self,
        keys: str | Sequence[tuple[str, int]],
        session: StandinSession | None = None,
        *,
        name: str | None = None,
        unique: bool = False,
    ) -> str:
        pairs = ((keys, 1),) if isinstance(keys, str) else tuple((k, d) for k, d in keys)
        spec = IndexSpec(name or "_".join(f"{k}_{d}" for k, d in pairs), pairs, unique)
        if session is not None and session.in_transaction:
            raise NotImplementedError("the stand-in does not build indexes inside transactions")
        return await self._run(
            "createIndexes", None, lambda _: self._engine.create_index(self._ns, spec)
        )

    def _first(self, filter: Mapping[str, Any], txn: ServerTransaction | None) -> Doc | None:
        return next((d for d in self._engine.documents(self._ns, txn) if matches(d, filter)), None)

    def _write(self, identifier: Any, document: Doc | None, txn: ServerTransaction | None) -> None:
        self._engine.write(self._ns, identifier, document, txn)


class StandinCursor:
    """Plays ``AsyncCursor``: built lazily, runs its query on first iteration."""

    def __init__(
        self,
        collection: StandinCollection,
        filter: Doc,
        session: StandinSession | None,
        projection: Mapping[str, Any] | None = None,
    ) -> None:
        self._collection = collection
        self._filter = filter
        self._projection = projection
        self._session = session
        self._sort: list[tuple[str, int]] = []
        self._limit = 0
        self._results: list[Doc] | None = None

    def sort(self, key_or_list: str | list[tuple[str, int]], direction: int | None = None) -> Self:
        self._check_okay_to_chain()
        if isinstance(key_or_list, str):
            self._sort = [(key_or_list, direction or 1)]
        else:
            # As PyMongo does: the keys become a dict, so a repeated key keeps its first place
            # and its last direction.
            self._sort = list({key: int(d) for key, d in key_or_list}.items())
        return self

    def limit(self, limit: int) -> Self:
        if not isinstance(limit, int):
            raise TypeError(f"limit must be an integer, not {type(limit)}")
        self._check_okay_to_chain()
        self._limit = limit
        return self

    async def to_list(self, length: int | None = None) -> list[Doc]:
        results = await self._fetch()
        taken, self._results = (
            (results, []) if length is None else (results[:length], results[length:])
        )
        return taken

    def __aiter__(self) -> Self:
        return self

    async def __anext__(self) -> Doc:
        results = await self._fetch()
        if not results:
            raise StopAsyncIteration
        return results.pop(0)

    def _check_okay_to_chain(self) -> None:
        if self._results is not None:
            raise InvalidOperation("cannot set options after executing query")

    async def _fetch(self) -> list[Doc]:
        if self._results is None:
            collection = self._collection
            self._results = await collection._run("find", self._session, self._query)
        return self._results

    def _query(self, txn: ServerTransaction | None) -> list[Doc]:
        engine, ns = self._collection._engine, self._collection._ns
        engine.queries.append(QueryShape.of(ns, self._filter, self._sort))
        found = [doc for doc in engine.documents(ns, txn) if matches(doc, self._filter)]
        # Stable sorts from the last key to the first give a multi-key sort.
        for path, direction in reversed(self._sort):
            found.sort(key=lambda doc: sort_rank(resolve(doc, path)), reverse=direction == -1)
        found = found[: abs(self._limit)] if self._limit else found
        if self._projection is not None:
            found = [project(doc, self._projection) for doc in found]
        return found


def _same(left: Any, right: Any) -> bool:
    return bool(bson.encode({"v": left}) == bson.encode({"v": right}))


def _increment(document: Doc, amounts: Mapping[str, Any]) -> None:
    for field, amount in amounts.items():
        if "." in field:
            raise NotImplementedError("the stand-in models $inc on top-level fields only")
        if isinstance(amount, bool) or not isinstance(amount, int | float):
            raise OperationFailure("Cannot increment with non-numeric argument", 14)
        current = document.get(field, MISSING)
        if current is MISSING:
            document[field] = amount
        elif isinstance(current, bool) or not isinstance(current, int | float):
            raise OperationFailure(f"Cannot apply $inc to a value of non-numeric type: {field}", 14)
        else:
            document[field] = current + amount
