"""Benchmark: a lawyer's case list, one page at a time, from the embedded SQLite store.

Run from the repository root::

    uv run --all-packages python bench/store_page.py [--sizes 1000,10000,100000] [-q 200]

For each size N it seeds N cases shaped like the istanze service's (ordine, the lawyer,
state, last update as an ISO UTC string, code, client, totals, a timeline: about 3 KB each)
straight through ``SqliteStore``, in a few large transactions, with the indexes a list needs;
most cases belong to one lawyer, so that lawyer's list grows with N. It then times
``Transaction.page`` (ordine and lawyer, newest first, 50 per page, the fields a list shows),
each in its own unit of work: the first page, and a page N/100 pages deep (reached by following
the cursors). It prints the machine, the seeding time, p50/p99 of each, the process's RSS, and
how p50 grows from the smallest size to the largest. Nothing is asserted.
"""

import argparse
import asyncio
import random
import tempfile
import time
from datetime import UTC, datetime, timedelta
from functools import partial
from pathlib import Path
from typing import Any

from figures import line, machine, reference_ms

from parcelle_kit.store import Document, Index, Page, Transaction
from parcelle_kit.store.sqlite import SqliteStore

ISTANZE = "istanze"
INDEXES = (
    Index(ISTANZE, ("codice",), unique=True),
    Index(ISTANZE, ("ordine", "avvocato.username", "aggiornata_il", "_id")),
    Index(ISTANZE, ("ordine", "stato", "aggiornata_il", "_id")),
)
LAWYER = {"ordine": "MI", "avvocato.username": "avv.rossi"}
LIST: dict[str, Any] = {
    "where": LAWYER,
    "order": ["aggiornata_il"],
    "descending": True,
    "limit": 50,
    "fields": ["codice", "stato", "aggiornata_il", "cliente.nome", "totali.totale"],
}
STATI = ["bozza", "depositata", "protocollata", "assegnata", "in_revisione", "decisa"]
EVENTI = ["creata", "allegato_aggiunto", "firmata", "depositata", "protocollata", "assegnata"]
BATCH = 10_000
START = datetime(2019, 1, 1, tzinfo=UTC)
NOTA = "Annotazione di prova sul fascicolo, lunga quanto una nota vera. " * 2
# Timeline dates, made once: the seeding times the store, not datetime formatting.
DAYS = [
    [(START + timedelta(days=day + step)).isoformat(timespec="microseconds") for step in range(8)]
    for day in range(365)
]


def caso(n: int, rng: random.Random) -> Document:
    """One case; 4 in 5 belong to the benchmark's lawyer, the rest to others and other councils."""
    mine = rng.random() < 0.8
    ordine = "MI" if mine or rng.random() < 0.5 else "RM"
    username = "avv.rossi" if mine else f"avv.{rng.randrange(500)}"
    aggiornata = START + timedelta(seconds=rng.randrange(8 * 365 * 86400))
    millis = int(aggiornata.timestamp() * 1000)
    onorari = rng.randrange(50_000, 5_000_000)
    return {
        # UUIDv7-shaped: time-ordered, then random.
        "_id": f"{millis:012x}-7{rng.getrandbits(12):03x}-{rng.getrandbits(64):016x}",
        "ordine": ordine,
        "avvocato": {"username": username, "nome": f"Avvocato {username}"},
        "stato": rng.choice(STATI),
        "aggiornata_il": aggiornata.isoformat(timespec="microseconds"),
        "codice": f"{ordine}-{aggiornata.year}-{n:07d}",
        "cliente": {"nome": f"Cliente {rng.randrange(10**6)} S.r.l.", "chiave": f"cliente {n}"},
        "totali": {
            "onorari": f"{onorari / 100:.2f}",
            "spese": f"{onorari * 0.15 / 100:.2f}",
            "totale": f"{onorari * 1.15 / 100:.2f}",
        },
        "timeline": [
            {"quando": quando, "evento": evento, "utente": username, "nota": NOTA}
            for quando, evento in zip(DAYS[aggiornata.toordinal() % 365], EVENTI * 2, strict=False)
        ]
        * 2,
    }


async def seed(store: SqliteStore, count: int) -> float:
    rng = random.Random(count)
    started = time.perf_counter()
    for first in range(0, count, BATCH):
        batch = [caso(n, rng) for n in range(first, min(count, first + BATCH))]

        async def insert(tx: Transaction, batch: list[Document] = batch) -> None:
            for document in batch:
                await tx.insert(ISTANZE, document)

        await store.run(insert)
    return time.perf_counter() - started


async def timed(store: SqliteStore, after: str | None, queries: int) -> list[float]:
    samples = []
    for _ in range(queries):
        started = time.perf_counter()
        found = await store.run(partial(next_page, after=after))
        samples.append(time.perf_counter() - started)
        assert len(found.documents) == LIST["limit"]
    return samples


async def deep_cursor(store: SqliteStore, pages: int) -> str:
    after: str | None = None
    for _ in range(pages):
        found = await store.run(partial(next_page, after=after))
        assert found.next is not None
        after = found.next
    assert after is not None
    return after


async def next_page(tx: Transaction, after: str | None) -> Page:
    return await tx.page(ISTANZE, **LIST, after=after)


def rss_mb() -> float:
    for row in Path("/proc/self/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            return int(row.split()[1]) / 1024
    return float("nan")


async def measure(directory: Path, count: int, queries: int) -> tuple[float, float]:
    store = SqliteStore(directory / f"istanze-{count}.sqlite")
    await store.open(INDEXES)
    try:
        seconds = await seed(store, count)
        mine = await store.run(lambda tx: tx.count(ISTANZE, LAWYER))
        file_mb = (directory / f"istanze-{count}.sqlite").stat().st_size / 2**20
        print(
            f"N = {count:,}: seeded in {seconds:.1f} s ({file_mb:.0f} MB), lawyer's list {mine:,}"
        )
        await timed(store, None, 5)  # warm the page cache and the code paths
        first = await timed(store, None, queries)
        print(line(f"  first page (limit {LIST['limit']})", first, high=0.99))
        depth = max(1, count // 100)
        cursor = await deep_cursor(store, depth)
        deep = await timed(store, cursor, queries)
        print(line(f"  page {depth + 1} (cursor {depth} pages in)", deep, high=0.99))
        print(f"  RSS {rss_mb():.0f} MB")
    finally:
        await store.close()
    return sorted(first)[len(first) // 2], sorted(deep)[len(deep) // 2]


async def run(sizes: list[int], queries: int) -> None:
    print(f"machine: {machine()}")
    print(f"reference loop: {reference_ms():.0f} ms (lower is a faster machine)")
    medians = {}
    with tempfile.TemporaryDirectory(prefix="store-page-") as directory:
        for count in sizes:
            medians[count] = await measure(Path(directory), count, queries)
    small, large = min(sizes), max(sizes)
    for label, index in (("first page", 0), ("deep page", 1)):
        ratio = medians[large][index] / medians[small][index]
        print(f"p50({large:,}) / p50({small:,}), {label}: {ratio:.2f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000", help="comma-separated N")
    parser.add_argument("-q", "--queries", type=int, default=200, help="timed pages per kind")
    arguments = parser.parse_args()
    sizes = [int(size) for size in arguments.sizes.split(",")]
    asyncio.run(run(sizes, arguments.queries))


if __name__ == "__main__":
    main()
