"""The document store contract, part five: paged lists (filters, keyset order, cursors, fields)."""

import base64
import json
from typing import Any

import pytest

from parcelle_kit.store.ports import (
    MAX_PAGE,
    Document,
    DocumentStore,
    InvalidCursorError,
    StoreError,
)

from .helpers import page, pages, put

FASCICOLI = "fascicoli"


def fascicolo(n: int, **fields: Any) -> Document:
    """A lawyer's case as a list shows it; ``n`` makes the _id and the defaults."""
    return {
        "_id": f"f{n:03d}",
        "ordine": "MI",
        "avvocato": {"username": "rossi", "nome": "Anna Rossi"},
        "stato": "depositata",
        "aggiornata_il": f"2026-03-{n % 28 + 1:02d}T09:00:00.000000+00:00",
        "codice": f"MI-2026-{n:04d}",
        "cliente": {"nome": f"cliente {n}", "chiave": f"cliente {n}"},
        "totale": n * 10,
        **fields,
    }


def flatten(found: list[list[Document]]) -> list[str]:
    return [document["_id"] for documents in found for document in documents]


@pytest.fixture
async def elenco(store: DocumentStore) -> DocumentStore:
    """40 cases of one lawyer on only 4 distinct dates (many ties), and a few others'."""
    cases = [fascicolo(n, aggiornata_il=f"2026-0{n % 4 + 1}-01") for n in range(40)]
    others = [
        fascicolo(40, ordine="RM"),
        fascicolo(41, avvocato={"username": "bianchi"}),
        fascicolo(42, ordine="RM", avvocato={"username": "bianchi"}),
    ]
    await put(store, FASCICOLI, *cases, *others)
    return store


def expected_order(descending: bool) -> list[str]:
    keys = sorted((f"2026-0{n % 4 + 1}-01", f"f{n:03d}") for n in range(40))
    ordered = [identifier for _, identifier in keys]
    return ordered[::-1] if descending else ordered


