"""Benchmark: deposit latency through the gateway, with every service in its own process.

Run from the repository root (RabbitMQ must answer)::

    uv run --all-packages python bench/deposito.py [-n 40]

It starts ``parcelle up`` with a fresh var directory and its own bus namespace and ports,
prepares N complete applications through the REST API as the demo lawyer (client, matter,
amounts, two attachments, demo signature), then deposits them one at a time and prints the
p50/p99 latency of ``POST /api/v1/istanze/{id}/deposito`` (the signature check by ``firma``,
the receipt PDF, the state change, the outbox) and the machine.
"""

import argparse
import asyncio
import time

import httpx
from figures import line, machine
from sistema import parcelle_up

from parcelle_testing.avvocato import lawyer, signed_draft, small_pdf


async def run(base: str, count: int) -> list[float]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        headers = await lawyer(http)
        pdf = small_pdf("allegato")
        ids = [(await signed_draft(http, headers, pdf))["id"] for _ in range(count + 3)]
        latencies = []
        for position, istanza_id in enumerate(ids):
            started = time.perf_counter()
            response = await http.post(f"/api/v1/istanze/{istanza_id}/deposito", headers=headers)
            elapsed = time.perf_counter() - started
            response.raise_for_status()
            if position >= 3:  # the first deposits warm caches and connections
                latencies.append(elapsed)
        return latencies


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=40, help="deposits to time")
    count = parser.parse_args().n
    with parcelle_up() as (base, _):
        latencies = asyncio.run(run(base, count))
    print(f"machine: {machine()}")
    print(line("deposit through the gateway", latencies, high=0.99))


if __name__ == "__main__":
    main()
