"""The document store contract, part one: writing, reading, versions and unique keys."""

import contextlib
import zlib
from typing import Any

import pytest

from parcelle_kit.store.ports import (
    ConcurrencyError,
    Document,
    DocumentStore,
    DuplicateKeyError,
    StoreError,
    Transaction,
)

from .helpers import put, query, read, shape

PRATICA: Document = {
    "_id": "p-1",
    "codice": "MI-2026-0001",
    "ordine": "MI",
    "numero": 1,
    "importo": "1250.50",
    "quota": 0.25,
    "urgente": False,
    "note": None,
    "richiedente": {"nome": "Anna Rossi", "indirizzo": {"città": "Milano", "cap": "20121"}},
    "voci": [{"codice": "A1", "valore": 3}, "testo", 7, 2.5, True, None, []],
    "vuoto": {},
    "grande": 2**62,
    "negativo": -(2**40),
}


async def test_insert_returns_the_document_at_version_1_and_get_returns_it_exactly(
    store: DocumentStore,
) -> None:
    [inserted] = await put(store, "pratiche", dict(PRATICA))

    assert inserted == {**PRATICA, "_v": 1}
    stored = await read(store, "pratiche", "p-1")
    assert stored is not None
    assert shape(stored) == shape({**PRATICA, "_v": 1})


async def test_the_store_sets_v_whatever_the_caller_passes(store: DocumentStore) -> None:
    [inserted] = await put(store, "pratiche", {"_id": "p-1", "_v": 41})

    assert inserted["_v"] == 1
    assert await read(store, "pratiche", "p-1") == {"_id": "p-1", "_v": 1}


async def test_get_of_an_unknown_id_or_collection_is_none(store: DocumentStore) -> None:
    await put(store, "pratiche", {"_id": "p-1"})

    assert await read(store, "pratiche", "p-2") is None
    assert await read(store, "mai_usata", "p-1") is None


async def test_a_duplicate_id_is_refused_and_the_first_document_kept(
    store: DocumentStore,
) -> None:
    await put(store, "pratiche", {"_id": "p-1", "stato": "bozza"})

    with pytest.raises(DuplicateKeyError):
        await put(store, "pratiche", {"_id": "p-1", "stato": "depositata"})

    assert await read(store, "pratiche", "p-1") == {"_id": "p-1", "stato": "bozza", "_v": 1}


async def test_the_same_id_may_live_in_two_collections(store: DocumentStore) -> None:
    await put(store, "pratiche", {"_id": "x", "in": "pratiche"})
    await put(store, "protocolli", {"_id": "x", "in": "protocolli"})

    assert await read(store, "protocolli", "x") == {"_id": "x", "in": "protocolli", "_v": 1}


def voce(id: str, codice: Any = "missing", ordine: str = "MI", numero: int = 0) -> Document:
    """An entry of the register collection, which has the contract's unique indexes."""
    document: Document = {"_id": id, "ordine": ordine, "numero": numero or zlib.crc32(id.encode())}
    if codice != "missing":
        document["codice"] = codice
    return document


async def test_a_unique_index_refuses_a_second_document_with_the_same_value(
    store: DocumentStore,
) -> None:
    await put(store, "registro", voce("a", "MI-1"))

    with pytest.raises(DuplicateKeyError):
        await put(store, "registro", voce("b", "MI-1"))

    assert await read(store, "registro", "b") is None


async def test_a_compound_unique_index_refuses_only_the_same_combination(
    store: DocumentStore,
) -> None:
    await put(
        store,
        "registro",
        voce("a", "a", "MI", 1),
        voce("b", "b", "MI", 2),
        voce("c", "c", "RM", 1),
    )

    with pytest.raises(DuplicateKeyError):
        await put(store, "registro", voce("d", "d", "RM", 1))

    assert len(await query(store, "registro")) == 3


@pytest.mark.parametrize(
    ("first", "second", "collide"),
    [
        (1, 1.0, True),  # numbers compare by value, as MongoDB's index keys do
        ("1", 1, False),
        (True, 1, False),
        ("a", "A", False),
        ({"x": 1}, {"x": 1}, True),
        (None, "missing", True),  # a missing field is indexed as null
        ("missing", "missing", True),
    ],
)
async def test_unique_keys_compare_as_mongodb_compares_them(
    store: DocumentStore, first: Any, second: Any, collide: bool
) -> None:
    await put(store, "registro", voce("a", first, numero=1))

    if collide:
        with pytest.raises(DuplicateKeyError):
            await put(store, "registro", voce("b", second, numero=2))
    else:
        await put(store, "registro", voce("b", second, numero=2))
        assert len(await query(store, "registro")) == 2


async def test_an_update_that_would_break_a_unique_index_is_refused(
    store: DocumentStore,
) -> None:
    await put(store, "registro", voce("a", "A", numero=1), voce("b", "B", numero=2))

    async def rename(tx: Transaction) -> Document:
        b = await tx.get("registro", "b")
        assert b is not None
        return await tx.update("registro", {**b, "codice": "A"})

    with pytest.raises(DuplicateKeyError):
        await store.run(rename)

    assert await read(store, "registro", "b") == {**voce("b", "B", numero=2), "_v": 1}


