"""The embedded document store: one SQLite file per service, shared safely by its replicas.

Each collection is a table ``(id TEXT PRIMARY KEY, v INTEGER, doc TEXT)`` holding the document as
JSON; filters, sorts and unique indexes work on ``json_extract`` expressions. The stdlib driver is
blocking, so every call runs on one dedicated worker thread that owns the only connection, and the
event loop never waits on the disk.

Several processes may open the same file: the database is in WAL mode, every unit of work is a
``BEGIN IMMEDIATE`` transaction (writers queue for the write lock up front instead of failing
half-way through), and a busy timeout makes them wait for each other. Inside one process an
``asyncio.Lock`` serialises units of work, because they share the connection.

The matching rules follow MongoDB's, so that the two adapters answer the same questions in the
same way: ``None`` matches missing or null, ``True`` never equals ``1`` while ``1`` equals ``1.0``,
sort orders types as null < numbers < strings < objects < arrays < booleans, and a unique index
treats a missing field as null (so only one document may lack it).

Lists (``page``) order by plain ``json_extract`` values instead, so that a declared index serves
both their filters and their order; the SQL text lives in ``_sqlite_sql``.
"""

import asyncio
import itertools
import json
import random
import sqlite3
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from os import PathLike
from pathlib import Path
from typing import TypeVar

from parcelle_kit.store import _common as check
from parcelle_kit.store._paging import page_query
from parcelle_kit.store._sqlite_sql import index_sql, order_sql, page_sql, table_name, where_sql
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
R = TypeVar("R")

_COUNTERS = "_parcelle_counters"
_SQLITE_BUSY, _SQLITE_LOCKED = 5, 6


def _translate(exc: sqlite3.Error) -> StoreError:
    # Errors raised by the sqlite3 module itself (not by the library) carry no code.
    code = (getattr(exc, "sqlite_errorcode", None) or 0) & 0xFF
    name = getattr(exc, "sqlite_errorname", None) or ""
    if name in ("SQLITE_CONSTRAINT_UNIQUE", "SQLITE_CONSTRAINT_PRIMARYKEY"):
        return DuplicateKeyError(str(exc))
    if code in (_SQLITE_BUSY, _SQLITE_LOCKED):
        return TransientStoreError(str(exc))
    return StoreError(str(exc))


