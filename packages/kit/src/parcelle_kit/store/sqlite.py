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
"""

import asyncio
import itertools
import json
import sqlite3
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import ThreadPoolExecutor
from os import PathLike
from pathlib import Path
from typing import Any, TypeVar

from parcelle_kit.store import _common as check
from parcelle_kit.store._paging import PageQuery, page_query, prefix_bounds
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


# Names and paths are spliced into SQL text: SQLite cannot bind identifiers, and an expression
# index is only used when a query repeats its exact literal path. _common's checks make them inert.
def _table(collection: str) -> str:
    return f'"doc_{check.collection_name(collection)}"'


def _json_path(field: str) -> str:
    return f"'$.{check.field_path(field)}'"


def _type_rank(path: str) -> str:
    # MongoDB's BSON order for the JSON types; objects and arrays then compare as JSON text,
    # which is not MongoDB's element-wise order.
    return (
        f"CASE json_type(doc, {path}) WHEN 'integer' THEN 1 WHEN 'real' THEN 1 "
        "WHEN 'text' THEN 2 WHEN 'object' THEN 3 WHEN 'array' THEN 4 "
        "WHEN 'true' THEN 5 WHEN 'false' THEN 5 ELSE 0 END"
    )


def _unique_key(field: str) -> str:
    # json_extract alone would give true the same key as 1 and let any number of documents lack
    # the field (NULLs are distinct in SQLite indexes); MongoDB does neither.
    path = _json_path(field)
    kind = (
        f"CASE json_type(doc, {path}) WHEN 'integer' THEN 'n' WHEN 'real' THEN 'n' "
        "WHEN 'true' THEN 'b' WHEN 'false' THEN 'b' WHEN 'text' THEN 's' "
        "WHEN 'object' THEN 'o' WHEN 'array' THEN 'a' ELSE 'z' END"
    )
    return f"{kind}, ifnull(json_extract(doc, {path}), 0)"


def _where_sql(where: Mapping[str, Scalar] | None) -> tuple[str, list[Any]]:
    clauses: list[str] = []
    params: list[Any] = []
    for field, value in check.where_clause(where).items():
        path = _json_path(field)
        kind = f"json_type(doc, {path})"
        if value is None:
            clauses.append(f"({kind} IS NULL OR {kind} = 'null')")
        elif isinstance(value, bool):
            clauses.append(f"{kind} = '{'true' if value else 'false'}'")
        elif isinstance(value, str):
            clauses.append(f"{kind} = 'text' AND json_extract(doc, {path}) = ?")
            params.append(value)
        else:
            clauses.append(f"{kind} IN ('integer', 'real') AND json_extract(doc, {path}) = ?")
            params.append(value)
    return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


def _order_sql(sort: Sequence[tuple[str, Direction]]) -> str:
    terms: list[str] = []
    for field, direction in check.sort_keys(sort):
        path = _json_path(field)
        word = "ASC" if direction == 1 else "DESC"
        terms += [f"{_type_rank(path)} {word}", f"json_extract(doc, {path}) {word}"]
    # Ties broken by _id so that both adapters return the same order.
    return " ORDER BY " + ", ".join([*terms, "id ASC"])


def _value(field: str) -> str:
    # Exactly the expression an Index on the field is built on, or the index cannot serve it.
    return f"json_extract(doc, {_json_path(field)})"


def _typed(field: str, value: Scalar | float) -> str:
    """The type test that makes ``_value(field)`` compare like MongoDB, as a residual filter.

    Without it a string bound would match numbers (they sort below text in SQLite), ``1``
    would match ``true``, and text would match an object's JSON text.
    """
    kind = f"json_type(doc, {_json_path(field)})"
    if isinstance(value, bool):
        return f"{kind} IN ('true', 'false')"
    if isinstance(value, str):
        return f"{kind} = 'text'"
    return f"{kind} IN ('integer', 'real')"


def page_sql(query: PageQuery) -> tuple[str, list[Any]]:
    """The SELECT for one page: plain ``json_extract`` values, so a declared index serves it.

    Filters and order use exactly the expressions :func:`_index_sql` indexes; type tests are
    residual terms, checked only on the rows the index range yields. The keyset condition is
    the row value ``(keys..., _id) > (cursor...)``, which SQLite checks row by row, plus a
    plain bound on the first key, which the index range can use.
    """
    clauses: list[str] = []
    params: list[Any] = []
    for field, value in query.where.items():
        if value is None:
            kind = f"json_type(doc, {_json_path(field)})"
            clauses.append(f"({kind} IS NULL OR {kind} = 'null')")
        else:
            clauses.append(f"{_value(field)} = ? AND {_typed(field, value)}")
            params.append(value)
    for field, text in query.prefix.items():
        low, high = prefix_bounds(text)
        clauses.append(f"{_value(field)} >= ? AND {_typed(field, text)}")
        params.append(low)
        if high is not None:
            clauses.append(f"{_value(field)} < ?")
            params.append(high)
    for field, (start, end) in query.between.items():
        bound = start if start is not None else end
        # Close the open side at the edge of the type's range, so the index range stays
        # within the type: every number sorts bestart the empty text in SQLite.
        if isinstance(bound, str):
            clauses.append(f"{_value(field)} >= ?")
            params.append(start if start is not None else "")
            if end is not None:
                clauses.append(f"{_value(field)} <= ?")
                params.append(end)
        else:
            if start is not None:
                clauses.append(f"{_value(field)} >= ?")
                params.append(start)
            clauses.append(f"{_value(field)} {'<= ?' if end is not None else '< ?'}")
            params.append(end if end is not None else "")
        clauses.append(_typed(field, bound))
    for field, values in query.any_of.items():
        # One IN list per JSON type, each with its type test, so 1 never matches true.
        groups: dict[str, list[Scalar]] = {}
        for value in values:
            groups.setdefault(_typed(field, value), []).append(value)
        alternatives = []
        for typed, same in groups.items():
            alternatives.append(f"{_value(field)} IN ({', '.join('?' * len(same))}) AND {typed}")
            params.extend(same)
        clauses.append("(" + " OR ".join(f"({a})" for a in alternatives) + ")")
    word, compare = ("DESC", "<") if query.descending else ("ASC", ">")
    if query.after is not None:
        first = _value(query.keys[0])
        clauses.append(f"{first} {compare}= ?")
        params.append(query.after[0])
        keys = ", ".join(_value(key) for key in query.keys)
        marks = ", ".join("?" * len(query.keys))
        clauses.append(f"({keys}) {compare} ({marks})")
        params.extend(query.after)
    where = (" WHERE " + " AND ".join(clauses)) if clauses else ""
    order = ", ".join(f"{_value(key)} {word}" for key in query.keys)
    sql = f"SELECT doc FROM {_table(query.collection)}{where} ORDER BY {order} LIMIT ?"
    params.append(query.limit + 1)
    return sql, params


def _index_sql(index: Index) -> tuple[str, list[str]]:
    name = check.index_name(index)
    table = _table(index.collection)
    plain = ", ".join(f"json_extract(doc, {_json_path(f)})" for f in index.fields)
    statements = [f'CREATE INDEX IF NOT EXISTS "ix_{name}" ON {table} ({plain})']
    if index.unique:
        # The unique key expressions cannot serve equality queries, hence the plain twin above.
        keys = ", ".join(_unique_key(f) for f in index.fields)
        statements.append(f'CREATE UNIQUE INDEX IF NOT EXISTS "ux_{name}" ON {table} ({keys})')
    return table, statements


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
        statements = [_index_sql(index) for index in indexes]
        if self._executor is None:
            executor = ThreadPoolExecutor(1, thread_name_prefix="parcelle-sqlite")
            try:
                await asyncio.get_running_loop().run_in_executor(executor, self._connect)
            except BaseException:
                executor.shutdown(wait=False)
                raise
            self._executor = executor

        async def create(tx: _SqliteTransaction) -> None:
            for table, sql in statements:
                await tx.execute(table, sql)

        await self._retrying(create, 5)

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

    def _ensure_table(self, conn: sqlite3.Connection, table: str) -> None:
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
                self._store._ensure_table(conn, table)
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
        table = _table(collection)
        identifier = check.document_id(document)
        stored = {**document, "_v": 1}
        sql = f"INSERT INTO {table} (id, v, doc) VALUES (?, 1, ?)"
        text = _dumps(stored)
        await self._do(table, lambda c: c.execute(sql, (identifier, text)))
        return stored

    async def get(self, collection: str, id: str) -> Document | None:
        table = _table(collection)
        sql = f"SELECT doc FROM {table} WHERE id = ?"
        row = await self._do(table, lambda c: c.execute(sql, (id,)).fetchone())
        return None if row is None else _loads(row[0])

    async def update(self, collection: str, document: Document) -> Document:
        table = _table(collection)
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
        table = _table(collection)
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
        table = _table(collection)
        clause, params = _where_sql(where)
        sql = f"SELECT doc FROM {table}{clause}{_order_sql(sort)}"
        if check.limit_value(limit) is not None:
            sql += " LIMIT ?"
            params.append(limit)
        rows = await self._do(table, lambda c: c.execute(sql, params).fetchall())
        return [_loads(row[0]) for row in rows]

    async def count(self, collection: str, where: Mapping[str, Scalar] | None = None) -> int:
        table = _table(collection)
        clause, params = _where_sql(where)
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
        table = _table(collection)
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
