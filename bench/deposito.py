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
import io
import os
import secrets
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
from figures import line, machine

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))
from tests.integration.lawyers import SAMPLE, small_pdf

PARCELLE = str(Path(sys.executable).with_name("parcelle"))


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


async def prepare(http: httpx.AsyncClient, headers: dict[str, str]) -> str:
    created = (await http.post("/api/v1/istanze", json=SAMPLE, headers=headers)).json()
    for categoria in ("parcella", "prova_invio"):
        response = await http.post(
            f"/api/v1/istanze/{created['id']}/allegati",
            headers=headers,
            data={"categoria": categoria},
            files={
                "file": (f"{categoria}.pdf", io.BytesIO(small_pdf(categoria)), "application/pdf")
            },
        )
        response.raise_for_status()
    signed = await http.post(f"/api/v1/istanze/{created['id']}/firma-demo", headers=headers)
    signed.raise_for_status()
    return str(created["id"])


async def run(base: str, count: int) -> list[float]:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        login = await http.post(
            "/api/v1/auth/token", data={"username": "avvocato.demo", "password": "demo"}
        )
        login.raise_for_status()
        headers = {"Authorization": f"Bearer {login.json()['access_token']}"}
        ids = [await prepare(http, headers) for _ in range(count + 3)]
        latencies = []
        for position, istanza_id in enumerate(ids):
            started = time.perf_counter()
            response = await http.post(f"/api/v1/istanze/{istanza_id}/deposito", headers=headers)
            elapsed = time.perf_counter() - started
            response.raise_for_status()
            if position >= 3:  # the first deposits warm caches and connections
                latencies.append(elapsed)
        return latencies


def wait_ready(process: subprocess.Popen[str]) -> None:
    assert process.stdout is not None
    for output in process.stdout:
        if "ready at" in output:
            return
    raise SystemExit(f"parcelle up ended without becoming ready (code {process.wait()})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=40, help="deposits to time")
    count = parser.parse_args().n
    port = free_port()
    with tempfile.TemporaryDirectory() as var:
        env = {
            **os.environ,
            "PARCELLE_VAR_DIR": var,
            "PARCELLE_BUS_NAMESPACE": f"bench{secrets.token_hex(3)}",
            "PARCELLE_QUEUE_EXPIRES_MS": "60000",
            "PARCELLE_GATEWAY_PORT": str(port),
            "PARCELLE_SMTP_SINK_PORT": str(free_port()),
            "PARCELLE_LOG_LEVEL": "WARNING",
            "PARCELLE_DEMO_PASSWORD": "demo",
        }
        with subprocess.Popen(
            [PARCELLE, "up"], env=env, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True
        ) as process:
            try:
                wait_ready(process)
                latencies = asyncio.run(run(f"http://127.0.0.1:{port}", count))
            finally:
                process.terminate()
                process.wait(timeout=60)
    print(f"machine: {machine()}")
    print(line("deposit through the gateway", latencies, high=0.99))


if __name__ == "__main__":
    main()
