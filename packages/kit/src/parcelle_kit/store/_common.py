"""Input checks and retry timing shared by the document store adapters.

Both adapters refuse exactly the same inputs, so a service that works on the embedded SQLite
store does not break on MongoDB (or the other way round). Names and paths are checked strictly
because the SQLite adapter splices them into SQL text, and because MongoDB would read a ``$`` in
a field name or a dict in a filter value as an operator (query injection).
"""

import random
import re
from collections.abc import Mapping, Sequence
from typing import Any

from parcelle_kit.store.ports import Direction, Index, Scalar, StoreError, TransientStoreError

_COLLECTION = re.compile(r"[A-Za-z_][A-Za-z0-9_]{0,62}")
COUNTERS = "_counters"
"""Where the MongoDB adapter keeps counters; no adapter lets a service use the name."""
_FIELD_PATH = re.compile(r"[A-Za-z_][A-Za-z0-9_]*(?:\.[A-Za-z_][A-Za-z0-9_]*)*")
_INDEX_NAME = re.compile(r"[A-Za-z0-9_][A-Za-z0-9_.]{0,119}")
_INT64_MIN, _INT64_MAX = -(2**63), 2**63 - 1


def collection_name(name: str) -> str:
    """The name, if it is letters, digits and underscores, not starting with a digit."""
    if not isinstance(name, str) or not _COLLECTION.fullmatch(name) or name == COUNTERS:
        raise ValueError(f"invalid collection name: {name!r}")
    return name


def field_path(path: str) -> str:
    """The path, if it is dot-separated identifiers (no array positions, no operators)."""
    if not isinstance(path, str) or not _FIELD_PATH.fullmatch(path):
        raise ValueError(f"invalid field path: {path!r}")
    return path


def index_name(index: Index) -> str:
    collection_name(index.collection)
    if not index.fields:
        raise ValueError(f"index on {index.collection!r} has no fields")
    for field in index.fields:
        field_path(field)
    name = index.index_name()
    if not _INDEX_NAME.fullmatch(name):
        raise ValueError(f"invalid index name: {name!r}")
    return name


def document_id(document: Mapping[str, Any]) -> str:
    """The document's string ``_id``, after checking the whole document is plain JSON."""
    if not isinstance(document, dict):
        raise TypeError("a document is a dict")
    _check_value(document)
    identifier = document.get("_id")
    if not isinstance(identifier, str):
        raise ValueError("a document needs a string _id")
    return identifier


def expected_version(document: Mapping[str, Any]) -> int:
    version = document.get("_v")
    if not isinstance(version, int) or isinstance(version, bool):
        raise ValueError("an updated document needs the integer _v it was read with")
    return version


def where_clause(where: Mapping[str, Scalar] | None) -> dict[str, Scalar]:
    checked: dict[str, Scalar] = {}
    for field, value in (where or {}).items():
        field_path(field)
        if value is not None and not isinstance(value, str | int | float):
            raise TypeError(f"filter values must be str, int, float, bool or None: {field!r}")
        _check_scalar(value)
        checked[field] = value
    return checked


def sort_keys(sort: Sequence[tuple[str, Direction]]) -> list[tuple[str, Direction]]:
    for field, direction in sort:
        field_path(field)
        if direction not in (1, -1) or isinstance(direction, bool):
            raise ValueError(f"sort direction must be 1 or -1: {direction!r}")
    return list(sort)


def limit_value(limit: int | None) -> int | None:
    if limit is not None and (isinstance(limit, bool) or not isinstance(limit, int) or limit < 0):
        raise ValueError(f"limit must be a non-negative integer: {limit!r}")
    return limit


def counter_name(name: str) -> str:
    if not isinstance(name, str) or not name:
        raise ValueError("a counter needs a non-empty name")
    _check_text(name)
    return name


def backoff(attempt: int) -> float:
    """Seconds to wait before re-running a unit of work for the ``attempt``-th time."""
    # Full jitter, so that units of work which collided do not collide again in lock-step.
    return random.uniform(0, min(0.25, 0.005 * 2**attempt))


def carried_on(failure: StoreError) -> StoreError:
    """The error for a unit of work that caught a failed operation and returned normally.

    MongoDB aborts the transaction on any failed write, so carrying on cannot work there; the
    SQLite adapter refuses it too, so code written against one adapter runs on the other.
    """
    message = f"the unit of work carried on after a failed operation: {failure}"
    if isinstance(failure, TransientStoreError):
        return TransientStoreError(message)
    return StoreError(message)


def _check_text(text: str) -> None:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        raise ValueError("string is not valid Unicode (lone surrogate)") from None


def _check_scalar(value: object) -> None:
    if value is None or isinstance(value, bool):
        return
    if isinstance(value, str):
        _check_text(value)
    elif isinstance(value, int):
        if not _INT64_MIN <= value <= _INT64_MAX:
            raise ValueError(f"integer outside the 64-bit range: {value}")
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")):
            raise ValueError(f"non-finite float: {value}")
    else:
        raise TypeError(f"not a JSON value: {type(value).__name__}")


def _check_value(value: object) -> None:
    if isinstance(value, dict):
        for key, item in value.items():
            if not isinstance(key, str):
                raise TypeError(f"field names must be strings: {key!r}")
            if key.startswith("$") or "." in key or "\0" in key:
                raise ValueError(f"field names may not start with '$' or hold '.' or NUL: {key!r}")
            _check_text(key)
            _check_value(item)
    elif isinstance(value, list):
        for item in value:
            _check_value(item)
    else:
        _check_scalar(value)
