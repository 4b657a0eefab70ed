"""Benchmark: the lawyer's case list through the REST API, as the years of cases pile up.

Run from the repository root (RabbitMQ must answer)::

    uv run --all-packages python bench/elenchi.py [--sizes 1000,10000,100000] [-n 200]

For each size N it seeds N applications of the demo lawyer (real documents of the istanze
service, with its indexes) straight into a fresh istanze store, starts ``parcelle run istanze``
and ``parcelle run gateway`` on that var directory, logs in as the demo lawyer, and times
``GET /api/v1/istanze`` (50 per page): the first page, and a page deep in the list (reached by
following ``next`` halfway, at most 1,000 pages in). It prints the machine, p50/p99 of each,
the memory (RSS) of the istanze process while it answers, and how p50 grows from the smallest
size to the largest. Nothing is asserted.
"""

import argparse
import asyncio
import os
import secrets
import statistics
import subprocess
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Any

import httpx
from figures import line, machine, show
from sistema import AMQP_URL, delete_exchanges

from istanze import views
from istanze.adapters.archivio import INDEXES, ISTANZE, in_dizionario
from istanze.domain.istanza import Istanza
from parcelle_contracts.common import Attore
from parcelle_contracts.esempi import ESEMPIO
from parcelle_contracts.istanze import ContenutoIstanza
from parcelle_kit import demo
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.avvocato import lawyer
from parcelle_testing.comando import PARCELLE, free_port

BATCH = 5_000
START = datetime(2019, 1, 1, tzinfo=UTC)


def modello() -> dict[str, Any]:
    """One stored application of the demo lawyer, as the service writes it."""
    user = demo.AVVOCATO
    attore = Attore(
        username=user.username,
        ruolo="avvocato",
        ordine=demo.ORDINE,
        nome=user.nome,
        cognome=user.cognome,
        codice_fiscale=user.codice_fiscale,
        pec=user.pec,
    )
    istanza = Istanza.crea(
        id="modello",
        codice="DEMO-26-MODELLO",
        ordine=demo.ORDINE,
        avvocato=views.avvocato(attore),
        ora=START,
        contenuto=views.contenuto(ContenutoIstanza.model_validate(ESEMPIO)),
    )
    return in_dizionario(istanza)


async def seed(var: Path, n: int) -> float:
    """``n`` applications in the istanze store under ``var``; the seconds it took."""
    base = modello()
    store = SqliteStore(var / "istanze.sqlite")
    await store.open(INDEXES)
    begin = time.perf_counter()
    try:
        for first in range(0, n, BATCH):

            async def batch(tx: Any, first: int = first) -> None:
                for number in range(first, min(first + BATCH, n)):
                    when = (START + timedelta(minutes=number)).isoformat()
                    await tx.insert(
                        ISTANZE,
                        {
                            **base,
                            "_id": f"bench-{number:07d}",
                            "codice": f"DEMO-26-{number:07d}",
                            "aggiornata_il": when,
                        },
                    )

            await store.run(batch)
    finally:
        await store.close()
    return time.perf_counter() - begin


@contextmanager
def servizi(var: Path) -> Iterator[tuple[str, int]]:
    """istanze and the gateway on ``var``: the gateway's address and istanze's pid."""
    port = free_port()
    namespace = f"bench{secrets.token_hex(3)}"
    env = {
        **os.environ,
        "PARCELLE_VAR_DIR": str(var),
        "PARCELLE_BUS_NAMESPACE": namespace,
        "PARCELLE_QUEUE_EXPIRES_MS": "60000",
        "PARCELLE_GATEWAY_PORT": str(port),
        "PARCELLE_LOG_LEVEL": "WARNING",
        "PARCELLE_DEMO_PASSWORD": "demo",
    }
    processes = [
        subprocess.Popen(
            [PARCELLE, "run", name], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
        )
        for name in ("istanze", "gateway")
    ]
    try:
        yield f"http://127.0.0.1:{port}", processes[0].pid
    finally:
        for process in processes:
            process.terminate()
        for process in processes:
            process.wait(timeout=60)
        asyncio.run(delete_exchanges(env.get("PARCELLE_AMQP_URL", AMQP_URL), namespace))


def rss_mb(pid: int) -> float:
    for row in Path(f"/proc/{pid}/status").read_text().splitlines():
        if row.startswith("VmRSS:"):
            return int(row.split()[1]) / 1024
    return float("nan")


async def misura(address: str, pid: int, n: int, samples: int) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=address, timeout=30) as http:
        async with asyncio.timeout(120):
            while True:
                try:
                    headers = await lawyer(http, password="demo")
                    if (await http.get("/api/v1/istanze", headers=headers)).status_code == 200:
                        break
                except (httpx.HTTPError, AssertionError):
                    pass
                await asyncio.sleep(0.5)

        async def tempi(url: str) -> list[float]:
            durate = []
            for _ in range(samples):
                begin = time.perf_counter()
                answer = await http.get(url, headers=headers)
                durate.append(time.perf_counter() - begin)
                assert answer.status_code == 200, answer.text
            return durate

        prima = "/api/v1/istanze?limit=50"
        await asyncio.sleep(5)  # the service warms its PDF workers at start: let it finish
        for _ in range(20):  # connections, caches, the interpreter's first calls
            await http.get(prima, headers=headers)
        first = await tempi(prima)
        rss = rss_mb(pid)
        url, depth = prima, min(n // 100, 1000)
        for _ in range(depth):
            url = (await http.get(url, headers=headers)).json()["next"]
        deep = await tempi(url)
        return {"first": first, "deep": deep, "depth": depth, "rss": max(rss, rss_mb(pid))}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("-n", type=int, default=200, help="requests timed per figure")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]
    show(f"machine: {machine()}")
    show("GET /api/v1/istanze (gateway -> RabbitMQ -> istanze, SQLite), 50 per page")
    p50: dict[int, tuple[float, float]] = {}
    for n in sizes:
        with tempfile.TemporaryDirectory() as directory:
            var = Path(directory)
            seeded = asyncio.run(seed(var, n))
            with servizi(var) as (address, pid):
                figures = asyncio.run(misura(address, pid, n, args.n))
        show(f"N = {n:,}: seeded in {seeded:.1f} s; istanze RSS {figures['rss']:.0f} MB")
        show("  " + line("first page", figures["first"], high=0.99))
        show("  " + line(f"page {figures['depth'] + 1}", figures["deep"], high=0.99))
        p50[n] = (statistics.median(figures["first"]), statistics.median(figures["deep"]))
    if len(sizes) > 1:
        small, large = p50[sizes[0]], p50[sizes[-1]]
        show(
            f"p50({sizes[-1]:,}) / p50({sizes[0]:,}): first page {large[0] / small[0]:.2f}, "
            f"deep page {large[1] / small[1]:.2f}"
        )


if __name__ == "__main__":
    main()
