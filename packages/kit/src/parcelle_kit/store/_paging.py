"""What both adapters share to serve :meth:`Transaction.page`: checks, cursors and projection.

A query is checked into a :class:`PageQuery` before either adapter touches its database, so
both refuse the same inputs and fingerprint a query the same way. The cursor is URL-safe base64
(no padding) of the compact JSON ``[1, fingerprint, [sort values..., _id]]``: the fingerprint
(a hash of the collection, filters, order and direction, not of ``limit`` or ``fields``) is
what makes a cursor from another query or collection fail loudly instead of paging something
else; the values are the last document's, where the next page starts.
"""

import base64
import binascii
import hashlib
import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from parcelle_kit.store import _common as check
from parcelle_kit.store.ports import (
    MAX_PAGE,
    Document,
    InvalidCursorError,
    Page,
    Scalar,
    StoreError,
)

Bound = str | int | float
Key = str | int | float | bool
_CURSOR_VERSION = 1
_MAX_CURSOR = 4096
_LAST_CHAR = 0x10FFFF
_SURROGATES = (0xD800, 0xDFFF)


@dataclass(frozen=True)
class PageQuery:
    """A checked page query; ``after`` holds the decoded cursor (sort values, then ``_id``)."""

    collection: str
    where: dict[str, Scalar]
    prefix: dict[str, str]
    between: dict[str, tuple[Bound | None, Bound | None]]
    any_of: dict[str, tuple[Key, ...]]
    order: tuple[str, ...]
    descending: bool
    limit: int
    after: tuple[Key, ...] | None
    fields: tuple[str, ...] | None

    @property
    def keys(self) -> tuple[str, ...]:
        """The sort fields with the ``_id`` tie-breaker."""
        return (*self.order, "_id")

    @property
    def empty(self) -> bool:
        """True when a filter can match nothing (an empty ``any_of`` list)."""
        return any(not values for values in self.any_of.values())

    def finish(self, found: list[Document]) -> Page:
        """The page from the first ``limit + 1`` matching documents, in order.

        ``found`` may hold more fields than asked for (whole documents, or a projection widened
        by the sort fields): the sort values are read from it, then it is cut to ``fields``.
        """
        shown = found[: self.limit]
        values = [sort_values(document, self.keys) for document in shown]
        following = None
        if len(found) > self.limit:
            following = _encode(self.fingerprint(), values[-1])
        if self.fields is not None:
            shown = [project(document, self.fields) for document in shown]
        return Page(documents=shown, next=following)

    def fingerprint(self) -> str:
        shape = [
            self.collection,
            sorted(self.where.items()),
            sorted(self.prefix.items()),
            sorted([field, list(bounds)] for field, bounds in self.between.items()),
            sorted([field, list(values)] for field, values in self.any_of.items()),
            list(self.order),
            self.descending,
        ]
        text = json.dumps(shape, separators=(",", ":"), ensure_ascii=True)
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def page_query(
    collection: str,
    *,
    where: Mapping[str, Scalar] | None,
    prefix: Mapping[str, str] | None,
    between: Mapping[str, tuple[Scalar, Scalar]] | None,
    any_of: Mapping[str, Sequence[Scalar]] | None,
    order: Sequence[str],
    descending: bool,
    limit: int,
    after: str | None,
    fields: Sequence[str] | None,
) -> PageQuery:
    """The query checked (``ValueError``/``TypeError`` as :meth:`find` raises them)."""
    query = PageQuery(
        collection=check.collection_name(collection),
        where=check.where_clause(where),
        prefix=_prefixes(prefix),
        between=_ranges(between),
        any_of=_choices(any_of),
        order=_order(order),
        descending=_flag(descending),
        limit=_limit(limit),
        after=None,
        fields=_fields(fields),
    )
    if after is None:
        return query
    keys = _decode(after, query.fingerprint(), len(query.keys))
    return PageQuery(**{**query.__dict__, "after": keys})


def prefix_bounds(prefix: str) -> tuple[str, str | None]:
    """``(low, high)`` with ``low <= text < high`` exactly when text starts with ``prefix``.

    ``high`` is the prefix with its last character incremented (None when there is no such
    string: every text starts with the empty prefix), so an index range serves the filter.
    """
    stem = prefix.rstrip(chr(_LAST_CHAR))
    if not stem:
        return prefix, None
    last = ord(stem[-1]) + 1
    if _SURROGATES[0] <= last <= _SURROGATES[1]:
        last = _SURROGATES[1] + 1  # lone surrogates are not text; the next character is
    return prefix, stem[:-1] + chr(last)


def sort_values(document: Mapping[str, Any], keys: Sequence[str]) -> list[Key]:
    """The document's values of the sort keys; a document without one cannot be paged."""
    values: list[Key] = []
    for key in keys:
        value = _resolve(document, key)
        if value is None or not isinstance(value, str | int | float):
            raise StoreError(
                f"cannot page by {key!r}: document {document.get('_id')!r} holds {value!r}; "
                "sort fields must hold a non-null scalar in every document queried"
            )
        values.append(int(value) if type(value) not in (str, int, float, bool) else value)
    return values


def project(document: Mapping[str, Any], fields: Sequence[str]) -> Document:
    """The document cut to ``fields`` and ``_id``, as MongoDB's inclusion projection does.

    An embedded document on a projected path is kept (possibly empty); a scalar where a path
    goes on is left out.
    """
    tree: dict[str, Any] = {}
    for path in fields:
        node = tree
        parts = path.split(".")
        for part in parts[:-1]:
            node = node.setdefault(part, {})
        node[parts[-1]] = True
    result: Document = {"_id": document["_id"]} if "_id" in document else {}
    result.update(_cut(document, tree))
    return result


