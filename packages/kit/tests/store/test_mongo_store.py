"""The MongoDB adapter's own promises: how it reads the server's errors and when it retries.

Tests that need a failure on cue use the stand-in's fail points (the real server's
``failCommand`` needs test commands enabled, which production images do not have); the rest
also run against a real replica set when ``PARCELLE_TEST_MONGO_URL`` is set.
"""

import asyncio
import gc
from typing import Any

import pytest
from pymongo.errors import ConnectionFailure, OperationFailure

from parcelle_kit.store.mongo import MongoStore
from parcelle_kit.store.ports import (
    DuplicateKeyError,
    StoreError,
    Transaction,
    TransientStoreError,
)
from parcelle_testing.mongo_standin import StandinClient

from .conftest import MongoTarget, open_mongo_store
from .helpers import query, read


@pytest.fixture
async def standin() -> tuple[StandinClient, MongoStore]:
    client = StandinClient()
    store = MongoStore(client=client, database="parcelle_test")
    await store.open()
    return client, store


def labelled(code: int, name: str, *labels: str) -> OperationFailure:
    """An error as PyMongo raises it from a server reply (or adds labels to, client-side)."""
    details = {"ok": 0.0, "code": code, "codeName": name, "errorLabels": list(labels)}
    return OperationFailure(f"{name} (injected)", code, details)


class Counted:
    """A unit of work that takes a protocol number and files it, counting its runs."""

    def __init__(self) -> None:
        self.calls = 0

    async def __call__(self, tx: Transaction) -> int:
        self.calls += 1
        numero = await tx.next_value("protocollo")
        await tx.insert("protocolli", {"_id": f"{numero:04d}", "numero": numero})
        return numero


async def test_a_write_conflict_with_another_unit_re_runs_the_later_one(
    mongo_target: MongoTarget,
) -> None:
    store = await open_mongo_store(mongo_target)
    await store.run(lambda tx: tx.insert("pratiche", {"_id": "p-1", "visite": 0}))
    first_wrote, second_tried = asyncio.Event(), asyncio.Event()
    second_runs = 0

    async def visit(tx: Transaction) -> None:
        pratica = await tx.get("pratiche", "p-1")
        assert pratica is not None
        await tx.update("pratiche", {**pratica, "visite": pratica["visite"] + 1})

    async def first(tx: Transaction) -> None:
        await visit(tx)
        first_wrote.set()
        await second_tried.wait()  # hold the uncommitted write until the other unit meets it

    async def second(tx: Transaction) -> None:
        nonlocal second_runs
        second_runs += 1
        await first_wrote.wait()
        try:
            await visit(tx)
        finally:
            second_tried.set()

    # A server that made the second writer wait instead of failing would deadlock here.
    async with asyncio.timeout(30):
        await asyncio.gather(store.run(first), store.run(second, attempts=20))

    assert second_runs >= 2
    pratica = await read(store, "pratiche", "p-1")
    assert pratica is not None
    assert (pratica["visite"], pratica["_v"]) == (2, 3)
    await store.close()


async def test_racing_inserts_of_one_id_end_in_one_document_and_a_duplicate_key(
    mongo_target: MongoTarget,
) -> None:
    store = await open_mongo_store(mongo_target)

    async def insert(tx: Transaction) -> None:
        await tx.insert("processati", {"_id": "msg-1"})
        await asyncio.sleep(0.01)  # keep the transaction open while the other one inserts

    outcomes = await asyncio.gather(
        *(store.run(insert, attempts=20) for _ in range(2)), return_exceptions=True
    )

    assert sorted(type(o).__name__ for o in outcomes) == ["DuplicateKeyError", "NoneType"]
    assert len(await query(store, "processati")) == 1
    await store.close()


@pytest.mark.parametrize("after_apply", [False, True])
async def test_an_unknown_commit_result_re_sends_the_commit_not_the_unit(
    standin: tuple[StandinClient, MongoStore], after_apply: bool
) -> None:
    client, store = standin
    lost = labelled(91, "ShutdownInProgress", "UnknownTransactionCommitResult")
    client.fail_command("commitTransaction", lost, after_apply=after_apply)
    unit = Counted()

    assert await store.run(unit) == 1

    assert unit.calls == 1
    assert [doc["numero"] for doc in await query(store, "protocolli")] == [1]
    assert await store.run(lambda tx: tx.next_value("protocollo")) == 2


