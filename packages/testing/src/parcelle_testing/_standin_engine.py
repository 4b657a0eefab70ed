"""The storage engine behind the MongoDB stand-in: versioned documents, transactions, indexes.

It plays the part of the server. Documents are kept BSON-encoded with their commit history, so a
transaction reads the snapshot taken at its first operation plus its own writes (snapshot
isolation, as WiredTiger gives MongoDB), and every read hands out a fresh copy. A write conflict
is detected the way the server detects it: the document (or a unique index key) was changed by
a commit after the snapshot, or is held by another transaction that has not finished.
Everything here is synchronous and runs inside one event-loop step, so each command is atomic.
"""

import itertools
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import bson
from pymongo.errors import DuplicateKeyError, OperationFailure, PyMongoError

from parcelle_testing._standin_query import ID_INDEX, IndexSpec, Namespace, QueryShape

Key = tuple[str, str, Any]


def write_conflict() -> OperationFailure:
    message = "WriteConflict error: this operation conflicted with another operation."
    details = {
        "ok": 0.0,
        "errmsg": message,
        "code": 112,
        "codeName": "WriteConflict",
        "errorLabels": ["TransientTransactionError"],
    }
    return OperationFailure(message, 112, details)


def no_such_transaction() -> OperationFailure:
    message = "Transaction has been aborted."
    details = {
        "ok": 0.0,
        "errmsg": message,
        "code": 251,
        "codeName": "NoSuchTransaction",
        "errorLabels": ["TransientTransactionError"],
    }
    return OperationFailure(message, 251, details)


@dataclass(eq=False)
class ServerTransaction:
    snapshot: int
    writes: dict[Key, bytes | None] = field(default_factory=dict)
    state: str = "active"  # active, committed, aborted


@dataclass
class FailPoint:
    command: str
    error: PyMongoError
    times: int
    after_apply: bool


