"""The storage engine behind the MongoDB stand-in: versioned documents, transactions, indexes.

It plays the part of the server. Documents are kept BSON-encoded with their commit history, so a
transaction reads the snapshot taken at its first operation plus its own writes (snapshot
isolation, as WiredTiger gives MongoDB), and every read hands out a fresh copy. A write conflict
is detected the way the server detects it: the document (or a unique index key) was changed by
a commit after the snapshot, or is held by another transaction that has not finished.
Everything here is synchronous and runs inside one event-loop step, so each command is atomic.
"""

import itertools
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

import bson
from pymongo.errors import DuplicateKeyError, OperationFailure, PyMongoError

Namespace = tuple[str, str]
Key = tuple[str, str, Any]
MISSING: Any = object()


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


def resolve(document: Mapping[str, Any], path: str) -> Any:
    """The value at a dotted path, or MISSING; arrays on the way are not modelled."""
    current: Any = document
    for part in path.split("."):
        if isinstance(current, list):
            raise NotImplementedError("the stand-in does not traverse arrays in paths")
        if not isinstance(current, dict) or part not in current:
            return MISSING
        current = current[part]
    return current


def bson_equal(left: Any, right: Any) -> bool:
    if isinstance(left, bool) or isinstance(right, bool):
        return isinstance(left, bool) and isinstance(right, bool) and left == right
    if isinstance(left, int | float) and isinstance(right, int | float):
        return left == right
    return type(left) is type(right) and bool(left == right)


def matches(document: Mapping[str, Any], query: Mapping[str, Any]) -> bool:
    """Does the document match the filter? Modelled: equality (None matches a missing field or
    null), ``$eq``, ``$in``, ``$gt``, ``$gte``, ``$lt``, ``$lte`` on scalar fields, and ``$and``
    and ``$or``; anything else raises ``NotImplementedError``."""
    for path, expected in query.items():
        if path in ("$and", "$or"):
            if not isinstance(expected, list) or not expected:
                raise bad_value(f"{path} argument must be a non-empty array")
            if not all(isinstance(clause, dict) for clause in expected):
                raise bad_value(f"{path} argument's entries must be objects")
            combine = all if path == "$and" else any
            if not combine(matches(document, clause) for clause in expected):
                return False
        elif path.startswith("$"):
            raise NotImplementedError(f"the stand-in does not model {path}")
        elif _is_operators(expected):
            actual = _scalar_at(document, path)
            if not all(_holds(actual, op, operand) for op, operand in expected.items()):
                return False
        elif not _equal(_scalar_at(document, path), expected):
            return False
    return True


def _is_operators(expected: Any) -> bool:
    if not isinstance(expected, dict) or not expected:
        return False
    operators = [key.startswith("$") for key in expected]
    if any(operators) and not all(operators):
        raise NotImplementedError("the stand-in does not model operators mixed with fields")
    return all(operators)


def _scalar_at(document: Mapping[str, Any], path: str) -> Any:
    actual = resolve(document, path)
    if isinstance(actual, list):
        raise NotImplementedError("the stand-in does not match inside arrays")
    return actual


def _equal(actual: Any, expected: Any) -> bool:
    if isinstance(expected, dict | list):
        raise NotImplementedError("the stand-in models equality on scalars only")
    if expected is None:
        return actual is MISSING or actual is None
    return actual is not MISSING and bson_equal(actual, expected)


def _holds(actual: Any, operator: str, operand: Any) -> bool:
    if operator == "$eq":
        return _equal(actual, operand)
    if operator == "$in":
        if not isinstance(operand, list):
            raise bad_value("$in needs an array")
        return any(_equal(actual, candidate) for candidate in operand)
    if operator not in ("$gt", "$gte", "$lt", "$lte"):
        raise NotImplementedError(f"the stand-in does not model {operator}")
    if operand is None or isinstance(operand, dict | list):
        raise NotImplementedError(f"the stand-in models {operator} on non-null scalars only")
    # Type bracketing: a comparison only matches values of the operand's own type class.
    if actual is MISSING or actual is None or isinstance(actual, dict):
        return False
    (kind, value), (bound_kind, bound) = sort_rank(actual), sort_rank(operand)
    if kind != bound_kind:
        return False
    if operator == "$gt":
        return bool(value > bound)
    if operator == "$gte":
        return bool(value >= bound)
    if operator == "$lt":
        return bool(value < bound)
    return bool(value <= bound)


def bad_value(message: str) -> OperationFailure:
    return OperationFailure(message, 2, {"ok": 0.0, "code": 2, "codeName": "BadValue"})


