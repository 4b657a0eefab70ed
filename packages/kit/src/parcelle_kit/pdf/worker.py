"""The functions a pool worker process runs: warm-up at start, then one call per document.

``concurrent.futures`` hands a worker plain functions and pickled arguments, so the warm
engine has to live in this module, one per process: ``initialize`` sets it once and nothing
else writes it. This module stays light: the engine, and WeasyPrint with it, are imported
inside ``initialize``, so the parent process, which imports this module to name the
functions, never loads WeasyPrint.
"""

import gc
import os
import shutil
import tempfile
import threading
import time
from collections.abc import Mapping
from dataclasses import dataclass
from threading import Barrier
from typing import TYPE_CHECKING, Any, Literal

from parcelle_kit.pdf.errors import RendererStartError

if TYPE_CHECKING:
    from parcelle_kit.pdf.engine import Engine

PdfVariant = Literal["pdf/a-2b", "pdf/a-2u", "pdf/a-3b", "pdf/a-3u"]
"""The PDF/A flavours WeasyPrint writes that the pool offers."""


@dataclass(frozen=True)
class WorkerConfig:
    """What every worker needs to build its engine (pickled to the process)."""

    packages: tuple[str, ...]
    pdf_variant: PdfVariant


@dataclass
class _Process:
    """This process's state; see the module docstring."""

    engine: "Engine | None" = None
    startup_error: str | None = None
    barrier: Barrier | None = None


_process = _Process()


PARENT_CHECK_SECONDS = 0.5
"""How often a worker looks whether the service that started it is still alive."""


def watch_parent(parent: int, scratch: str, interval: float = PARENT_CHECK_SECONDS) -> None:
    """End this process as soon as ``parent`` is gone, however it ended (``kill -9``
    included), removing the pool's scratch directory, which nobody else will remove now.

    A worker blocks on its task queue, whose pipe it holds both ends of, so it would never
    see its parent go; ``PR_SET_PDEATHSIG`` would not do either, since it fires when the
    *thread* that started the worker ends, and the pool starts replacements from its own
    threads. A parent that dies hands its children to another process: the parent pid
    changes, and that is what this daemon thread watches.
    """

    def watch() -> None:
        while os.getppid() == parent:
            time.sleep(interval)
        shutil.rmtree(scratch, ignore_errors=True)
        os._exit(0)

    threading.Thread(target=watch, name="parent-watch", daemon=True).start()


def initialize(config: WorkerConfig, barrier: Barrier, scratch: str, parent: int) -> None:
    """Build and warm this process's engine (the pool's initializer); end with ``parent``.

    ``scratch`` becomes this process's temporary directory: the pool removes it with the
    pool, so a worker that is killed leaves nothing behind. A failure is kept and raised by
    every task instead of escaping here: an initializer that raises marks the whole pool
    broken, and the caller would learn only that a process "terminated abruptly", not why.
    """
    watch_parent(parent, scratch)
    _process.barrier = barrier
    tempfile.tempdir = scratch
    try:
        # Imported here, in the worker only: see the module docstring.
        from parcelle_kit.pdf.engine import Engine

        engine = Engine(config.packages, pdf_variant=config.pdf_variant)
        engine.warm_up()
    except Exception as exc:
        _process.startup_error = f"{type(exc).__name__}: {exc}"
        return
    _process.engine = engine
    # Everything alive now (modules, fonts, caches) lives as long as the process: move it
    # out of the collector's reach, so collections during a render only walk what the
    # render allocated (measured: fewer and shorter pauses).
    gc.collect()
    gc.freeze()


def ready(timeout: float) -> int:
    """Wait until every worker of the pool holds one of these tasks; return this pid.

    Each call blocks its worker at the barrier, so N calls complete only when N distinct
    workers have each finished ``initialize``: that is how the pool knows all are warm.
    """
    _raise_startup_error()
    if _process.barrier is not None:
        _process.barrier.wait(timeout)
    return os.getpid()


def render_document(package: str, template: str, context: Mapping[str, Any]) -> bytes:
    """Render one document with this process's warm engine."""
    _raise_startup_error()
    if _process.engine is None:
        raise RendererStartError("PDF worker used without its initializer")
    return _process.engine.render(package, template, context)


def _raise_startup_error() -> None:
    if _process.startup_error is not None:
        raise RendererStartError(f"PDF worker {os.getpid()}: {_process.startup_error}")
