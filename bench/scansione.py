"""Benchmark: scan-to-acquired latency, as a scanner station sees it.

Run from the repository root (RabbitMQ must answer)::

    uv run --all-packages python bench/scansione.py [-n 500] [--preparers 4]

It starts ``parcelle up`` with a fresh var directory and its own bus namespace and ports,
deposits N applications through the REST API as the demo lawyer (demo signature), then posts
one scan per application from the demo scanner station (``POST /api/v1/scanner/eventi`` with
the key in ``var/demo/stazione.key``), one after another as a clerk at the counter would, and
prints p50/p99 of the time from the post to the answer "acquired" (protocol number assigned,
relatore assigned, events staged), and the machine.
"""

import argparse
import asyncio
import time
from datetime import UTC, datetime
from pathlib import Path

import httpx
from figures import line, machine, show
from sistema import parcelle_up

from parcelle_testing.avvocato import deposited, lawyer, small_pdf


async def run(base: str, var: Path, count: int, preparers: int) -> list[float]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        headers = await lawyer(http)
        pdf = small_pdf("allegato")
        codes: list[str] = []
        started = time.perf_counter()
        queue = asyncio.Queue[int]()
        for number in range(count):
            queue.put_nowait(number)

        async def preparer() -> None:
            while not queue.empty():
                queue.get_nowait()
                codes.append(str((await deposited(http, headers, pdf))["codice"]))

        await asyncio.gather(*(preparer() for _ in range(preparers)))
        show(f"prepared {count} deposited applications in {time.perf_counter() - started:.0f} s")
        station = {"X-Station-Key": (var / "demo" / "stazione.key").read_text().strip()}
        await asyncio.sleep(2)  # let acquisizione take in the last deposits
        latencies = []
        for codice in codes:
            begin = time.perf_counter()
            answer = await http.post(
                "/api/v1/scanner/eventi",
                headers=station,
                json={"codice": codice, "letto_il": datetime.now(UTC).isoformat()},
            )
            latencies.append(time.perf_counter() - begin)
            if answer.status_code != 202 or answer.json()["esito"] != "acquisita":
                raise SystemExit(f"scan of {codice} answered {answer.status_code}: {answer.text}")
        return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=500, help="scans to time")
    parser.add_argument("--preparers", type=int, default=4, help="deposits prepared at once")
    arguments = parser.parse_args()
    with parcelle_up() as (base, var):
        latencies = asyncio.run(run(base, var, arguments.n, arguments.preparers))
    show(f"machine: {machine()}")
    show(line("scan to acquired, station client", latencies, high=0.99))


if __name__ == "__main__":
    main()