async def test_a_commit_that_never_resolves_is_an_error_that_is_not_retried(
    standin: tuple[StandinClient, MongoStore],
) -> None:
    client, store = standin
    lost = ConnectionFailure("connection closed")
    lost._add_error_label("UnknownTransactionCommitResult")  # as PyMongo labels it
    client.fail_command("commitTransaction", lost, times=10)
    unit = Counted()

    with pytest.raises(StoreError, match="outcome unknown") as raised:
        await store.run(unit, attempts=3)

    assert not isinstance(raised.value, TransientStoreError)
    assert unit.calls == 1


async def test_a_transient_commit_failure_re_runs_the_unit(
    standin: tuple[StandinClient, MongoStore],
) -> None:
    client, store = standin
    client.fail_command(
        "commitTransaction", labelled(251, "NoSuchTransaction", "TransientTransactionError")
    )
    unit = Counted()

    assert await store.run(unit) == 1

    assert unit.calls == 2
    assert [doc["numero"] for doc in await query(store, "protocolli")] == [1]


@pytest.mark.parametrize(
    ("error", "expected"),
    [
        (labelled(112, "WriteConflict"), TransientStoreError),
        (labelled(6, "HostUnreachable", "TransientTransactionError"), TransientStoreError),
        (labelled(2, "BadValue"), StoreError),
    ],
)
async def test_server_errors_on_an_operation_are_translated(
    standin: tuple[StandinClient, MongoStore], error: OperationFailure, expected: type[Exception]
) -> None:
    client, store = standin
    client.fail_command("insert", error)
    unit = Counted()

    with pytest.raises(expected) as raised:
        await store.run(unit, attempts=1)

    assert type(raised.value) is expected
    assert isinstance(raised.value.__cause__, OperationFailure)
    assert await store.run(unit) == 1  # the failed attempt's number was never given out


async def test_a_duplicate_key_from_the_server_is_the_ports_duplicate_key(
    standin: tuple[StandinClient, MongoStore],
) -> None:
    _, store = standin
    await store.run(lambda tx: tx.insert("pratiche", {"_id": "p-1"}))

    with pytest.raises(DuplicateKeyError):
        await store.run(lambda tx: tx.insert("pratiche", {"_id": "p-1"}))


async def test_a_store_closes_only_a_client_it_built(mongo_target: MongoTarget) -> None:
    store = await open_mongo_store(mongo_target)
    await store.close()

    still_open: Any = mongo_target.client
    assert (await still_open["admin"].command("ping"))["ok"]


async def test_ping_is_true_on_a_live_server(mongo_target: MongoTarget) -> None:
    store = await open_mongo_store(mongo_target)

    assert await store.ping() is True
    await store.close()


# PyMongo's server monitor does not close the socket of a connection attempt that close()
# cancels (a driver bug, mongodb/mongo-python-driver PYTHON-3923); nothing of ours leaks.
@pytest.mark.filterwarnings("ignore:unclosed <socket.socket:ResourceWarning")
async def test_ping_is_false_quickly_when_no_server_answers() -> None:
    # Port 9 (discard) on loopback: nothing listens, and nothing leaves the machine.
    url = "mongodb://127.0.0.1:9/?serverSelectionTimeoutMS=30000"
    store = MongoStore(url, database="x", ping_timeout=0.2)
    assert await store.ping() is False  # not opened yet
    await store.open()

    # Well within the server selection timeout: a health check must not hang on it.
    async with asyncio.timeout(2):
        assert await store.ping() is False
    await store.close()
    # Let the cancelled monitor finish and collect its socket here, under the filter above.
    await asyncio.sleep(0.1)
    gc.collect()


def test_a_store_needs_exactly_one_of_url_and_client() -> None:
    with pytest.raises(ValueError, match="either a url or a client"):
        MongoStore(database="x")
    with pytest.raises(ValueError, match="either a url or a client"):
        MongoStore("mongodb://127.0.0.1:9/", database="x", client=StandinClient())
    with pytest.raises(ValueError, match="database name"):
        MongoStore(client=StandinClient(), database="")


async def test_an_unopened_store_refuses_work() -> None:
    store = MongoStore("mongodb://127.0.0.1:9/", database="x")

    with pytest.raises(StoreError, match="not open"):
        await store.run(lambda tx: tx.get("pratiche", "x"))
