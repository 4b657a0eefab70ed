"""Benchmark: from the councillor's decision to the signed order the lawyer can download.

Run from the repository root (RabbitMQ must answer)::

    uv run --all-packages python bench/flusso.py [-n 30]

It starts the whole system (``parcelle up``, fresh var directory), has the demo lawyer deposit N
applications and the clerk acquire them (untimed), then sends the N decisions through the REST
API at once and polls, as the lawyer, ``GET /api/v1/istanze/{id}/provvedimento`` until each
signed order is there. It prints the machine, p50/p99 of decision-to-download latency, cases
per second, and the CPU time per case of the processes involved, split into rendering the
order (revisione's PDF workers), signing it (firma) and the rest (every other process of the
system). Nothing is asserted.
"""

import argparse
import asyncio
import os
import time
from pathlib import Path
from typing import Any

import httpx
from figures import line, machine, show
from sistema import parcelle_up

from parcelle_kit import demo
from parcelle_testing.avvocato import SAMPLE, deposited, lawyer

TICKS = os.sysconf("SC_CLK_TCK")
DECISIONE: dict[str, Any] = {
    "esito": "liquidata",
    "voci": [
        {"fase": voce["fase"], "importo_liquidato": voce["importo"], "motivazione": "Congruo"}
        for voce in SAMPLE["voci"]
    ],
    "note": "Liquidata come richiesta.",
}


def processes(var: Path) -> dict[int, str]:
    """The system's processes (pid -> role): every ``parcelle run`` of this var directory,
    and each one's children (the PDF workers), named after their parent."""
    found: dict[int, str] = {}
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            command = (entry / "cmdline").read_bytes().split(b"\0")
            environ = (entry / "environ").read_bytes()
            parents[int(entry.name)] = int(
                (entry / "stat").read_text().rsplit(")", 1)[1].split()[1]
            )
        except OSError:
            continue
        if f"PARCELLE_VAR_DIR={var}".encode() in environ and b"run" in command:
            found[int(entry.name)] = command[command.index(b"run") + 1].decode()
    for pid, parent in parents.items():
        if parent in found and pid not in found:
            found[pid] = f"{found[parent]}-workers"
    return found


def cpu_seconds(pid: int) -> float:
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0.0
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime + stime


def cpu_by_role(var: Path) -> dict[str, float]:
    totals: dict[str, float] = {}
    for pid, role in processes(var).items():
        totals[role] = totals.get(role, 0.0) + cpu_seconds(pid)
    return totals


async def prepara(http: httpx.AsyncClient, n: int) -> tuple[list[str], dict[str, str]]:
    """N applications deposited and acquired; their ids, and the councillor's headers."""
    avvocato = await lawyer(http, password="demo")
    segreteria = await lawyer(http, demo.SEGRETERIA.username, "demo")
    consigliere = await lawyer(http, demo.CONSIGLIERE.username, "demo")
    ids = []
    for _ in range(n):
        istanza = await deposited(http, avvocato)
        async with asyncio.timeout(30):
            while True:
                acquired = await http.post(
                    "/api/v1/segreteria/acquisizioni",
                    json={"codice": istanza["codice"]},
                    headers=segreteria,
                )
                if acquired.status_code in (200, 201):
                    break
                await asyncio.sleep(0.2)  # the deposit reaches acquisizione as an event
        ids.append(istanza["id"])
    async with asyncio.timeout(60):  # the assignment reaches revisione as an event
        while True:
            listed = await http.get(
                "/api/v1/revisione/assegnate", params={"limit": 200}, headers=consigliere
            )
            if listed.status_code == 200 and len(listed.json()["items"]) >= n:
                break
            await asyncio.sleep(0.3)
    return ids, consigliere


async def decidi_e_scarica(
    http: httpx.AsyncClient, ids: list[str], consigliere: dict[str, str]
) -> list[tuple[float, float]]:
    avvocato = await lawyer(http, password="demo")

    async def uno(istanza_id: str) -> tuple[float, float]:
        inizio = time.perf_counter()
        deciso = await http.post(
            f"/api/v1/revisione/pratiche/{istanza_id}/decisione",
            json=DECISIONE,
            headers=consigliere,
        )
        assert deciso.status_code in (200, 201, 202), deciso.text
        async with asyncio.timeout(300):
            while True:
                scaricato = await http.get(
                    f"/api/v1/istanze/{istanza_id}/provvedimento", headers=avvocato
                )
                if scaricato.status_code == 200:
                    assert scaricato.content.startswith(b"%PDF")
                    return inizio, time.perf_counter()
                await asyncio.sleep(0.1)

    return list(await asyncio.gather(*(uno(i) for i in ids)))


async def run(base: str, var: Path, n: int) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:
        ids, consigliere = await prepara(http, n)
        await asyncio.sleep(3)  # let the acquisitions' notices finish rendering
        prima = cpu_by_role(var)
        tempi = await decidi_e_scarica(http, ids, consigliere)
        dopo = cpu_by_role(var)
    latenze = [fine - inizio for inizio, fine in tempi]
    durata = max(fine for _, fine in tempi) - min(inizio for inizio, _ in tempi)
    show(line(f"decision -> signed order downloadable (n={n} at once)", latenze, high=0.99))
    show(f"throughput: {n / durata:.2f} cases/s ({n} cases in {durata:.1f} s)")
    delta = {role: dopo.get(role, 0.0) - prima.get(role, 0.0) for role in dopo}
    render = delta.get("revisione-workers", 0.0)
    sign = delta.get("firma", 0.0) + delta.get("firma-workers", 0.0)
    rest = sum(delta.values()) - render - sign
    show(
        f"CPU per case: render {render / n * 1000:.0f} ms, sign {sign / n * 1000:.0f} ms, "
        f"rest {rest / n * 1000:.0f} ms (total {sum(delta.values()) / n * 1000:.0f} ms; "
        f"2 cores give at most {2 / max(sum(delta.values()) / n, 1e-9):.1f} cases/s)"
    )
    for role in sorted(delta):
        show(f"  {role:<24} {delta[role] / n * 1000:7.1f} ms/case")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=30, help="cases decided at once")
    args = parser.parse_args()
    show(f"machine: {machine()}")
    with parcelle_up() as (base, var):
        asyncio.run(run(base, var, args.n))


if __name__ == "__main__":
    main()
