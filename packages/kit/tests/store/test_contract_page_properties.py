"""Paged lists checked on generated data: all the pages, in order, are a plain sorted filter.

Each example works in a fresh collection of the (function-scoped) store, so examples cannot
see each other; that is why the function-scoped-fixture health check is silenced.
"""

import secrets
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parcelle_kit.store.ports import Document, DocumentStore

from .helpers import pages, put

SETTINGS = settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture],
)

TEXT = st.text(alphabet="abAB\u00e9\U0001f600", max_size=3)
# Few distinct values, so sort keys tie often and filters both hit and miss. 1 and 1.0 tie.
NUMBERS = st.sampled_from([0, 1, 1.0, 2, 2.5, -3])
TIMES = st.sampled_from(["2026-01-01", "2026-01-01T10:00:00+00:00", "2026-02-15", "2025-12-31"])
# The field only filtered on holds any type, or is missing, to cross the type boundaries.
LOOSE = st.none() | st.booleans() | NUMBERS | TEXT | st.just("<missing>")

CASE = st.fixed_dictionaries(
    {"g": st.sampled_from("abc"), "k": NUMBERS, "s": TEXT, "t": TIMES, "n": LOOSE}
)
GROUPS = st.lists(st.sampled_from("abcd"), max_size=3)


@st.composite
def queries(draw: st.DrawFn) -> dict[str, Any]:
    order = draw(st.permutations(["k", "s", "t"]))
    query: dict[str, Any] = {
        "order": order[: draw(st.integers(0, 3))],
        "descending": draw(st.booleans()),
        "limit": draw(st.integers(1, 5)),
    }
    if draw(st.booleans()):
        query["where"] = {"g": draw(st.sampled_from("abc"))}
    if draw(st.booleans()):
        query["prefix"] = {"s": draw(st.text(alphabet="abA\u00e9", max_size=2))}
    if draw(st.booleans()):
        numbers = NUMBERS | st.none()
        query["between"] = {"n": (draw(numbers), draw(numbers))}
    elif draw(st.booleans()):
        times = TIMES | st.none()
        query["between"] = {"t": (draw(times), draw(times))}
    if draw(st.booleans()):
        query["any_of"] = {"g": draw(GROUPS)}
    return query


def number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def model(documents: list[Document], query: dict[str, Any]) -> list[str]:
    """The list as plain Python would make it."""

    def kept(document: Document) -> bool:
        for field, value in query.get("where", {}).items():
            if document[field] != value:
                return False
        for field, text in query.get("prefix", {}).items():
            if not document[field].startswith(text):
                return False
        for field, (low, high) in query.get("between", {}).items():
            value = document.get(field)
            bound = low if low is not None else high
            if bound is None:
                continue
            same_type = number(value) if number(bound) else isinstance(value, str)
            if not same_type:
                return False
            if (low is not None and value < low) or (high is not None and value > high):
                return False
        return all(document[f] in values for f, values in query.get("any_of", {}).items())

    found = [d for d in documents if kept(d)]
    found.sort(
        key=lambda d: (*(d[f] for f in query["order"]), d["_id"]), reverse=query["descending"]
    )
    return [d["_id"] for d in found]


@SETTINGS
@given(cases=st.lists(CASE, max_size=18), query=queries(), ids=st.randoms())
async def test_all_pages_in_order_are_the_sorted_filter(
    store: DocumentStore, cases: list[dict[str, Any]], query: dict[str, Any], ids: Any
) -> None:
    collection = f"pagine_{secrets.token_hex(4)}"
    numbers = list(range(len(cases)))
    ids.shuffle(numbers)  # _id order unrelated to insertion order
    documents = [
        {"_id": f"d{number:02d}", **{k: v for k, v in case.items() if v != "<missing>"}}
        for number, case in zip(numbers, cases, strict=True)
    ]
    if documents:
        await put(store, collection, *documents)

    found = await pages(store, collection, **query, fields=["g"])

    assert [d["_id"] for page in found for d in page] == model(documents, query)
    assert all(set(d) == {"_id", "g"} for page in found for d in page)
