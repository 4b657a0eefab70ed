"""The MongoDB adapter's lists: one find each, served by a declared index.

The stand-in records the shape of every find (equality, range and sort fields) and says which
declared index serves it, as the server's planner would pick an index whose keys start with the
equality fields, then the sort fields, then the ranges. The real server's plans are checked with
``explain`` in the container workflow.
"""

from typing import Any

import pytest

from parcelle_kit.store.mongo import MongoStore
from parcelle_kit.store.ports import Index
from parcelle_testing.mongo_standin import StandinClient

from .helpers import page, put

LIST_INDEX = Index("istanze", ("ordine", "avvocato.username", "aggiornata_il", "_id"))
LIST: dict[str, Any] = {
    "where": {"ordine": "MI", "avvocato.username": "avv1"},
    "order": ["aggiornata_il"],
    "descending": True,
    "limit": 5,
}


@pytest.fixture
async def listed() -> tuple[StandinClient, MongoStore]:
    client = StandinClient()
    store = MongoStore(client=client, database="parcelle_test")
    await store.open(
        [
            LIST_INDEX,
            Index("istanze", ("stato", "codice", "_id")),
            Index("istanze", ("ordine", "codice", "_id"), name="istanze_codice"),
        ]
    )
    cases = [
        {
            "_id": f"i{n:03d}",
            "ordine": "MI",
            "avvocato": {"username": f"avv{n % 2}"},
            "aggiornata_il": f"2026-03-{n % 28 + 1:02d}T10:00:00.000000+00:00",
            "codice": f"mi-2026-{n:04d}",
            "stato": "depositata",
        }
        for n in range(30)
    ]
    await put(store, "istanze", *cases)
    return client, store


async def index_used(client: StandinClient, store: MongoStore, **query: Any) -> str | None:
    before = len(client.queries)
    await page(store, "istanze", **query)
    assert len(client.queries) == before + 1  # one find per page
    return client.index_for(client.queries[-1])


@pytest.mark.parametrize(
    "extra",
    [
        {},
        {"fields": ["codice"]},
        {"between": {"aggiornata_il": ("2026-03-01", None)}},
        {"descending": False},
    ],
)
async def test_a_lawyers_list_has_its_index(
    listed: tuple[StandinClient, MongoStore], extra: dict[str, Any]
) -> None:
    client, store = listed
    query = {**LIST, **extra}
    first = await page(store, "istanze", **query)

    assert await index_used(client, store, **query) == LIST_INDEX.index_name()
    assert await index_used(client, store, **query, after=first.next) == LIST_INDEX.index_name()


async def test_a_list_by_state_has_its_index_and_one_by_date_has_none(
    listed: tuple[StandinClient, MongoStore],
) -> None:
    client, store = listed

    by_state = {"any_of": {"stato": ["depositata"]}, "order": ["codice"], "limit": 5}
    assert await index_used(client, store, **by_state) == "istanze_stato_codice__id"
    assert await index_used(client, store, order=[], limit=5) == "_id_"
    # A search by code prefix, in code order: the range is on the sort field.
    by_code = {"where": {"ordine": "MI"}, "prefix": {"codice": "mi-2026-001"}, "limit": 5}
    assert await index_used(client, store, **by_code, order=["codice"]) == "istanze_codice"
    # In date order the code range needs an index of its own after the date: none here.
    assert await index_used(client, store, **LIST, prefix={"codice": "mi-2026-001"}) is None
    # The control: no index starts with aggiornata_il, so the server would sort in memory.
    assert await index_used(client, store, order=["aggiornata_il"], limit=5) is None
    # Nor with ordine then the date: the lawyer's field sits between them.
    where = {"ordine": "MI"}
    assert await index_used(client, store, where=where, order=["aggiornata_il"], limit=5) is None


async def test_the_find_asks_only_for_the_fields_the_list_shows(
    listed: tuple[StandinClient, MongoStore],
) -> None:
    _, store = listed

    found = await page(store, "istanze", **LIST, fields=["codice"])

    assert [set(d) for d in found.documents] == [{"_id", "codice"}] * 5