def widen(fields: tuple[str, ...], extra: Sequence[str]) -> list[str]:
    """The fewest paths that cover ``fields`` and ``extra`` without one holding another.

    MongoDB refuses a projection where one path is inside another (a path collision).
    """
    paths = sorted(set(fields) | set(extra))
    kept: list[str] = []
    for path in paths:
        if not any(path == other or path.startswith(other + ".") for other in kept):
            kept.append(path)
    return kept


def _cut(value: Any, tree: Mapping[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if not isinstance(value, dict):
        return out
    for name, item in value.items():  # the document's order, as MongoDB keeps it
        below = tree.get(name)
        if below is None:
            continue
        if below is True:
            out[name] = item
        elif isinstance(item, dict):
            out[name] = _cut(item, below)
        elif isinstance(item, list):
            # As MongoDB does: the embedded documents of a list, each cut the same way.
            out[name] = [_cut(element, below) for element in item if isinstance(element, dict)]
    return out


def _resolve(document: Mapping[str, Any], path: str) -> Any:
    current: Any = document
    for part in path.split("."):
        if not isinstance(current, dict) or part not in current:
            return None
        current = current[part]
    return current


def _encode(fingerprint: str, values: list[Key]) -> str:
    text = json.dumps(
        [_CURSOR_VERSION, fingerprint, values], separators=(",", ":"), ensure_ascii=False
    )
    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _decode(cursor: str, fingerprint: str, size: int) -> tuple[Key, ...]:
    if not isinstance(cursor, str) or not cursor or len(cursor) > _MAX_CURSOR:
        raise InvalidCursorError("the page cursor is not one this list gave out")
    try:
        raw = base64.urlsafe_b64decode(cursor + "=" * (-len(cursor) % 4))
        version, mark, values = json.loads(raw.decode("utf-8"))
    except (binascii.Error, ValueError, TypeError):
        raise InvalidCursorError("the page cursor is garbled") from None
    if version != _CURSOR_VERSION or mark != fingerprint:
        raise InvalidCursorError("the page cursor belongs to another list or query")
    if not isinstance(values, list) or len(values) != size or not isinstance(values[-1], str):
        raise InvalidCursorError("the page cursor is garbled")
    for value in values:
        if value is None or not isinstance(value, str | int | float):
            raise InvalidCursorError("the page cursor is garbled")
        try:
            check.where_clause({"v": value})
        except (TypeError, ValueError):
            raise InvalidCursorError("the page cursor is garbled") from None
    return tuple(values)


def _prefixes(prefix: Mapping[str, str] | None) -> dict[str, str]:
    checked: dict[str, str] = {}
    for field, text in (prefix or {}).items():
        check.field_path(field)
        if not isinstance(text, str):
            raise TypeError(f"a prefix is text: {field!r}")
        check.where_clause({field: text})
        checked[field] = text
    return checked


def _ranges(
    between: Mapping[str, tuple[Scalar, Scalar]] | None,
) -> dict[str, tuple[Bound | None, Bound | None]]:
    checked: dict[str, tuple[Bound | None, Bound | None]] = {}
    for field, bounds in (between or {}).items():
        check.field_path(field)
        if not isinstance(bounds, tuple) or len(bounds) != 2:
            raise TypeError(f"a range is a (low, high) pair: {field!r}")
        low, high = bounds
        kinds = set()
        for bound in (low, high):
            if bound is None:
                continue
            if isinstance(bound, bool) or not isinstance(bound, str | int | float):
                raise TypeError(f"range bounds are text or numbers: {field!r}")
            check.where_clause({field: bound})
            kinds.add(str if isinstance(bound, str) else float)
        if len(kinds) > 1:
            raise TypeError(f"both bounds of a range are of one type: {field!r}")
        if kinds:
            checked[field] = (low, high)
    return checked


def _choices(any_of: Mapping[str, Sequence[Scalar]] | None) -> dict[str, tuple[Key, ...]]:
    checked: dict[str, tuple[Key, ...]] = {}
    for field, values in (any_of or {}).items():
        check.field_path(field)
        if isinstance(values, str | bytes) or not isinstance(values, Sequence):
            raise TypeError(f"any_of takes a list of values: {field!r}")
        for value in values:
            if value is None:
                raise TypeError(f"any_of values may not be None: {field!r}")
            check.where_clause({field: value})
        checked[field] = tuple(value for value in values if value is not None)
    return checked


def _order(order: Sequence[str]) -> tuple[str, ...]:
    if isinstance(order, str) or not isinstance(order, Sequence):
        raise TypeError("order is a list of field paths")
    fields = tuple(check.field_path(field) for field in order)
    if len(set(fields)) != len(fields):
        raise ValueError(f"a sort field is repeated: {list(fields)!r}")
    if "_id" in fields:
        raise ValueError("_id is always the last sort key; leave it out of order")
    return fields


def _flag(descending: bool) -> bool:
    if not isinstance(descending, bool):
        raise TypeError("descending is True or False")
    return descending


def _limit(limit: int) -> int:
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_PAGE:
        raise ValueError(f"limit must be an integer from 1 to {MAX_PAGE}: {limit!r}")
    return limit


def _fields(fields: Sequence[str] | None) -> tuple[str, ...] | None:
    if fields is None:
        return None
    if isinstance(fields, str) or not isinstance(fields, Sequence):
        raise TypeError("fields is a list of field paths")
    paths = tuple(check.field_path(field) for field in fields)
    for path in paths:
        for other in paths:
            if path != other and other.startswith(path + "."):
                raise ValueError(f"projected fields overlap: {path!r} holds {other!r}")
    return paths
