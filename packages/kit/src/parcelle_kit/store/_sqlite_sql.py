"""The SQL text of the SQLite document store: filters, sorts, indexes and pages on JSON.

Every value the SQL reads from a document is a ``json_extract(doc, '$.path')`` expression, and
an index on a field is built on exactly that expression, so that SQLite's planner matches the
two and reads filters and orders from the index. The type tests that make comparisons behave
as MongoDB's (``json_type``) are separate terms, checked on the rows the index yields.
"""

from collections.abc import Mapping, Sequence
from typing import Any

from parcelle_kit.store import _common as check
from parcelle_kit.store._paging import PageQuery, prefix_bounds
from parcelle_kit.store.ports import Direction, Index, Scalar


# Names and paths are spliced into SQL text: SQLite cannot bind identifiers, and an expression
# index is only used when a query repeats its exact literal path. _common's checks make them inert.
def table_name(collection: str) -> str:
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


def where_sql(where: Mapping[str, Scalar] | None) -> tuple[str, list[Any]]:
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


def order_sql(sort: Sequence[tuple[str, Direction]]) -> str:
    terms: list[str] = []
    for field, direction in check.sort_keys(sort):
        path = _json_path(field)
        word = "ASC" if direction == 1 else "DESC"
        terms += [f"{_type_rank(path)} {word}", f"json_extract(doc, {path}) {word}"]
    # Ties broken by _id so that both adapters return the same order.
    return " ORDER BY " + ", ".join([*terms, "id ASC"])


def _value(field: str) -> str:
    # What an index on the field is built on: a query must repeat it to the letter to use it.
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

    Filters and order use exactly the expressions :func:`index_sql` indexes; type tests are
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
        # within the type: every number sorts below the empty text in SQLite.
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
    sql = f"SELECT doc FROM {table_name(query.collection)}{where} ORDER BY {order} LIMIT ?"
    params.append(query.limit + 1)
    return sql, params


def index_sql(index: Index) -> tuple[str, list[str]]:
    name = check.index_name(index)
    table = table_name(index.collection)
    plain = ", ".join(_value(field) for field in index.fields)
    statements = [f'CREATE INDEX IF NOT EXISTS "ix_{name}" ON {table} ({plain})']
    if index.unique:
        # The unique key expressions cannot serve equality queries, hence the plain twin above.
        keys = ", ".join(_unique_key(f) for f in index.fields)
        statements.append(f'CREATE UNIQUE INDEX IF NOT EXISTS "ux_{name}" ON {table} ({keys})')
    return table, statements