async def test_an_update_may_keep_its_own_unique_value(store: DocumentStore) -> None:
    [a] = await put(store, "registro", voce("a", "A", numero=1))

    updated = await store.run(lambda tx: tx.update("registro", {**a, "nota": "x"}))

    assert updated["_v"] == 2


async def test_update_at_the_current_version_replaces_and_increments_it(
    store: DocumentStore,
) -> None:
    [first] = await put(store, "pratiche", {"_id": "p-1", "stato": "bozza", "tolto": 1})

    async def deposit(tx: Transaction) -> Document:
        return await tx.update("pratiche", {"_id": "p-1", "_v": first["_v"], "stato": "dep"})

    second = await store.run(deposit)

    assert second == {"_id": "p-1", "_v": 2, "stato": "dep"}
    assert await read(store, "pratiche", "p-1") == second

    async def again(tx: Transaction) -> Document:
        return await tx.update("pratiche", {**second, "stato": "assegnata"})

    assert (await store.run(again))["_v"] == 3


async def test_update_at_a_stale_version_raises_and_keeps_the_newer_document(
    store: DocumentStore,
) -> None:
    [stale] = await put(store, "pratiche", {"_id": "p-1", "stato": "bozza"})

    async def update_with(document: Document) -> Document:
        return await store.run(lambda tx: tx.update("pratiche", document))

    newer = await update_with({**stale, "stato": "depositata"})

    with pytest.raises(ConcurrencyError):
        await update_with({**stale, "stato": "annullata"})

    assert await read(store, "pratiche", "p-1") == newer


async def test_update_of_a_vanished_document_raises_and_does_not_recreate_it(
    store: DocumentStore,
) -> None:
    [pratica] = await put(store, "pratiche", {"_id": "p-1"})
    assert await store.run(lambda tx: tx.delete("pratiche", "p-1"))

    with pytest.raises(ConcurrencyError):
        await store.run(lambda tx: tx.update("pratiche", pratica))

    assert await read(store, "pratiche", "p-1") is None


async def test_a_caught_concurrency_error_leaves_the_unit_usable(store: DocumentStore) -> None:
    # Only a failed database write dooms a unit; a version check that did not match does not.
    [pratica] = await put(store, "pratiche", {"_id": "p-1"})

    async def unit(tx: Transaction) -> None:
        try:
            await tx.update("pratiche", {**pratica, "_v": 7})
        except ConcurrencyError:
            await tx.insert("pratiche", {"_id": "p-2"})

    await store.run(unit)

    assert await read(store, "pratiche", "p-2") == {"_id": "p-2", "_v": 1}


async def test_delete_says_whether_it_deleted_something(store: DocumentStore) -> None:
    await put(store, "pratiche", {"_id": "p-1"}, {"_id": "p-2"})

    assert await store.run(lambda tx: tx.delete("pratiche", "p-1")) is True
    assert await store.run(lambda tx: tx.delete("pratiche", "p-1")) is False
    assert await store.run(lambda tx: tx.delete("mai_usata", "p-1")) is False
    assert [doc["_id"] for doc in await query(store, "pratiche")] == ["p-2"]


async def test_a_unit_that_carries_on_after_a_failed_write_is_rolled_back(
    store: DocumentStore,
) -> None:
    # MongoDB aborts the transaction on a duplicate key, so no adapter lets a unit go on.
    await put(store, "pratiche", {"_id": "p-1"})

    async def unit(tx: Transaction) -> str:
        await tx.insert("pratiche", {"_id": "p-2"})
        with contextlib.suppress(DuplicateKeyError):
            await tx.insert("pratiche", {"_id": "p-1"})
        return "done"

    with pytest.raises(StoreError, match="carried on"):
        await store.run(unit)

    assert await read(store, "pratiche", "p-2") is None


async def test_operations_after_a_failed_write_in_the_same_unit_are_refused(
    store: DocumentStore,
) -> None:
    await put(store, "pratiche", {"_id": "p-1"})
    refused: list[StoreError] = []

    async def unit(tx: Transaction) -> None:
        with pytest.raises(DuplicateKeyError):
            await tx.insert("pratiche", {"_id": "p-1"})
        try:
            await tx.get("pratiche", "p-1")
        except StoreError as exc:
            refused.append(exc)
            raise

    with pytest.raises(StoreError, match="already failed"):
        await store.run(unit)
    assert len(refused) == 1


async def test_a_transaction_cannot_be_used_after_its_unit_returned(
    store: DocumentStore,
) -> None:
    async def leak(tx: Transaction) -> Transaction:
        return tx

    leaked = await store.run(leak)

    with pytest.raises(StoreError, match="finished"):
        await leaked.insert("pratiche", {"_id": "late"})
    assert await read(store, "pratiche", "late") is None