def _dumps(document: Document) -> str:
    return json.dumps(document, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def _loads(text: str) -> Document:
    document: Document = json.loads(text)
    return document


class SqliteStore:
    """The document store in one SQLite file; several processes may share the file."""

    kind = "sqlite"

    def __init__(self, path: str | PathLike[str], *, busy_timeout: float = 10.0) -> None:
        self._path = Path(path)
        self._busy_timeout = busy_timeout
        self._executor: ThreadPoolExecutor | None = None
        self._connection: sqlite3.Connection | None = None
        self._lock = asyncio.Lock()
        # Touched only on the worker thread; forgotten on rollback, which undoes CREATE TABLE.
        self._tables: set[str] = set()

    async def open(self, indexes: Sequence[Index] = ()) -> None:
        statements = [index_sql(index) for index in indexes]
        if self._executor is None:
            executor = ThreadPoolExecutor(1, thread_name_prefix="parcelle-sqlite")
            try:
                await self._connecting(executor)
            except BaseException:
                executor.shutdown(wait=False)
                raise
            self._executor = executor

        async def create(tx: _SqliteTransaction) -> None:
            for table, sql in statements:
                await tx.execute(table, sql)

        await self._retrying(create, 5)

    async def _connecting(self, executor: ThreadPoolExecutor, attempts: int = 10) -> None:
        """Connect, trying again a few times: two replicas opening a new file at the same moment
        can find it locked while the other switches it to WAL, which SQLite reports at once,
        without waiting on the busy handler."""
        for attempt in range(attempts):
            try:
                await asyncio.get_running_loop().run_in_executor(executor, self._connect)
                return
            except TransientStoreError:
                if attempt == attempts - 1:
                    raise
                await asyncio.sleep(random.uniform(0.01, 0.1) * (attempt + 1))

    async def close(self) -> None:
        executor = self._executor
        if executor is None:
            return
        async with self._lock:
            await self._call(self._disconnect)
            self._executor = None
            executor.shutdown(wait=True)

    async def ping(self) -> bool:
        try:
            await self._call(lambda conn: conn.execute("SELECT 1").fetchone())
        except StoreError:
            return False
        return True

    async def run(self, work: Callable[[Transaction], Awaitable[T]], *, attempts: int = 5) -> T:
        return await self._retrying(work, attempts)

    async def _retrying(
        self, work: Callable[["_SqliteTransaction"], Awaitable[T]], attempts: int
    ) -> T:
        if attempts < 1:
            raise ValueError("attempts must be at least 1")
        for attempt in itertools.count(1):
            try:
                return await self._run_once(work)
            except TransientStoreError:
                if attempt >= attempts:
                    raise
            await asyncio.sleep(check.backoff(attempt))
        raise AssertionError("unreachable")  # pragma: no cover

    async def _run_once(self, work: Callable[["_SqliteTransaction"], Awaitable[T]]) -> T:
        async with self._lock:
            tx = _SqliteTransaction(self)
            try:
                # Inside the try: if this task is cancelled while BEGIN runs on the worker,
                # the rollback below still ends the transaction BEGIN opened.
                await self._call(lambda conn: conn.execute("BEGIN IMMEDIATE"))
                result = await work(tx)
                tx.finish()
                await self._call(lambda conn: conn.execute("COMMIT"))
            except BaseException:
                tx.closed = True
                await self._rollback()
                raise
            return result

    async def _rollback(self) -> None:
        executor = self._executor
        if executor is None:
            return
        # Queued on the single worker at once, so it runs before any later unit's BEGIN even if
        # this task is cancelled while waiting for it.
        future = executor.submit(self._rollback_sync)
        await asyncio.shield(asyncio.wrap_future(future))

    def _rollback_sync(self) -> None:
        self._tables.clear()
        if self._connection is not None and self._connection.in_transaction:
            self._connection.execute("ROLLBACK")

    async def _call(self, operation: Callable[[sqlite3.Connection], R]) -> R:
        executor = self._executor
        if executor is None:
            raise StoreError("the store is not open")

        def call() -> R:
            if self._connection is None:
                raise StoreError("the store is not open")
            try:
                return operation(self._connection)
            except sqlite3.Error as exc:
                raise _translate(exc) from exc

        return await asyncio.get_running_loop().run_in_executor(executor, call)

    def _connect(self) -> None:
        self._path.parent.mkdir(parents=True, exist_ok=True)
        # isolation_level=None: we issue BEGIN IMMEDIATE / COMMIT ourselves.
        conn = sqlite3.connect(self._path, timeout=self._busy_timeout, isolation_level=None)
        try:
            conn.execute(f"PRAGMA busy_timeout = {int(self._busy_timeout * 1000)}")
            conn.execute("PRAGMA journal_mode = WAL")
            # FULL, not NORMAL: a commit lost to a power cut after its events were published
            # would leave peers acting on a state change that no longer exists.
            conn.execute("PRAGMA synchronous = FULL")
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {_COUNTERS} "
                "(name TEXT PRIMARY KEY, value INTEGER NOT NULL)"
            )
        except sqlite3.Error as exc:
            conn.close()
            raise _translate(exc) from exc
        self._connection = conn

    def _disconnect(self, _: object) -> None:
        if self._connection is not None:
            self._connection.close()
            self._connection = None

    def _ensuretable(self, conn: sqlite3.Connection, table: str) -> None:
        if table not in self._tables:
            conn.execute(
                f"CREATE TABLE IF NOT EXISTS {table} "
                "(id TEXT PRIMARY KEY, v INTEGER NOT NULL, doc TEXT NOT NULL)"
            )
            self._tables.add(table)


