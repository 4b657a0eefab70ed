"""Every list `istanze` serves is read from one of its declared indexes, in index order and
with each equality a step of the index: SQLite's own plan (EXPLAIN QUERY PLAN) for the very
page queries the repository asks, with each filter the lawyer's list and the staff's lists
accept. A list that sorted in a temporary B-tree, or tested each row, would read every case on
every page."""

import sqlite3
from collections.abc import Mapping
from contextlib import closing
from pathlib import Path
from typing import Any

import pytest

from istanze.adapters.archivio import INDEXES, ISTANZE, Archivio
from istanze.ports import FiltroElenco
from parcelle_kit.store._paging import page_query
from parcelle_kit.store._sqlite_sql import page_sql
from parcelle_kit.store.ports import Page
from parcelle_kit.store.sqlite import SqliteStore


class Registra:
    """A unit of work that remembers the page queries asked of it (and finds nothing)."""

    def __init__(self) -> None:
        self.pagine: list[dict[str, Any]] = []

    async def page(self, collection: str, **query: Any) -> Page:
        assert collection == ISTANZE
        self.pagine.append(query)
        return Page(documents=[], next=None)


def piano(file: Path, query: Mapping[str, Any]) -> list[str]:
    options: dict[str, Any] = {"where": None, "prefix": None, "between": None, "any_of": None}
    options |= {"after": None, "descending": False, "fields": None}
    sql, params = page_sql(page_query(ISTANZE, **{**options, **query}))
    with closing(sqlite3.connect(file)) as conn:
        return [row[3] for row in conn.execute(f"EXPLAIN QUERY PLAN {sql}", params)]


FILTRI = [
    FiltroElenco(),
    FiltroElenco(stato="depositata"),
    FiltroElenco(codice="DEMO-2026"),
    FiltroElenco(cliente="mario"),
    FiltroElenco(stato="provvedimento_emesso", inviata_al_cliente=False),
    FiltroElenco(inviata_al_cliente=True),
]


@pytest.fixture
async def file(tmp_path: Path) -> Path:
    percorso = tmp_path / "istanze.sqlite"
    store = SqliteStore(percorso)
    await store.open(INDEXES)
    await store.close()
    return percorso


@pytest.mark.parametrize("filtro", FILTRI, ids=repr)
async def test_each_list_reads_an_index_in_its_order(file: Path, filtro: FiltroElenco) -> None:
    tx = Registra()
    archivio = Archivio(tx)  # type: ignore[arg-type]  # only page() is asked
    await archivio.elenco_dell_avvocato("DEMO", "avv1", filtro, 25, None)
    if filtro.stato is not None:
        await archivio.elenco_dell_ordine("DEMO", filtro.stato, filtro, 25, None)
    for query in tx.pagine:
        passi = piano(file, query)
        assert len(passi) == 1, passi
        assert passi[0].startswith("SEARCH doc_istanze USING INDEX "), passi
        assert "TEMP B-TREE" not in " ".join(passi), passi
        # Every equality is a step of the index, not a test on each row read.
        assert passi[0].count("<expr>=?") == len(query["where"]), passi
