"""The document store contract, part two: finding, sorting, limiting and counting."""

from typing import Any

import pytest

from parcelle_kit.store.ports import ASCENDING, DESCENDING, Document, DocumentStore, Scalar

from .helpers import ids, put, query

PRATICHE: list[Document] = [
    {"_id": "a", "ordine": "MI", "anno": 2026, "stato": "bozza", "relatore": {"nome": "Bo"}},
    {"_id": "b", "ordine": "MI", "anno": 2025, "stato": "depositata", "relatore": None},
    {"_id": "c", "ordine": "RM", "anno": 2026, "stato": "depositata", "relatore": {"nome": "Al"}},
    {"_id": "d", "ordine": "RM", "anno": 2024, "stato": "bozza", "relatore": {"nome": None}},
    {"_id": "e", "ordine": "MI", "anno": 2026, "stato": "depositata"},
    {"_id": "f", "ordine": "TO", "anno": 2025, "stato": "archiviata", "relatore": "esterno"},
]


@pytest.fixture
async def pratiche(store: DocumentStore) -> DocumentStore:
    await put(store, "pratiche", *(dict(p) for p in PRATICHE))
    return store


@pytest.mark.parametrize(
    ("where", "expected"),
    [
        ({}, ["a", "b", "c", "d", "e", "f"]),
        ({"ordine": "MI"}, ["a", "b", "e"]),
        ({"ordine": "MI", "stato": "depositata"}, ["b", "e"]),
        ({"anno": 2026}, ["a", "c", "e"]),
        ({"anno": 2026.0}, ["a", "c", "e"]),
        ({"anno": "2026"}, []),
        ({"relatore.nome": "Al"}, ["c"]),
        ({"ordine": "NA"}, []),
    ],
)
async def test_find_matches_equality_on_top_level_and_dotted_fields(
    pratiche: DocumentStore, where: dict[str, Scalar], expected: list[str]
) -> None:
    assert await ids(pratiche, "pratiche", where, sort=[("_id", ASCENDING)]) == expected


async def test_none_matches_a_missing_field_or_an_explicit_null(pratiche: DocumentStore) -> None:
    # b: relatore null; e: no relatore; f: relatore is a string, so relatore.nome is missing;
    # d: relatore.nome null.
    assert await ids(pratiche, "pratiche", {"relatore": None}, sort=[("_id", 1)]) == ["b", "e"]
    assert await ids(pratiche, "pratiche", {"relatore.nome": None}, sort=[("_id", 1)]) == [
        "b",
        "d",
        "e",
        "f",
    ]


async def test_booleans_and_numbers_never_match_each_other(store: DocumentStore) -> None:
    await put(
        store,
        "flags",
        {"_id": "true", "v": True},
        {"_id": "one", "v": 1},
        {"_id": "zero", "v": 0},
        {"_id": "false", "v": False},
        {"_id": "text", "v": "1"},
    )

    assert await ids(store, "flags", {"v": True}) == ["true"]
    assert await ids(store, "flags", {"v": 1}) == ["one"]
    assert await ids(store, "flags", {"v": False}) == ["false"]
    assert await ids(store, "flags", {"v": 0}) == ["zero"]
    assert await ids(store, "flags", {"v": "1"}) == ["text"]


async def test_sort_on_several_keys_in_both_directions(pratiche: DocumentStore) -> None:
    by_ordine_then_newest = await ids(
        pratiche, "pratiche", sort=[("ordine", ASCENDING), ("anno", DESCENDING)]
    )
    assert by_ordine_then_newest == ["a", "e", "b", "c", "d", "f"]

    by_newest_then_ordine_desc = await ids(
        pratiche, "pratiche", sort=[("anno", DESCENDING), ("ordine", DESCENDING)]
    )
    assert by_newest_then_ordine_desc == ["c", "a", "e", "f", "b", "d"]


async def test_sort_on_a_dotted_path_puts_missing_and_null_first(pratiche: DocumentStore) -> None:
    ascending = await ids(pratiche, "pratiche", sort=[("relatore.nome", ASCENDING)])
    descending = await ids(pratiche, "pratiche", sort=[("relatore.nome", DESCENDING)])

    # Missing and null sort together and before strings; ties are broken by _id ascending.
    assert ascending == ["b", "d", "e", "f", "c", "a"]
    assert descending == ["a", "c", "b", "d", "e", "f"]


async def test_sort_orders_types_as_mongodb_does(store: DocumentStore) -> None:
    values: list[Any] = [True, "b", 10, None, "a", 2.5, False, -1]
    await put(store, "misti", *({"_id": f"{i}", "v": v} for i, v in enumerate(values)))
    await put(store, "misti", {"_id": "missing"})

    found = await query(store, "misti", sort=[("v", ASCENDING)])

    assert [doc.get("v", "<missing>") for doc in found] == [
        None,
        "<missing>",  # null and missing are equal for sorting, then _id breaks the tie
        -1,
        2.5,
        10,
        "a",
        "b",
        False,
        True,
    ]


async def test_limit_returns_the_first_documents_of_the_sort(pratiche: DocumentStore) -> None:
    newest = await ids(
        pratiche, "pratiche", sort=[("anno", DESCENDING), ("_id", DESCENDING)], limit=2
    )

    assert newest == ["e", "c"]
    assert await ids(pratiche, "pratiche", {"ordine": "MI"}, limit=10) == ["a", "b", "e"]
    assert await ids(pratiche, "pratiche", limit=0) == []


async def test_count_uses_the_same_matching_as_find(pratiche: DocumentStore) -> None:
    async def count(where: dict[str, Scalar] | None) -> int:
        return await pratiche.run(lambda tx: tx.count("pratiche", where))

    assert await count(None) == 6
    assert await count({"stato": "depositata"}) == 3
    assert await count({"relatore.nome": None}) == 4
    assert await count({"anno": 2026, "ordine": "RM"}) == 1
    assert await pratiche.run(lambda tx: tx.count("mai_usata")) == 0


async def test_find_on_an_unknown_collection_is_empty(store: DocumentStore) -> None:
    assert await query(store, "mai_usata", {"a": 1}, sort=[("a", 1)]) == []


async def test_a_unit_reads_its_own_writes(store: DocumentStore) -> None:
    async def unit(tx: Any) -> tuple[int, list[Document]]:
        await tx.insert("pratiche", {"_id": "a", "stato": "bozza"})
        await tx.insert("pratiche", {"_id": "b", "stato": "bozza"})
        await tx.delete("pratiche", "a")
        return await tx.count("pratiche"), await tx.find("pratiche", {"stato": "bozza"})

    count, found = await store.run(unit)

    assert count == 1
    assert found == [{"_id": "b", "stato": "bozza", "_v": 1}]


async def test_values_are_bound_never_spliced(pratiche: DocumentStore) -> None:
    hostile = "MI' OR '1'='1"

    assert await ids(pratiche, "pratiche", {"ordine": hostile}) == []
    await put(pratiche, "pratiche", {"_id": hostile, "ordine": hostile})
    assert await ids(pratiche, "pratiche", {"ordine": hostile}) == [hostile]