class _SqliteTransaction:
    """One unit of work on the store's connection; valid only until its ``run`` returns."""

    def __init__(self, store: SqliteStore) -> None:
        self._store = store
        self.closed = False
        self._failure: StoreError | None = None

    def finish(self) -> None:
        self.closed = True
        if self._failure is not None:
            raise check.carried_on(self._failure) from self._failure

    async def _do(self, table: str | None, operation: Callable[[sqlite3.Connection], R]) -> R:
        if self.closed:
            raise StoreError("this transaction has already finished")
        if self._failure is not None:
            raise StoreError(f"this unit of work already failed: {self._failure}")

        def call(conn: sqlite3.Connection) -> R:
            if table is not None:
                self._store._ensuretable(conn, table)
            return operation(conn)

        try:
            return await self._store._call(call)
        except StoreError as exc:
            self._failure = exc
            raise

    async def execute(self, table: str, statements: list[str]) -> None:
        def call(conn: sqlite3.Connection) -> None:
            for statement in statements:
                conn.execute(statement)

        await self._do(table, call)

    async def insert(self, collection: str, document: Document) -> Document:
        table = table_name(collection)
        identifier = check.document_id(document)
        stored = {**document, "_v": 1}
        sql = f"INSERT INTO {table} (id, v, doc) VALUES (?, 1, ?)"
        text = _dumps(stored)
        await self._do(table, lambda c: c.execute(sql, (identifier, text)))
        return stored

    async def get(self, collection: str, id: str) -> Document | None:
        table = table_name(collection)
        sql = f"SELECT doc FROM {table} WHERE id = ?"
        row = await self._do(table, lambda c: c.execute(sql, (id,)).fetchone())
        return None if row is None else _loads(row[0])

    async def update(self, collection: str, document: Document) -> Document:
        table = table_name(collection)
        identifier = check.document_id(document)
        expected = check.expected_version(document)
        stored = {**document, "_v": expected + 1}
        sql = f"UPDATE {table} SET v = ?, doc = ? WHERE id = ? AND v = ?"
        params = (expected + 1, _dumps(stored), identifier, expected)
        changed = await self._do(table, lambda c: c.execute(sql, params).rowcount)
        if changed == 0:
            raise ConcurrencyError(f"{collection}/{identifier} is not at version {expected}")
        return stored

    async def delete(self, collection: str, id: str) -> bool:
        table = table_name(collection)
        sql = f"DELETE FROM {table} WHERE id = ?"
        deleted = await self._do(table, lambda c: c.execute(sql, (id,)).rowcount)
        return bool(deleted)

    async def find(
        self,
        collection: str,
        where: Mapping[str, Scalar] | None = None,
        *,
        sort: Sequence[tuple[str, Direction]] = (),
        limit: int | None = None,
    ) -> list[Document]:
        table = table_name(collection)
        clause, params = where_sql(where)
        sql = f"SELECT doc FROM {table}{clause}{order_sql(sort)}"
        if check.limit_value(limit) is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = await self._do(table, lambda c: c.execute(sql, params).fetchall())
        return [_loads(row[0]) for row in rows]

    async def count(self, collection: str, where: Mapping[str, Scalar] | None = None) -> int:
        table = table_name(collection)
        clause, params = where_sql(where)
        sql = f"SELECT count(*) FROM {table}{clause}"
        row = await self._do(table, lambda c: c.execute(sql, params).fetchone())
        return int(row[0])

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
        if query.empty:
            return Page(documents=[], next=None)
        table = table_name(collection)
        sql, params = page_sql(query)
        rows = await self._do(table, lambda c: c.execute(sql, params).fetchall())
        return query.finish([_loads(row[0]) for row in rows])

    async def next_value(self, counter: str) -> int:
        name = check.counter_name(counter)
        sql = (
            f"INSERT INTO {_COUNTERS} (name, value) VALUES (?, 1) "
            "ON CONFLICT (name) DO UPDATE SET value = value + 1 RETURNING value"
        )
        row = await self._do(None, lambda c: c.execute(sql, (name,)).fetchone())
        return int(row[0])