class Engine:
    """All databases of one stand-in 'server'."""

    def __init__(self) -> None:
        self.clock = 0
        # (database, collection) -> _id -> [(commit time, BSON or None for deleted), ...]
        self.history: dict[Namespace, dict[Any, list[tuple[int, bytes | None]]]] = {}
        self.indexes: dict[Namespace, dict[str, IndexSpec]] = {}
        self.owners: dict[Key, ServerTransaction] = {}
        self.fail_points: list[FailPoint] = []
        self.queries: list[QueryShape] = []

    # -- fault injection -------------------------------------------------------------------
    def fail_point(self, command: str, *, after_apply: bool) -> None:
        for point in self.fail_points:
            if point.command == command and point.after_apply == after_apply:
                point.times -= 1
                if point.times <= 0:
                    self.fail_points.remove(point)
                raise point.error

    # -- reads -----------------------------------------------------------------------------
    def visible(self, ns: Namespace, txn: ServerTransaction | None) -> dict[Any, bytes]:
        """The encoded documents of one collection as ``txn`` (or a plain read) sees them."""
        out: dict[Any, bytes] = {}
        for identifier, versions in self.history.get(ns, {}).items():
            data = self._version(versions, None if txn is None else txn.snapshot)
            if data is not None:
                out[identifier] = data
        if txn is not None:
            for (db, coll, identifier), data in txn.writes.items():
                if (db, coll) == ns:
                    if data is None:
                        out.pop(identifier, None)
                    else:
                        out[identifier] = data
        return out

    def documents(self, ns: Namespace, txn: ServerTransaction | None) -> Iterator[dict[str, Any]]:
        for data in self.visible(ns, txn).values():
            yield bson.decode(data)

    @staticmethod
    def _version(versions: list[tuple[int, bytes | None]], at: int | None) -> bytes | None:
        for stamp, data in reversed(versions):
            if at is None or stamp <= at:
                return data
        return None

    # -- writes ----------------------------------------------------------------------------
    def blocked(self, ns: Namespace, identifier: Any, txn: ServerTransaction | None) -> bool:
        owner = self.owners.get((*ns, identifier))
        return owner is not None and owner is not txn

    def write(
        self,
        ns: Namespace,
        identifier: Any,
        document: Mapping[str, Any] | None,
        txn: ServerTransaction | None,
        *,
        insert: bool = False,
    ) -> None:
        """Insert, replace (``document``) or delete (None) one document, or raise."""
        key = (*ns, identifier)
        latest = self.history.get(ns, {}).get(identifier)
        if txn is None and self.blocked(ns, identifier, txn):
            # The server would make this write wait for the transaction to finish.
            raise NotImplementedError("the stand-in does not queue writes behind transactions")
        if txn is not None:
            if self.blocked(ns, identifier, txn):
                raise write_conflict()
            if latest and latest[-1][0] > txn.snapshot:
                raise write_conflict()
        data = None if document is None else bson.encode(document)
        if document is not None:
            self._check_unique(ns, identifier, document, txn, insert=insert)
        if txn is None:
            self._commit_writes({key: data})
        else:
            self.owners[key] = txn
            txn.writes[key] = data

    def _check_unique(
        self,
        ns: Namespace,
        identifier: Any,
        document: Mapping[str, Any],
        txn: ServerTransaction | None,
        *,
        insert: bool,
    ) -> None:
        mine = self.visible(ns, txn)
        if insert and identifier in mine:
            raise duplicate_key(ns, "_id_", {"_id": 1}, {"_id": identifier})
        for spec in self.indexes.get(ns, {}).values():
            if not spec.unique:
                continue
            wanted = spec.key_of(document)
            for other, data in mine.items():
                if other != identifier and spec.key_of(bson.decode(data)) == wanted:
                    pattern = dict(spec.keys)
                    values = spec.values_of(document)
                    raise duplicate_key(ns, spec.name, pattern, values)
            if txn is not None and self._key_taken_elsewhere(ns, identifier, spec, wanted, txn):
                raise write_conflict()

    def _key_taken_elsewhere(
        self,
        ns: Namespace,
        identifier: Any,
        spec: IndexSpec,
        wanted: tuple[Any, ...],
        txn: ServerTransaction,
    ) -> bool:
        # Holders the snapshot cannot see: a later commit, or another open transaction.
        for other, versions in self.history.get(ns, {}).items():
            stamp, data = versions[-1]
            if other == identifier or stamp <= txn.snapshot or (*ns, other) in txn.writes:
                continue
            if data is not None and spec.key_of(bson.decode(data)) == wanted:
                return True
        for key, owner in self.owners.items():
            data = owner.writes.get(key)
            if owner is txn or key[:2] != ns or key[2] == identifier or data is None:
                continue
            if spec.key_of(bson.decode(data)) == wanted:
                return True
        return False

    def _commit_writes(self, writes: Mapping[Key, bytes | None]) -> None:
        self.clock += 1
        for (db, coll, identifier), data in writes.items():
            versions = self.history.setdefault((db, coll), {}).setdefault(identifier, [])
            versions.append((self.clock, data))

    # -- transactions ----------------------------------------------------------------------
    def begin(self) -> ServerTransaction:
        return ServerTransaction(snapshot=self.clock)

    def commit(self, txn: ServerTransaction) -> None:
        if txn.state == "committed":
            return  # a retried commit is acknowledged again, as the server does
        if txn.state != "active":
            raise no_such_transaction()
        self._commit_writes(txn.writes)
        txn.state = "committed"
        self._release(txn)

    def abort(self, txn: ServerTransaction) -> None:
        if txn.state == "active":
            txn.state = "aborted"
            txn.writes.clear()
            self._release(txn)

    def _release(self, txn: ServerTransaction) -> None:
        for key in [k for k, owner in self.owners.items() if owner is txn]:
            del self.owners[key]

    # -- catalogue -------------------------------------------------------------------------
    def create_index(self, ns: Namespace, spec: IndexSpec) -> str:
        existing = self.indexes.setdefault(ns, {})
        for other in existing.values():
            if other.name == spec.name and other != spec:
                raise OperationFailure(
                    f"An existing index has the same name as the requested index: {spec.name}",
                    86,
                    {"ok": 0.0, "code": 86, "codeName": "IndexKeySpecsConflict"},
                )
            if other.keys == spec.keys and other.name != spec.name:
                raise OperationFailure(
                    f"Index already exists with a different name: {other.name}",
                    85,
                    {"ok": 0.0, "code": 85, "codeName": "IndexOptionsConflict"},
                )
        if spec.unique:
            seen: set[tuple[Any, ...]] = set()
            for document in self.documents(ns, None):
                key = spec.key_of(document)
                if key in seen:
                    values = spec.values_of(document)
                    raise duplicate_key(ns, spec.name, dict(spec.keys), values)
                seen.add(key)
        existing[spec.name] = spec
        return spec.name

    def serving_index(self, shape: QueryShape) -> str | None:
        """The name of a declared index (or ``_id_``) that serves the query, or None."""
        declared = [ID_INDEX, *self.indexes.get(shape.namespace, {}).values()]
        return next((spec.name for spec in declared if shape.served_by(spec)), None)

    def drop_database(self, name: str) -> None:
        for ns in [ns for ns in itertools.chain(self.history, self.indexes) if ns[0] == name]:
            self.history.pop(ns, None)
            self.indexes.pop(ns, None)


def duplicate_key(
    ns: Namespace, index: str, pattern: Mapping[str, Any], values: Mapping[str, Any]
) -> DuplicateKeyError:
    message = (
        f"E11000 duplicate key error collection: {ns[0]}.{ns[1]} index: {index} "
        f"dup key: {dict(values)!r}"
    )
    details = {
        "index": 0,
        "code": 11000,
        "errmsg": message,
        "keyPattern": dict(pattern),
        "keyValue": dict(values),
    }
    return DuplicateKeyError(message, 11000, details)
