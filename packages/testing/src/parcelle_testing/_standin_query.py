"""How the MongoDB stand-in reads documents: matching, sorting, projecting, index keys.

These are the server's query semantics for the subset the stand-in models (see
``mongo_standin``), kept apart from the engine's storage and transactions; and, in place of the
query planner, :class:`QueryShape`, which says whether a declared index serves a find.
"""

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import bson
from pymongo.errors import OperationFailure

Namespace = tuple[str, str]
MISSING: Any = object()


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
