"""The production document store: MongoDB through PyMongo's native async API.

Every unit of work is a multi-document transaction on its own session (MongoDB needs a replica
set for that; production and CI run at least a single-node one), with snapshot reads and
majority-acknowledged commits. PyMongo's errors become the port's: a duplicate key is
:class:`DuplicateKeyError`, a write conflict or any error labelled ``TransientTransactionError``
re-runs the unit, and a commit whose outcome is unknown is re-sent (MongoDB makes that safe)
rather than re-running the unit, which could hand out a second protocol number.

The adapter talks to the client through the small protocols of ``_mongo_client``, which both
``AsyncMongoClient`` and the test stand-in satisfy (mypy checks both).
"""

import asyncio
import contextlib
import itertools
from collections.abc import AsyncIterator, Awaitable, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any, TypeVar

import pymongo
from pymongo import AsyncMongoClient, ReturnDocument
from pymongo.asynchronous.client_session import AsyncClientSession
from pymongo.errors import DuplicateKeyError as MongoDuplicateKeyError
from pymongo.errors import OperationFailure, PyMongoError
from pymongo.read_concern import ReadConcern
from pymongo.write_concern import WriteConcern

from parcelle_kit.store import _common as check
from parcelle_kit.store._mongo_client import (
    ClientLike,
    CollectionLike,
    CursorLike,
    DatabaseLike,
    SessionLike,
)
from parcelle_kit.store._paging import PageQuery, page_query, prefix_bounds, widen
from parcelle_kit.store.ports import (
    ConcurrencyError,
    Direction,
    Document,
    DuplicateKeyError,
    Index,
    Page,
    Scalar,
    StoreError,
    Transaction,
    TransientStoreError,
)

T = TypeVar("T")

__all__ = [
    "ClientLike",
    "CollectionLike",
    "CursorLike",
    "DatabaseLike",
    "MongoStore",
    "SessionLike",
    "page_filter",
]

_WRITE_CONFLICT = 112


def _translate(exc: PyMongoError) -> StoreError:
    if isinstance(exc, MongoDuplicateKeyError):
        return DuplicateKeyError(str(exc))
    conflict = isinstance(exc, OperationFailure) and exc.code == _WRITE_CONFLICT
    if conflict or exc.has_error_label("TransientTransactionError"):
        return TransientStoreError(str(exc))
    return StoreError(str(exc))


def page_filter(query: PageQuery) -> dict[str, Any]:
    """The MongoDB filter for one page: the query's filters and the keyset condition.

    Each filter is its own clause of an ``$and``, so two on one field never overwrite each
    other. Comparison operators only match values of their own type (MongoDB's type
    bracketing), which is what the SQLite adapter's type tests reproduce. The keyset condition
    is an ``$or`` over the sort keys, plus a plain bound on the first key that the planner can
    turn into an index range.
    """
    clauses: list[dict[str, Any]] = [{field: value} for field, value in query.where.items()]
    for field, text in query.prefix.items():
        low, high = prefix_bounds(text)
        clauses.append({field: {"$gte": low} if high is None else {"$gte": low, "$lt": high}})
    for field, (start, end) in query.between.items():
        bounds = {"$gte": start, "$lte": end}
        clauses.append({field: {op: v for op, v in bounds.items() if v is not None}})
    for field, values in query.any_of.items():
        clauses.append({field: {"$in": list(values)}})
    if query.after is not None:
        past = "$lt" if query.descending else "$gt"
        keys, after = query.keys, query.after
        clauses.append({keys[0]: {past + "e": after[0]}})
        branches = [
            {**{keys[j]: after[j] for j in range(i)}, keys[i]: {past: after[i]}}
            for i in range(len(keys))
        ]
        clauses.append({"$or": branches})
    if not clauses:
        return {}
    return clauses[0] if len(clauses) == 1 else {"$and": clauses}


