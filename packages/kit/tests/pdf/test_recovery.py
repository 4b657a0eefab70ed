"""Lifecycle of the pool: warm start, clear start failures, and recovery from dead workers.

Each test has its own one-worker pool, since these tests break pools on purpose.
"""

import asyncio
import importlib
import os
import signal
import tempfile
from collections.abc import AsyncIterator
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
import pytest_asyncio

from parcelle_kit.pdf import (
    PdfRenderer,
    RendererStartError,
    RendererStateError,
    WorkerCrashedError,
)

from .conftest import BROKEN_DOCS
from .helpers import worker_pids

VALORE = {"valore": Decimal("1")}


@dataclass
class Pool:
    renderer: PdfRenderer
    pids: set[int]
    """This pool's worker processes as started (not any other pool's)."""


@pytest_asyncio.fixture
async def pool(testdocs: str) -> AsyncIterator[Pool]:
    before = worker_pids()
    async with PdfRenderer([testdocs], workers=1) as renderer:
        yield Pool(renderer, worker_pids() - before)


async def wait_until_reaped(pids: set[int]) -> None:
    """Wait until the pool has noticed the deaths (it reaps its dead children)."""
    async with asyncio.timeout(30):
        while any(os.path.exists(f"/proc/{pid}") for pid in pids):
            await asyncio.sleep(0.05)


async def test_start_returns_with_every_worker_alive(testdocs: str) -> None:
    before = worker_pids()
    async with PdfRenderer([testdocs], workers=2):
        assert len(worker_pids() - before) == 2
    assert worker_pids() - before == set()


async def test_worker_dying_during_a_render_is_reported_then_replaced(
    pool: Pool, testdocs: str
) -> None:
    crash = importlib.import_module(testdocs).Crash()

    with pytest.raises(WorkerCrashedError, match=r"crash\.html"):
        await pool.renderer.render(testdocs, "crash.html", {"crash": crash})

    pdf = await pool.renderer.render(testdocs, "valore.html", VALORE)
    assert pdf.startswith(b"%PDF")
    assert worker_pids().isdisjoint(pool.pids)


async def test_worker_killed_while_idle_is_replaced_without_failing_the_next_render(
    pool: Pool, testdocs: str
) -> None:
    assert len(pool.pids) == 1
    for pid in pool.pids:
        os.kill(pid, signal.SIGKILL)
    await wait_until_reaped(pool.pids)

    pdf = await pool.renderer.render(testdocs, "valore.html", VALORE)

    assert pdf.startswith(b"%PDF")
    assert worker_pids().isdisjoint(pool.pids)


async def test_template_that_does_not_compile_stops_the_start_with_its_line(
    testdocs: str,
) -> None:
    renderer = PdfRenderer([BROKEN_DOCS], workers=1)

    with pytest.raises(RendererStartError, match=r"rotto\.html.*line 4|line 4.*rotto\.html"):
        await renderer.start()

    await renderer.close()


async def test_unknown_package_stops_the_start() -> None:
    renderer = PdfRenderer(["parcelle_pacchetto_inesistente"], workers=1)

    with pytest.raises(RendererStartError, match="no such Python package"):
        await renderer.start()


async def test_render_outside_start_and_close_is_a_state_error(testdocs: str) -> None:
    renderer = PdfRenderer([testdocs], workers=1)
    with pytest.raises(RendererStateError, match="not started"):
        await renderer.render(testdocs, "valore.html", VALORE)

    await renderer.start()
    await renderer.close()
    await renderer.close()  # twice is fine

    with pytest.raises(RendererStateError, match="closed"):
        await renderer.render(testdocs, "valore.html", VALORE)


async def test_close_finishes_running_renders_and_refuses_the_queued_ones(
    pool: Pool, testdocs: str
) -> None:
    context = {"numero": 1, "righe": 150}
    renders = [
        asyncio.create_task(pool.renderer.render(testdocs, "lungo.html", context)) for _ in range(5)
    ]
    await asyncio.sleep(0.1)  # let every render reach the pool

    await pool.renderer.close()
    outcomes = await asyncio.gather(*renders, return_exceptions=True)

    finished = [outcome for outcome in outcomes if isinstance(outcome, bytes)]
    refused = [outcome for outcome in outcomes if isinstance(outcome, RendererStateError)]
    assert finished  # the one running when close() was called
    assert refused  # those still waiting for a worker
    assert len(finished) + len(refused) == len(outcomes), outcomes


async def test_crashed_workers_leave_no_files_behind(
    testdocs: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Each pool keeps its workers' temporary files (WeasyPrint's copies of the fonts) in
    # one directory under the temporary directory; point that at tmp_path to watch it.
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    crash = importlib.import_module(testdocs).Crash()
    renderer = PdfRenderer([testdocs], workers=1)
    await renderer.start()
    [first] = tmp_path.iterdir()
    assert any(first.iterdir())  # the fonts the worker loaded

    with pytest.raises(WorkerCrashedError):
        await renderer.render(testdocs, "crash.html", {"crash": crash})
    [second] = tmp_path.iterdir()
    assert second != first

    await renderer.close()
    assert list(tmp_path.iterdir()) == []