def project(document: Mapping[str, Any], projection: Mapping[str, Any]) -> dict[str, Any]:
    """An inclusion projection, as the server applies it.

    The fields keep the document's order; ``_id`` comes unless excluded; an embedded document
    on a projected path is kept even when it lacks the rest of the path (then empty), a scalar
    is left out. Exclusion projections and paths through arrays are not modelled.
    """
    spec = dict(projection)
    with_id = spec.pop("_id", True)
    if not all(value in (1, True) for value in spec.values()) or with_id not in (0, 1, False, True):
        raise NotImplementedError("the stand-in models inclusion projections only")
    if not spec and not with_id:
        raise NotImplementedError("the stand-in models inclusion projections only")
    tree: dict[str, Any] = {}
    for path in sorted(spec, key=len):
        node = tree
        parts = path.split(".")
        for depth, part in enumerate(parts):
            if node.get(part) is True:
                raise path_collision(path, ".".join(parts[depth + 1 :]))
            if depth == len(parts) - 1:
                if part in node:
                    raise path_collision(path, "")
                node[part] = True
            else:
                node = node.setdefault(part, {})
    out = _cut(document, tree)
    if with_id and "_id" in document:
        out = {"_id": document["_id"], **out}
    return out


def _cut(value: Mapping[str, Any], tree: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for name, item in value.items():
        below = tree.get(name)
        if below is None:
            continue
        if below is True:
            out[name] = item
        elif isinstance(item, list):
            raise NotImplementedError("the stand-in does not project into arrays")
        elif isinstance(item, dict):
            out[name] = _cut(item, below)
    return out


def path_collision(path: str, remaining: str) -> OperationFailure:
    message = f"Path collision at {path}" + (f" remaining portion {remaining}" if remaining else "")
    return OperationFailure(message, 31249, {"ok": 0.0, "code": 31249, "codeName": "Location31249"})


def sort_rank(value: Any) -> tuple[int, Any]:
    """MongoDB's cross-type sort order, for the types the stand-in holds."""
    if value is MISSING or value is None:
        return (1, 0)
    if isinstance(value, bool):
        return (8, value)
    if isinstance(value, int | float):
        return (2, value)
    if isinstance(value, str):
        return (3, value)  # code point order, which is the order of UTF-8 bytes
    if isinstance(value, bson.ObjectId):
        return (7, value.binary)
    raise NotImplementedError(f"the stand-in cannot sort {type(value).__name__} values")


def index_value(value: Any) -> Any:
    """A hashable key equal where MongoDB's index keys are equal (1 == 1.0, true != 1)."""
    if value is MISSING or value is None:
        return ("null",)
    if isinstance(value, bool):
        return ("bool", value)
    if isinstance(value, int | float):
        return ("number", value)
    if isinstance(value, dict):
        return ("object", tuple((k, index_value(v)) for k, v in value.items()))
    if isinstance(value, list):
        raise NotImplementedError("the stand-in does not model multikey (array) indexes")
    return (type(value).__name__, value)


@dataclass(frozen=True)
class IndexSpec:
    name: str
    keys: tuple[tuple[str, int], ...]
    unique: bool

    def key_of(self, document: Mapping[str, Any]) -> tuple[Any, ...]:
        return tuple(index_value(resolve(document, path)) for path, _ in self.keys)

    def values_of(self, document: Mapping[str, Any]) -> dict[str, Any]:
        """The key as the server reports it in a duplicate key error: missing shows as null."""
        values = {path: resolve(document, path) for path, _ in self.keys}
        return {path: None if value is MISSING else value for path, value in values.items()}


ID_INDEX = IndexSpec("_id_", (("_id", 1),), True)
"""The index every collection has."""


@dataclass(frozen=True)
class QueryShape:
    """What the planner looks at in a find: its equality, range and sort fields.

    Equality fields are those compared with a value, ``$eq`` or ``$in``; range fields those
    bounded by ``$gt``/``$gte``/``$lt``/``$lte``; both only at the top level or under ``$and``
    (an ``$or`` is left as a filter on what the index yields).
    """

    namespace: Namespace
    equality: frozenset[str]
    ranges: frozenset[str]
    sort: tuple[tuple[str, int], ...]

    @classmethod
    def of(
        cls, ns: Namespace, filter: Mapping[str, Any], sort: Sequence[tuple[str, int]]
    ) -> "QueryShape":
        equality: set[str] = set()
        ranges: set[str] = set()
        pending = [filter]
        while pending:
            clause = pending.pop()
            for path, expected in clause.items():
                if path == "$and":
                    pending.extend(expected)
                elif path.startswith("$"):
                    continue
                elif isinstance(expected, dict) and any(op in expected for op in ("$eq", "$in")):
                    equality.add(path)
                elif isinstance(expected, dict):
                    ranges.add(path)
                else:
                    equality.add(path)
        return cls(ns, frozenset(equality), frozenset(ranges - equality), tuple(sort))

    def served_by(self, index: IndexSpec) -> bool:
        """Does the index hold, as a prefix of its keys, the equality fields (any order), then
        the sort fields (in order, all in its directions or all reversed), then the remaining
        range fields? Then it serves the filter and the order, with no sort in memory."""
        keys = list(index.keys)
        size = len(self.equality)
        if {path for path, _ in keys[:size]} != self.equality:
            return False
        sort = [(path, way) for path, way in self.sort if path not in self.equality]
        following = keys[size : size + len(sort)]
        if [path for path, _ in following] != [path for path, _ in sort]:
            return False
        if len({way * key_way for (_, way), (_, key_way) in zip(sort, following, strict=True)}) > 1:
            return False
        ranges = self.ranges - {path for path, _ in sort}
        after = keys[size + len(sort) : size + len(sort) + len(ranges)]
        return {path for path, _ in after} == ranges


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