class MongoStore:
    """The document store in one MongoDB database (a replica set: transactions need one).

    Give either ``url`` (the store then builds, owns and closes its ``AsyncMongoClient``) or
    ``client``, a client the caller built and closes: a shared ``AsyncMongoClient`` or the
    test stand-in.
    """

    kind = "mongodb"

    def __init__(
        self,
        url: str | None = None,
        *,
        database: str,
        client: ClientLike[Any] | None = None,
        ping_timeout: float = 2.0,
    ) -> None:
        if (url is None) == (client is None):
            raise ValueError("give a MongoDB store either a url or a client")
        if not isinstance(database, str) or not database:
            raise ValueError("a MongoDB store needs a database name")
        self._url = url
        self._client = client
        self._database = database
        self._ping_timeout = ping_timeout

    async def open(self, indexes: Sequence[Index] = ()) -> None:
        # Checked before connecting, so a bad index definition fails the same way offline.
        specs = [(index, check.index_name(index)) for index in indexes]
        if self._client is None and self._url is not None:
            # Typed against the protocol so that mypy checks the real client satisfies it.
            real: ClientLike[AsyncClientSession] = AsyncMongoClient[Document](self._url)
            self._client = real
        db = self._db()
        for index, name in specs:
            keys = [(field, pymongo.ASCENDING) for field in index.fields]
            try:
                await db[index.collection].create_index(keys, name=name, unique=index.unique)
            except PyMongoError as exc:
                raise _translate(exc) from exc

    async def close(self) -> None:
        if self._url is not None and self._client is not None:
            await self._client.close()
        if self._url is not None:
            self._client = None

    async def ping(self) -> bool:
        if self._client is None:
            return False
        try:
            # Bounded, so a health check answers "no" instead of hanging in server selection.
            with pymongo.timeout(self._ping_timeout):
                reply = await self._client["admin"].command("ping")
        except PyMongoError:
            return False
        return bool(reply.get("ok"))

    async def run(self, work: Callable[[Transaction], Awaitable[T]], *, attempts: int = 5) -> T:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        for attempt in itertools.count(1):
            try:
                return await self._run_once(work, attempts)
            except TransientStoreError:
                if attempt >= attempts:
                    raise
            await asyncio.sleep(check.backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    def _db(self) -> DatabaseLike[Any]:
        if self._client is None:
            raise StoreError("the store is not open")
        return self._client[self._database]

    async def _run_once(self, work: Callable[[Transaction], Awaitable[T]], attempts: int) -> T:
        db = self._db()
        assert self._client is not None
        started: SessionLike = self._client.start_session()
        async with started as session:
            try:
                await session.start_transaction(
                    read_concern=ReadConcern("snapshot"), write_concern=WriteConcern("majority")
                )
            except PyMongoError as exc:
                raise _translate(exc) from exc
            tx = _MongoTransaction(db, session)
            try:
                result = await work(tx)
                tx.finish()
            except BaseException:
                tx.closed = True
                await _abort_quietly(session)
                raise
            await _commit(session, attempts)
            return result


async def _abort_quietly(session: SessionLike) -> None:
    if not session.in_transaction:
        return
    # The error that got us here matters more; the server drops the transaction anyway when
    # it times out.
    with contextlib.suppress(PyMongoError):
        await session.abort_transaction()


async def _commit(session: SessionLike, attempts: int) -> None:
    for attempt in range(1, attempts + 1):
        try:
            await session.commit_transaction()
            return
        except PyMongoError as exc:
            if not exc.has_error_label("UnknownTransactionCommitResult"):
                raise _translate(exc) from exc
            unknown = exc
        # The commit may or may not have happened: re-sending it is safe (the server answers a
        # repeated commit with the first outcome), re-running the unit of work is not.
        await asyncio.sleep(check.backoff(attempt))
    raise StoreError(f"commit outcome unknown after {attempts} attempts: {unknown}") from unknown


class _MongoTransaction:
    """One unit of work on a session; valid only until its ``run`` returns."""

    def __init__(self, db: DatabaseLike[Any], session: SessionLike) -> None:
        self._db = db
        self._session = session
        self.closed = False
        self._failure: StoreError | None = None
        # A session runs one operation at a time; this lets a unit of work use asyncio.gather.
        self._lock = asyncio.Lock()

    def finish(self) -> None:
        self.closed = True
        if self._failure is not None:
            raise check.carried_on(self._failure) from self._failure

    @asynccontextmanager
    async def _guard(self) -> AsyncIterator[None]:
        if self.closed:
            raise StoreError("this transaction has already finished")
        if self._failure is not None:
            raise StoreError(f"this unit of work already failed: {self._failure}")
        async with self._lock:
            try:
                yield
            except PyMongoError as exc:
                error = _translate(exc)
                self._failure = error
                raise error from exc

    def _collection(self, name: str) -> CollectionLike[Any]:
        return self._db[check.collection_name(name)]

    async def insert(self, collection: str, document: Document) -> Document:
        coll = self._collection(collection)
        check.document_id(document)
        stored = {**document, "_v": 1}
        async with self._guard():
            # A copy: PyMongo may add keys to the dict it is given.
            await coll.insert_one(dict(stored), session=self._session)
        return stored

    async def get(self, collection: str, id: str) -> Document | None:
        coll = self._collection(collection)
        async with self._guard():
            return await coll.find_one({"_id": id}, session=self._session)

    async def update(self, collection: str, document: Document) -> Document:
        coll = self._collection(collection)
        identifier = check.document_id(document)
        expected = check.expected_version(document)
        stored = {**document, "_v": expected + 1}
        query = {"_id": identifier, "_v": expected}
        async with self._guard():
            result = await coll.replace_one(query, dict(stored), session=self._session)
        if result.matched_count == 0:
            raise ConcurrencyError(f"{collection}/{identifier} is not at version {expected}")
        return stored

    async def delete(self, collection: str, id: str) -> bool:
        coll = self._collection(collection)
        async with self._guard():
            result = await coll.delete_one({"_id": id}, session=self._session)
        return result.deleted_count > 0

    async def find(
        self,
        collection: str,
        where: Mapping[str, Scalar] | None = None,
        *,
        sort: Sequence[tuple[str, Direction]] = (),
        limit: int | None = None,
    ) -> list[Document]:
        coll = self._collection(collection)
        query = check.where_clause(where)
        order: list[tuple[str, int]] = list(check.sort_keys(sort))
        if all(field != "_id" for field, _ in order):
            # Ties broken by _id so that both adapters return the same order. Not when _id is
            # already there: PyMongo turns the list into a dict, and the last direction wins.
            order.append(("_id", pymongo.ASCENDING))
        if check.limit_value(limit) == 0:
            return []  # MongoDB reads a limit of 0 as "no limit"
        async with self._guard():
            cursor = coll.find(query, sort=order, limit=limit or 0, session=self._session)
            return await cursor.to_list()

    async def count(self, collection: str, where: Mapping[str, Scalar] | None = None) -> int:
        coll = self._collection(collection)
        query = check.where_clause(where)
        async with self._guard():
            return await coll.count_documents(query, session=self._session)

    async def page(
        self,
        collection: str,
        *,
        where: Mapping[str, Scalar] | None = None,
        prefix: Mapping[str, str] | None = None,
        between: Mapping[str, tuple[Scalar, Scalar]] | None = None,
        any_of: Mapping[str, Sequence[Scalar]] | None = None,
        order: Sequence[str],
        descending: bool = False,
        limit: int,
        after: str | None = None,
        fields: Sequence[str] | None = None,
    ) -> Page:
        query = page_query(
            collection,
            where=where,
            prefix=prefix,
            between=between,
            any_of=any_of,
            order=order,
            descending=descending,
            limit=limit,
            after=after,
            fields=fields,
        )
        coll = self._collection(collection)
        if query.empty:
            return Page(documents=[], next=None)
        direction = pymongo.DESCENDING if query.descending else pymongo.ASCENDING
        sort = [(key, direction) for key in query.keys]
        projection = None
        if query.fields is not None:
            # Widened by the sort keys, which the cursor needs; cut back after reading.
            projection = {path: 1 for path in widen(query.fields, query.keys)}
        async with self._guard():
            cursor = coll.find(
                page_filter(query),
                sort=sort,
                limit=query.limit + 1,
                projection=projection,
                session=self._session,
            )
            found = await cursor.to_list()
        return query.finish(found)

    async def next_value(self, counter: str) -> int:
        name = check.counter_name(counter)
        coll = self._db[check.COUNTERS]
        async with self._guard():
            after = await coll.find_one_and_update(
                {"_id": name},
                {"$inc": {"value": 1}},
                upsert=True,
                return_document=ReturnDocument.AFTER,
                session=self._session,
            )
        if after is None:  # pragma: no cover - an upsert returning AFTER always has a document
            raise StoreError(f"counter {name!r} was not returned")
        return int(after["value"])
