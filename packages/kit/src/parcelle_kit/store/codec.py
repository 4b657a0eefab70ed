"""Frozen dataclasses to and from the JSON-compatible documents a store keeps.

A dataclass is stored as its fields by name, recursively: ``Decimal`` as a plain decimal string
(``"1701.00"``, never ``"1.701E+3"``), dates as ``YYYY-MM-DD``, times as fixed-width ISO strings
in UTC (``2026-03-02T09:30:00.000000+00:00``: they sort as text), tuples as lists. Reading one
back checks every type and every closed value (``Literal``), refuses unknown and missing fields
and naive times, so a document this code did not write is found at once rather than half-read.

Supported field types: ``str``, ``bool``, ``int``, ``Decimal``, ``date``, ``datetime``,
``Literal[...]``, ``X | None``, ``tuple[X, ...]`` and nested dataclasses.
"""

import types
from collections.abc import Mapping
from dataclasses import MISSING, Field, fields, is_dataclass
from datetime import UTC, date, datetime
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any, Literal, TypeVar, Union, get_args, get_origin, get_type_hints

T = TypeVar("T")


def encode(value: object) -> Any:
    """A dataclass (or any value inside one) as JSON-compatible data."""
    if value is None or isinstance(value, str | bool | int):
        return value
    if isinstance(value, Decimal):
        return format(value, "f")  # plain notation, never "1E+2"
    if isinstance(value, datetime):
        if value.utcoffset() is None:
            raise ValueError("naive datetime in a stored document")
        return value.astimezone(UTC).isoformat(timespec="microseconds")
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, tuple | list):
        return [encode(item) for item in value]
    if is_dataclass(value) and not isinstance(value, type):
        return {field.name: encode(getattr(value, field.name)) for field in fields(value)}
    raise TypeError(f"cannot store a {type(value).__name__}")


def decode(cls: type[T], data: object, path: str = "") -> T:
    """The dataclass ``cls`` from what :func:`encode` wrote; ``ValueError`` otherwise."""
    path = path or cls.__name__
    if not isinstance(data, Mapping):
        raise ValueError(f"{path}: an object was expected")
    hints, known = _schema(cls)  # type: ignore[arg-type]  # classes are hashable
    unknown = set(data) - set(known)
    if unknown:
        raise ValueError(f"{path}: unknown fields {sorted(unknown)}")
    arguments: dict[str, Any] = {}
    for name, field in known.items():
        if name in data:
            arguments[name] = _value(hints[name], data[name], f"{path}.{name}")
        elif field.default is MISSING and field.default_factory is MISSING:
            raise ValueError(f"{path}: missing field {name!r}")
    return cls(**arguments)


@cache
def _schema(cls: type) -> tuple[dict[str, Any], dict[str, Field[Any]]]:
    """A dataclass's field types and fields, worked out once per class (every read uses them)."""
    return get_type_hints(cls), {field.name: field for field in fields(cls)}


def _value(kind: Any, value: object, path: str) -> Any:
    origin = get_origin(kind)
    if origin is Union or origin is types.UnionType:
        alternatives = [a for a in get_args(kind) if a is not type(None)]
        if value is None and len(alternatives) < len(get_args(kind)):
            return None
        if len(alternatives) != 1:
            raise TypeError(f"{path}: only optional unions are stored")
        return _value(alternatives[0], value, path)
    if origin is Literal:
        if value not in get_args(kind) or not isinstance(value, str | bool | int):
            raise ValueError(f"{path}: {value!r} is not one of {get_args(kind)}")
        return value
    if origin is tuple:
        item, ellipsis = get_args(kind)
        if ellipsis is not Ellipsis or not isinstance(value, list):
            raise ValueError(f"{path}: a list was expected")
        return tuple(_value(item, v, f"{path}.{i}") for i, v in enumerate(value))
    if kind is Decimal:
        return _decimal(value, path)
    if kind is datetime:
        return _instant(value, path)
    if kind is date:
        if not isinstance(value, str):
            raise ValueError(f"{path}: a date string was expected")
        return date.fromisoformat(value)
    if kind in (str, bool, int):
        # type(), not isinstance(): True is an int, and must not pass for a number.
        if type(value) is not kind:
            raise ValueError(f"{path}: {kind.__name__} expected, found {value!r}")
        return value
    if isinstance(kind, type) and is_dataclass(kind):
        return decode(kind, value, path)
    raise TypeError(f"{path}: cannot read a {kind!r}")


def _decimal(value: object, path: str) -> Decimal:
    if not isinstance(value, str):
        raise ValueError(f"{path}: a decimal string was expected")
    try:
        number = Decimal(value)
    except InvalidOperation:
        raise ValueError(f"{path}: {value!r} is not a decimal") from None
    if not number.is_finite():
        raise ValueError(f"{path}: {value!r} is not a finite amount")
    return number


def _instant(value: object, path: str) -> datetime:
    if not isinstance(value, str):
        raise ValueError(f"{path}: an ISO time string was expected")
    instant = datetime.fromisoformat(value)
    if instant.utcoffset() is None:
        raise ValueError(f"{path}: a time without its offset")
    return instant.astimezone(UTC)
