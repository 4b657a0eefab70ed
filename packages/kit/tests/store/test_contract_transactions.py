"""The document store contract, part three: units of work, counters, rollback and retries."""

import asyncio

import pytest

from parcelle_kit.store.ports import Document, DocumentStore, Transaction, TransientStoreError

from .helpers import put, query, read


class Boom(Exception):
    """An error of the unit of work itself, not of the store."""


async def next_value(store: DocumentStore, counter: str) -> int:
    return await store.run(lambda tx: tx.next_value(counter))


async def test_a_counter_starts_at_1_and_counts_up(store: DocumentStore) -> None:
    assert [await next_value(store, "protocollo/MI/2026") for _ in range(3)] == [1, 2, 3]


async def test_counters_are_independent(store: DocumentStore) -> None:
    async def unit(tx: Transaction) -> list[int]:
        return [
            await tx.next_value("protocollo/MI/2026"),
            await tx.next_value("protocollo/RM/2026"),
            await tx.next_value("protocollo/MI/2026"),
        ]

    assert await store.run(unit) == [1, 1, 2]
    assert await next_value(store, "protocollo/RM/2026") == 2


async def test_an_exception_in_the_unit_leaves_nothing_written(store: DocumentStore) -> None:
    [kept] = await put(store, "pratiche", {"_id": "kept", "stato": "bozza"})
    await put(store, "pratiche", {"_id": "doomed"})

    async def unit(tx: Transaction) -> None:
        numero = await tx.next_value("protocollo")
        await tx.insert("protocolli", {"_id": str(numero)})
        await tx.update("pratiche", {**kept, "stato": "protocollata"})
        await tx.delete("pratiche", "doomed")
        raise Boom

    with pytest.raises(Boom):
        await store.run(unit)

    assert await query(store, "protocolli") == []
    assert await read(store, "pratiche", "kept") == kept
    assert await read(store, "pratiche", "doomed") == {"_id": "doomed", "_v": 1}
    # The number taken by the failed unit was never given out: the sequence has no gap.
    assert await next_value(store, "protocollo") == 1


async def test_a_transient_error_re_runs_the_whole_unit(store: DocumentStore) -> None:
    calls = 0

    async def unit(tx: Transaction) -> int:
        nonlocal calls
        calls += 1
        numero = await tx.next_value("protocollo")
        await tx.insert("protocolli", {"_id": f"attempt-{calls}", "numero": numero})
        if calls < 3:
            raise TransientStoreError("conflict, try again")
        return numero

    assert await store.run(unit, attempts=3) == 1

    assert calls == 3
    assert [doc["_id"] for doc in await query(store, "protocolli")] == ["attempt-3"]


async def test_retries_stop_after_the_given_attempts(store: DocumentStore) -> None:
    calls = 0

    async def unit(tx: Transaction) -> None:
        nonlocal calls
        calls += 1
        await tx.insert("protocolli", {"_id": f"attempt-{calls}"})
        raise TransientStoreError("still conflicting")

    with pytest.raises(TransientStoreError):
        await store.run(unit, attempts=2)

    assert calls == 2
    assert await query(store, "protocolli") == []


async def test_other_errors_are_not_retried(store: DocumentStore) -> None:
    calls = 0

    async def unit(tx: Transaction) -> None:
        nonlocal calls
        calls += 1
        raise Boom

    with pytest.raises(Boom):
        await store.run(unit, attempts=5)
    assert calls == 1


async def test_attempts_must_be_positive(store: DocumentStore) -> None:
    with pytest.raises(ValueError, match="attempts"):
        await store.run(lambda tx: tx.get("pratiche", "x"), attempts=0)


async def test_concurrent_units_hand_out_each_number_exactly_once(store: DocumentStore) -> None:
    units = 25

    async def protocolla(tx: Transaction) -> int:
        numero = await tx.next_value("protocollo/MI/2026")
        await tx.insert("protocolli", {"_id": f"{numero:04d}", "numero": numero})
        return numero

    # MongoDB resolves the collisions with write conflicts and retries; be generous with them.
    numbers = await asyncio.gather(*(store.run(protocolla, attempts=200) for _ in range(units)))

    assert sorted(numbers) == list(range(1, units + 1))
    stored = await query(store, "protocolli", sort=[("numero", 1)])
    assert [doc["numero"] for doc in stored] == list(range(1, units + 1))
    assert await next_value(store, "protocollo/MI/2026") == units + 1


async def test_concurrent_updates_of_one_document_lose_nothing(store: DocumentStore) -> None:
    await put(store, "pratiche", {"_id": "p-1", "visite": 0})

    async def visita(tx: Transaction) -> Document:
        pratica = await tx.get("pratiche", "p-1")
        assert pratica is not None
        return await tx.update("pratiche", {**pratica, "visite": pratica["visite"] + 1})

    await asyncio.gather(*(store.run(visita, attempts=200) for _ in range(10)))

    assert await read(store, "pratiche", "p-1") == {"_id": "p-1", "visite": 10, "_v": 11}


async def test_a_unit_may_run_its_operations_concurrently(store: DocumentStore) -> None:
    async def unit(tx: Transaction) -> list[Document]:
        return list(
            await asyncio.gather(*(tx.insert("pratiche", {"_id": f"p-{i}"}) for i in range(5)))
        )

    await store.run(unit)

    assert len(await query(store, "pratiche")) == 5
