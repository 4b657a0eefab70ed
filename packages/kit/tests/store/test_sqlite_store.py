"""The SQLite adapter's own promises: one file shared by replicas, locks, cancellation, files."""

import asyncio
import itertools
import sqlite3
import sys
import textwrap
from collections import Counter
from contextlib import closing
from pathlib import Path

import pytest

from parcelle_kit.store.ports import Transaction, TransientStoreError
from parcelle_kit.store.sqlite import SqliteStore

from .helpers import put, query, read

# A replica of a service, as a separate OS process: it opens the shared file, says it is
# ready, waits for the go, then takes 100 protocol numbers, one transaction each. The short
# pause between transactions stands for the gap between two messages: SQLite's lock is not
# fair, and without any gap one replica can take every number before the other's busy handler
# wakes up, so the two would never interleave.
REPLICA = textwrap.dedent(
    """
    import asyncio, os, random, sys, time
    from pathlib import Path
    from parcelle_kit.store.sqlite import SqliteStore

    async def main(path, ready, go, count):
        store = SqliteStore(path)
        await store.open()
        Path(ready).touch()
        deadline = time.monotonic() + 60
        while not Path(go).exists():
            if time.monotonic() > deadline:
                raise SystemExit("never told to go")
            await asyncio.sleep(0.002)

        async def protocolla(tx):
            numero = await tx.next_value("protocollo")
            document = {"_id": f"{numero:04d}", "numero": numero, "pid": os.getpid()}
            await tx.insert("protocolli", document)

        for _ in range(count):
            await store.run(protocolla, attempts=50)
            await asyncio.sleep(random.uniform(0, 0.002))
        await store.close()

    asyncio.run(main(sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])))
    """
)


async def test_two_processes_on_one_file_number_without_gaps_or_duplicates(
    tmp_path: Path,
) -> None:
    path = tmp_path / "var" / "acquisizione.sqlite"
    go = tmp_path / "go"
    replicas = [
        await asyncio.create_subprocess_exec(
            sys.executable,
            "-c",
            REPLICA,
            str(path),
            str(tmp_path / f"ready-{i}"),
            str(go),
            "100",
            stderr=asyncio.subprocess.PIPE,
        )
        for i in range(2)
    ]
    try:
        async with asyncio.timeout(120):
            while not all((tmp_path / f"ready-{i}").exists() for i in range(2)):
                dead = [r for r in replicas if r.returncode is not None]
                if dead:
                    _, stderr = await dead[0].communicate()
                    raise AssertionError(f"a replica died while opening: {stderr.decode()}")
                await asyncio.sleep(0.01)
            go.touch()
            results = [await replica.communicate() for replica in replicas]
    finally:
        for replica in replicas:  # however the test ends, no process nor pipe outlives it
            if replica.returncode is None:
                replica.kill()
            await replica.communicate()

    for replica, (_, stderr) in zip(replicas, results, strict=True):
        assert replica.returncode == 0, stderr.decode()
    store = SqliteStore(path)
    await store.open()
    stored = await query(store, "protocolli", sort=[("numero", 1)])
    await store.close()

    assert [doc["numero"] for doc in stored] == list(range(1, 201))
    assert sorted(Counter(doc["pid"] for doc in stored).values()) == [100, 100]
    switches = sum(a["pid"] != b["pid"] for a, b in itertools.pairwise(stored))
    assert switches > 1, "the replicas never interleaved, so nothing contended for the file"


async def test_two_stores_on_one_file_in_one_process_share_the_counter(tmp_path: Path) -> None:
    path = tmp_path / "svc.sqlite"
    first, second = SqliteStore(path), SqliteStore(path)
    await first.open()
    await second.open()

    async def take(tx: Transaction) -> int:
        return await tx.next_value("protocollo")

    numbers = await asyncio.gather(*(s.run(take) for _ in range(20) for s in (first, second)))

    assert sorted(numbers) == list(range(1, 41))
    await first.close()
    await second.close()


async def test_a_file_locked_by_another_writer_is_a_transient_error_then_retried(
    tmp_path: Path,
) -> None:
    path = tmp_path / "svc.sqlite"
    store = SqliteStore(path, busy_timeout=0.05)
    await store.open()
    other = sqlite3.connect(path, isolation_level=None)
    other.execute("BEGIN IMMEDIATE")  # another replica in the middle of a write
    try:
        with pytest.raises(TransientStoreError):
            await store.run(lambda tx: tx.next_value("protocollo"), attempts=1)

        waiting = asyncio.create_task(
            store.run(lambda tx: tx.next_value("protocollo"), attempts=60)
        )
        await asyncio.sleep(0.3)
        assert not waiting.done()
    finally:
        other.execute("ROLLBACK")
        other.close()

    assert await waiting == 1  # the attempt that met the lock did not take a number
    await store.close()


async def test_a_cancelled_unit_leaves_nothing_and_the_store_usable(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "svc.sqlite")
    await store.open()
    halfway = asyncio.Event()

    async def slow(tx: Transaction) -> None:
        await tx.insert("pratiche", {"_id": "half"})
        await tx.next_value("protocollo")
        halfway.set()
        await asyncio.sleep(30)

    task = asyncio.create_task(store.run(slow))
    await halfway.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert await read(store, "pratiche", "half") is None
    assert await store.run(lambda tx: tx.next_value("protocollo")) == 1
    await store.close()


async def test_the_file_and_its_directories_are_created_in_wal_mode(tmp_path: Path) -> None:
    path = tmp_path / "var" / "istanze" / "istanze.sqlite"
    store = SqliteStore(path)
    await store.open()

    assert path.is_file()
    with closing(sqlite3.connect(path)) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    await store.close()


async def test_documents_and_counters_survive_a_restart(tmp_path: Path) -> None:
    path = tmp_path / "svc.sqlite"
    store = SqliteStore(path)
    await store.open()
    await put(store, "pratiche", {"_id": "p-1", "stato": "bozza"})
    assert await store.run(lambda tx: tx.next_value("protocollo")) == 1
    await store.close()

    reopened = SqliteStore(path)
    await reopened.open()

    assert await read(reopened, "pratiche", "p-1") == {"_id": "p-1", "stato": "bozza", "_v": 1}
    assert await reopened.run(lambda tx: tx.next_value("protocollo")) == 2
    await reopened.close()


async def test_ping_answers_only_while_open(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "svc.sqlite")
    assert await store.ping() is False
    await store.open()
    assert await store.ping() is True
    await store.close()
    assert await store.ping() is False
    await store.close()  # closing twice is harmless


async def test_an_unopened_store_refuses_work(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "svc.sqlite")

    with pytest.raises(Exception, match="not open"):
        await store.run(lambda tx: tx.get("pratiche", "x"))
    assert not (tmp_path / "svc.sqlite").exists()