@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("limit", [1, 3, 7, 40, 41])
async def test_pages_cover_every_document_once_in_order_despite_ties(
    elenco: DocumentStore, descending: bool, limit: int
) -> None:
    where = {"ordine": "MI", "avvocato.username": "rossi"}

    found = await pages(
        elenco, FASCICOLI, where=where, order=["aggiornata_il"], descending=descending, limit=limit
    )

    assert flatten(found) == expected_order(descending)
    assert len(found) == -(-40 // limit)  # no empty page at the end


async def test_an_empty_list_is_one_empty_page(store: DocumentStore) -> None:
    empty = await page(store, FASCICOLI, where={"ordine": "NA"}, order=["aggiornata_il"], limit=5)

    assert (empty.documents, empty.next) == ([], None)


async def test_a_page_with_no_order_is_in_id_order(elenco: DocumentStore) -> None:
    found = await pages(elenco, FASCICOLI, where={"ordine": "RM"}, order=[], limit=1)

    assert flatten(found) == ["f040", "f042"]


async def test_filters_combine(store: DocumentStore) -> None:
    await put(
        store,
        FASCICOLI,
        fascicolo(1, stato="bozza", totale=100),
        fascicolo(2, stato="depositata", totale=250.5),
        fascicolo(3, stato="archiviata", totale=300),
        fascicolo(4, stato="depositata", totale=50, codice="RM-2026-0004"),
        fascicolo(5, stato="depositata", totale=400, ordine="RM"),
        fascicolo(6, stato="depositata", totale=200, cliente={"chiave": "verdi"}),
    )

    found = await page(
        store,
        FASCICOLI,
        where={"ordine": "MI"},
        prefix={"codice": "MI-2026-", "cliente.chiave": "cliente"},
        between={"totale": (50, 300), "aggiornata_il": ("2026-03-02", None)},
        any_of={"stato": ["bozza", "depositata"]},
        order=["totale"],
        limit=10,
    )

    assert [d["_id"] for d in found.documents] == ["f001", "f002"]


async def test_prefix_is_case_sensitive_and_matches_text_only(store: DocumentStore) -> None:
    keys: list[Any] = [
        "rossi",
        "Rossi",
        "ross",
        "rossini",
        "rosso",
        "ròssi",
        5,
        None,
        "rossi\U0010ffff",
    ]
    await put(store, "ricerche", *({"_id": f"r{i}", "k": k, "n": i} for i, k in enumerate(keys)))

    async def matching(text: str) -> list[str]:
        found = await page(store, "ricerche", prefix={"k": text}, order=["n"], limit=20)
        return [d["_id"] for d in found.documents]

    assert await matching("ross") == ["r0", "r2", "r3", "r4", "r8"]
    assert await matching("rossi") == ["r0", "r3", "r8"]
    assert await matching("R") == ["r1"]
    assert await matching("rò") == ["r5"]
    assert await matching("rossi\U0010ffff") == ["r8"]
    assert await matching("") == ["r0", "r1", "r2", "r3", "r4", "r5", "r8"]


async def test_ranges_are_inclusive_open_ended_and_typed(store: DocumentStore) -> None:
    values: list[Any] = [1, 2.5, 3, "2", "2026-01-01", "2026-02-01T00:00:00+00:00", True, None]
    await put(store, "misure", *({"_id": f"m{i}", "v": v, "n": i} for i, v in enumerate(values)))

    async def within(low: Any, high: Any) -> list[str]:
        found = await page(store, "misure", between={"v": (low, high)}, order=["n"], limit=20)
        return [d["_id"] for d in found.documents]

    assert await within(1, 3) == ["m0", "m1", "m2"]
    assert await within(2.5, None) == ["m1", "m2"]
    assert await within(None, 2) == ["m0"]
    assert await within("2026-01-01", "2026-02-01") == ["m4"]
    assert await within("2026-01-01", None) == ["m4", "m5"]
    assert await within(None, "2") == ["m3"]
    assert await within(None, None) == ["m0", "m1", "m2", "m3", "m4", "m5", "m6", "m7"]


async def test_any_of_matches_values_of_their_own_type(store: DocumentStore) -> None:
    values: list[Any] = [1, 1.0, True, "1", "a", None, False, 0]
    await put(store, "scelte", *({"_id": f"s{i}", "v": v, "n": i} for i, v in enumerate(values)))

    async def among(choices: list[Any]) -> list[str]:
        found = await page(store, "scelte", any_of={"v": choices}, order=["n"], limit=20)
        return [d["_id"] for d in found.documents]

    assert await among([1]) == ["s0", "s1"]
    assert await among([True, "a"]) == ["s2", "s4"]
    assert await among(["1", 0, False]) == ["s3", "s6", "s7"]
    assert await among([]) == []


async def test_a_cursor_from_another_list_is_refused(elenco: DocumentStore) -> None:
    query: dict[str, Any] = {"where": {"ordine": "MI"}, "order": ["aggiornata_il"], "limit": 2}
    first = await page(elenco, FASCICOLI, **query)
    assert first.next is not None

    others: list[tuple[str, dict[str, Any]]] = [
        ("registro", query),
        (FASCICOLI, {**query, "where": {"ordine": "RM"}}),
        (FASCICOLI, {**query, "descending": True}),
        (FASCICOLI, {**query, "order": ["totale"]}),
        (FASCICOLI, {**query, "prefix": {"codice": "MI"}}),
        (FASCICOLI, {**query, "any_of": {"stato": ["bozza"]}}),
        (FASCICOLI, {**query, "between": {"totale": (1, 2)}}),
    ]
    for collection, other in others:
        with pytest.raises(InvalidCursorError, match="another list"):
            await page(elenco, collection, **other, after=first.next)

    # The page size and the fields shown are not the query: they may change between pages.
    second = await page(elenco, FASCICOLI, **{**query, "limit": 3}, after=first.next, fields=[])
    assert len(second.documents) == 3


def forged(*content: Any) -> str:
    return base64.urlsafe_b64encode(json.dumps(list(content)).encode()).decode().rstrip("=")


@pytest.mark.parametrize(
    "cursor",
    [
        "",
        "not a cursor",
        "%%%",
        "e30",  # {}
        forged(1),
        forged(2, "0" * 16, ["2026-01-01", "f001"]),
        forged(1, "0" * 16, ["2026-01-01", "f001"]),
        "A" * 5000,
        base64.urlsafe_b64encode(b"\xff\xfe").decode(),
    ],
)
async def test_a_garbled_cursor_is_refused(elenco: DocumentStore, cursor: str) -> None:
    with pytest.raises(InvalidCursorError):
        await page(elenco, FASCICOLI, order=["aggiornata_il"], limit=2, after=cursor)


async def test_a_tampered_cursor_is_refused(elenco: DocumentStore) -> None:
    query: dict[str, Any] = {"order": ["aggiornata_il"], "limit": 2}
    cursor = (await page(elenco, FASCICOLI, **query)).next
    assert cursor is not None
    version, mark, values = json.loads(base64.urlsafe_b64decode(cursor + "=="))

    for bad in ([*values, "x"], values[:1], [None, values[1]], [values[0], 7], [{"$gt": ""}, "x"]):
        with pytest.raises(InvalidCursorError):
            await page(elenco, FASCICOLI, **query, after=forged(version, mark, bad))
    assert issubclass(InvalidCursorError, StoreError)


async def test_fields_project_the_document(store: DocumentStore) -> None:
    document = fascicolo(1, note=None, relatore="esterno", timeline=[{"quando": "x"}] * 3)
    await put(store, FASCICOLI, document)

    async def shown(*fields: str) -> Document:
        found = await page(store, FASCICOLI, order=["codice"], limit=1, fields=list(fields))
        return found.documents[0]

    listed = await shown("codice", "avvocato.username", "note", "assente", "relatore.nome")
    assert listed == {
        "_id": "f001",
        "codice": "MI-2026-0001",
        "avvocato": {"username": "rossi"},
        "note": None,
    }
    assert list(listed) == ["_id", "avvocato", "codice", "note"]  # the document's order
    # An embedded document on the path is kept, even when it lacks the rest of the path.
    assert await shown("cliente.assente", "timeline") == {
        "_id": "f001",
        "cliente": {},
        "timeline": [{"quando": "x"}] * 3,
    }
    assert await shown() == {"_id": "f001"}
    assert await shown("_id", "_v") == {"_id": "f001", "_v": 1}
    whole = await page(store, FASCICOLI, order=["codice"], limit=1)
    assert whole.documents == [{**document, "_v": 1}]


async def test_fields_may_leave_out_the_sort_fields(elenco: DocumentStore) -> None:
    query: dict[str, Any] = {"order": ["aggiornata_il"], "descending": True, "limit": 5}

    found = await pages(elenco, FASCICOLI, **query, fields=["codice"])

    assert all(set(document) == {"_id", "codice"} for documents in found for document in documents)
    assert flatten(found) == flatten(await pages(elenco, FASCICOLI, **query))


@pytest.mark.parametrize("limit", [0, -1, MAX_PAGE + 1, True, 2.0, "5", None])
async def test_the_page_size_is_bounded(store: DocumentStore, limit: Any) -> None:
    with pytest.raises(ValueError, match="limit"):
        await page(store, FASCICOLI, order=["codice"], limit=limit)


async def test_the_largest_page_is_allowed(elenco: DocumentStore) -> None:
    found = await page(elenco, FASCICOLI, order=["codice"], limit=MAX_PAGE)

    assert (len(found.documents), found.next) == (43, None)


@pytest.mark.parametrize(
    ("query", "error"),
    [
        ({"order": ["_id"]}, ValueError),
        ({"order": ["codice", "codice"]}, ValueError),
        ({"order": "codice"}, TypeError),
        ({"order": ["a') OR 1=1 --"]}, ValueError),
        ({"where": {"$where": 1}}, ValueError),
        ({"prefix": {"codice": 5}}, TypeError),
        ({"prefix": {"a.$ne": "x"}}, ValueError),
        ({"between": {"totale": (1, "2")}}, TypeError),
        ({"between": {"totale": (True, None)}}, TypeError),
        ({"between": {"totale": [1, 2]}}, TypeError),
        ({"between": {"totale": ({"$gt": 1}, None)}}, TypeError),
        ({"any_of": {"stato": "bozza"}}, TypeError),
        ({"any_of": {"stato": [None]}}, TypeError),
        ({"any_of": {"stato": [["bozza"]]}}, TypeError),
        ({"fields": ["cliente", "cliente.nome"]}, ValueError),
        ({"fields": ["$where"]}, ValueError),
        ({"fields": "codice"}, TypeError),
        ({"descending": 1}, TypeError),
    ],
)
async def test_malformed_queries_are_refused_alike(
    store: DocumentStore, query: dict[str, Any], error: type[Exception]
) -> None:
    with pytest.raises(error):
        await page(store, FASCICOLI, **{"order": ["codice"], "limit": 5, **query})


async def test_a_document_without_a_sort_field_cannot_be_paged(store: DocumentStore) -> None:
    await put(store, FASCICOLI, fascicolo(1), {"_id": "senza"})

    with pytest.raises(StoreError, match="aggiornata_il"):
        await pages(store, FASCICOLI, order=["aggiornata_il"], limit=1)


async def test_inserts_between_pages_never_repeat_a_row(elenco: DocumentStore) -> None:
    query: dict[str, Any] = {
        "where": {"ordine": "MI", "avvocato.username": "rossi"},
        "order": ["aggiornata_il"],
        "descending": True,
        "limit": 8,
    }
    first = await page(elenco, FASCICOLI, **query)
    shown = [d["_id"] for d in first.documents]
    # Newer cases (already passed: they belong before the cursor) and one that ties the
    # cursor's date but sorts after it by _id, which the next pages must still show.
    await put(
        elenco,
        FASCICOLI,
        fascicolo(100, aggiornata_il="2026-09-01"),
        fascicolo(101, aggiornata_il="2026-04-01"),
        fascicolo(0, _id="f000a", aggiornata_il="2026-04-01"),
    )
    assert first.next is not None

    rest = await page(elenco, FASCICOLI, **{**query, "limit": 1000}, after=first.next)
    later = [d["_id"] for d in rest.documents]

    assert not set(shown) & set(later)
    assert "f000a" in later
    assert "f100" not in later
    assert "f101" not in later
    assert len(shown) + len(later) == 41
