"""Gapless numbering under concurrency: two `acquisizione` processes, started as production
starts them (``parcelle run acquisizione``), share one store and compete for the same queues on
the real broker; 500 cases acquired by concurrent clients get the numbers 1 to 500, no gap, no
duplicate; one code scanned 20 times at once is acquired once."""

import asyncio
import os
import signal
import subprocess
import sys
import time
from collections import Counter
from collections.abc import AsyncIterator, Iterator
from pathlib import Path
from typing import Any

import pytest

from acquisizione.adapters.registro import StoreRegistroRepository
from acquisizione.bootstrap import ORDINE_DEMO, service, unit_of_work
from acquisizione.domain.protocollo import anno_del_registro
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import utcnow
from parcelle_kit.codes import nuovo_codice
from parcelle_kit.store.sqlite import SqliteStore

from ..finti import STAZIONE, depositata, scansione
from .conftest import Client

pytestmark = pytest.mark.e2e
PARCELLE = str(Path(sys.executable).with_name("parcelle"))
SECRET = "concurrency-test-secret-0123456789abcdefghij"
CASI = 500
IN_VOLO = 32
"""Requests in flight at once: a busy counter with several stations and clerks, and more."""


def avviato(log: Path) -> bool:
    return log.exists() and "service started" in log.read_text(errors="replace")


@pytest.fixture
def processi(tmp_path: Path, settings_env: dict[str, str]) -> Iterator[list[Path]]:
    """Two `acquisizione` processes on the same settings; their log files."""
    env = {**settings_env, "PARCELLE_SECRET_KEY": SECRET, "PARCELLE_LOG_LEVEL": "INFO"}
    logs = [tmp_path / f"acquisizione-{n}.log" for n in (1, 2)]
    avviati = []
    for log in logs:
        with log.open("w") as stderr:
            avviati.append(
                subprocess.Popen(
                    [PARCELLE, "run", "acquisizione"],
                    cwd=tmp_path,
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=stderr,
                )
            )
    try:
        deadline = time.monotonic() + 60
        while not all(avviato(log) for log in logs):
            assert time.monotonic() < deadline, [log.read_text() for log in logs]
            assert all(p.poll() is None for p in avviati), [log.read_text() for log in logs]
            time.sleep(0.1)
        yield logs
    finally:
        for process in avviati:
            if process.poll() is None:
                process.send_signal(signal.SIGTERM)
        for process in avviati:
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.kill(process.pid, signal.SIGKILL)
                process.wait()


@pytest.fixture
async def store_condiviso(settings_values: dict[str, Any]) -> AsyncIterator[SqliteStore]:
    """The processes' SQLite file, opened by the test too (WAL: safe across processes).

    The demo Ordine is configured here before the processes start, without the automatic
    assignment: this test is about numbers, and every assignment would prepare a notice that
    asks `istanze`, which is not running (the seed at start keeps what is stored).
    """
    store = SqliteStore(Path(settings_values["var_dir"]) / "acquisizione.sqlite")
    await store.open(service.indexes)
    manuale = ORDINE_DEMO.model_copy(update={"assegnazione_automatica": False})
    await store.run(lambda tx: unit_of_work(tx).impostazioni.salva(manuale))
    yield store
    await store.close()


async def test_two_processes_500_concurrent_acquisitions_numbers_1_to_500(
    store_condiviso: SqliteStore, processi: list[Path], client: Client
) -> None:
    anno = anno_del_registro(utcnow())
    codici = [nuovo_codice(SECRET, "DEMO", 2026) for _ in range(CASI + 1)]
    for n, codice in enumerate(codici):
        await client.publisher.publish(depositata(f"istanza-{n}", codice))
    await client.attendi_in_attesa(CASI + 1, timeout=120)

    limite = asyncio.Semaphore(IN_VOLO)

    async def acquisisci(codice: str, *attore: Attore, **altro: Any) -> contratti.Pratica:
        async with limite:
            richiesta = scansione(codice, *attore, **altro)
            return await client.ok(richiesta, contratti.Pratica, timeout=60)

    inizio = time.perf_counter()
    origini = ("scanner", "elenco", "api")
    pratiche = await asyncio.gather(
        *(
            acquisisci(
                codice,
                STAZIONE.model_copy(update={"stazione": f"banco-{n % 4}"}),
                origine=origini[n % 3],
            )
            for n, codice in enumerate(codici[:CASI])
        )
    )
    durata = time.perf_counter() - inizio
    print(f"\n{CASI} acquisitions by 2 processes, {IN_VOLO} in flight: {durata:.1f} s")  # noqa: T201

    numeri = [p.protocollo for p in pratiche]
    assert sorted(n for n in numeri if n) == [f"{anno}/{i:06d}" for i in range(1, CASI + 1)]
    assert not any(p.gia_acquisita for p in pratiche)
    assert len({p.istanza_id for p in pratiche}) == CASI
    registro = await store_condiviso.run(lambda tx: StoreRegistroRepository(tx).protocolli("DEMO"))
    assert [r["protocollo"] for r in registro] == [f"{anno}/{i:06d}" for i in range(1, CASI + 1)]
    assert {r["istanza_id"] for r in registro} == {p.istanza_id for p in pratiche}
    # Both processes competed for the requests: each logged acquisitions of its own.
    per_processo = [log.read_text().count('"event": "case acquired"') for log in processi]
    print(f"acquisitions per process: {per_processo}")  # noqa: T201
    assert sum(per_processo) == CASI
    assert all(n > 0 for n in per_processo), per_processo

    # One code, 20 scans at once: one acquisition, the next number, 19 "already acquired".
    ultimo = codici[CASI]
    stesse = await asyncio.gather(*(acquisisci(ultimo) for _ in range(20)))
    assert Counter(p.gia_acquisita for p in stesse) == {True: 19, False: 1}
    assert {p.protocollo for p in stesse} == {f"{anno}/{CASI + 1:06d}"}
    assert (await client.in_attesa()).totale == 0
