"""The SQLite adapter serves lists from the declared expression indexes, never by sorting rows.

A list that sorted in a temporary B-tree would read every case of the lawyer on every page; with
the index it reads only the page. The plans are SQLite's own (EXPLAIN QUERY PLAN) for the very
statements the adapter runs.
"""

import sqlite3
from contextlib import closing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from parcelle_kit.store._paging import page_query
from parcelle_kit.store._sqlite_sql import page_sql
from parcelle_kit.store.ports import Index
from parcelle_kit.store.sqlite import SqliteStore

from .helpers import page, put

LIST_INDEX = Index("istanze", ("ordine", "avvocato.username", "aggiornata_il", "_id"))


LIST: dict[str, Any] = {
    "where": {"ordine": "MI", "avvocato.username": "avv1"},
    "order": ["aggiornata_il"],
    "descending": True,
}
USES_INDEX = f"SEARCH doc_istanze USING INDEX ix_{LIST_INDEX.index_name()} "


@dataclass
class Listed:
    """A store file holding cases of two lawyers, and a cursor deep in one's list."""

    file: Path
    cursor: str


@pytest.fixture
async def listed(tmp_path: Path) -> Listed:
    file = tmp_path / "istanze.sqlite"
    store = SqliteStore(file)
    await store.open([LIST_INDEX, Index("istanze", ("stato",))])
    cases = [
        {
            "_id": f"i{n:04d}",
            "ordine": "MI",
            "avvocato": {"username": f"avv{n % 2}"},
            "aggiornata_il": f"2026-03-{n % 28 + 1:02d}T10:00:00.000000+00:00",
            "codice": f"mi-2026-{n:04d}",
            "stato": "depositata",
        }
        for n in range(200)
    ]
    await put(store, "istanze", *cases)
    cursor = (await page(store, "istanze", **LIST, limit=60)).next
    await store.close()
    assert cursor is not None
    return Listed(file, cursor)


def plan(file: Path, **query: Any) -> list[str]:
    """SQLite's plan for the statement the adapter runs for this page."""
    options: dict[str, Any] = {
        "where": None,
        "prefix": None,
        "between": None,
        "any_of": None,
        "descending": False,
        "limit": 50,
        "after": None,
        "fields": None,
    }
    sql, params = page_sql(page_query("istanze", **{**options, **query}))
    with closing(sqlite3.connect(file)) as conn:
        return [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"fields": ["codice"]},
        {"prefix": {"codice": "mi-2026-00"}},
        {"between": {"aggiornata_il": ("2026-03-01", "2026-03-15")}},
        {"any_of": {"stato": ["depositata", "bozza"]}},
        {"descending": False},
    ],
)
def test_a_lawyers_list_is_read_in_index_order(listed: Listed, extra: dict[str, Any]) -> None:
    steps = plan(listed.file, **{**LIST, **extra})

    assert len(steps) == 1, steps
    assert steps[0].startswith(USES_INDEX + "(<expr>=? AND <expr>=?"), steps


def test_a_page_deep_in_the_list_seeks_to_its_place(listed: Listed) -> None:
    steps = plan(listed.file, **LIST, after=listed.cursor)

    # Equality on ordine and lawyer, then a range on the date from the cursor: a seek, not a
    # walk through the pages before it.
    assert steps == [USES_INDEX + "(<expr>=? AND <expr>=? AND <expr><?)"]


def test_a_list_without_its_index_is_sorted_in_memory(listed: Listed) -> None:
    # The control, so the checks above can fail: no index starts with ordine, then codice.
    steps = plan(listed.file, where={"ordine": "MI"}, order=["codice"])

    assert "USE TEMP B-TREE FOR ORDER BY" in steps, steps
