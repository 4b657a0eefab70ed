"""The PDF render pool: WeasyPrint in worker processes behind an async API.

WeasyPrint is CPU-bound pure Python (layout) plus C (Pango, HarfBuzz): run in the event loop's
process it would stall every other message for the ~100 ms a document takes, and threads would
share one GIL. So documents are rendered in a ``ProcessPoolExecutor`` of ``spawn``-started
workers (a fork of a process running asyncio, OpenTelemetry exporters and broker connections
inherits their threads' locks in whatever state they were in). Each worker warms up before it
takes work; a worker that dies is replaced by recreating the pool.

Typical use, in a service's composition root::

    async with PdfRenderer(["istanze"], workers=2) as renderer:
        pdf = await renderer.render("istanze", "istanza.html", {"istanza": istanza})
"""

import asyncio
import importlib.util
import multiprocessing
import os
import pickle
import shutil
import tempfile
import time
from collections.abc import Iterable, Mapping
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from types import TracebackType
from typing import Any, Self

import structlog

from parcelle_kit.pdf import worker
from parcelle_kit.pdf.asset_policy import KIT_PACKAGE
from parcelle_kit.pdf.errors import RendererStartError, RendererStateError, WorkerCrashedError

logger = structlog.get_logger(__name__)


class PdfRenderer:
    """A pool of warm WeasyPrint workers rendering packaged Jinja templates to PDF/A.

    ``packages`` are the Python packages whose ``templates/`` this pool serves (and whose
    ``assets/`` documents may load); ``workers`` processes render in parallel;
    ``pdf_variant`` is the PDF/A flavour written (PDF/A-2b by default: archival, allows
    transparency, attachments stay out); ``max_renders_per_worker`` recycles a worker after
    that many documents (``None``: never), should memory ever creep.
    """

    def __init__(
        self,
        packages: Iterable[str],
        *,
        workers: int = 2,
        pdf_variant: worker.PdfVariant = "pdf/a-2b",
        start_timeout: float = 120.0,
        max_renders_per_worker: int | None = None,
    ) -> None:
        if workers < 1:
            raise ValueError("workers must be at least 1")
        self._packages = tuple(dict.fromkeys(packages))
        self._config = worker.WorkerConfig(self._packages, pdf_variant)
        self._workers = workers
        self._start_timeout = start_timeout
        self._max_renders = max_renders_per_worker
        self._pool: _Pool | None = None
        self._closed = False
        self._lock = asyncio.Lock()
        self._starting: asyncio.Task[None] | None = None

    @property
    def workers(self) -> int:
        """How many worker processes render in parallel."""
        return self._workers

    async def start(self) -> None:
        """Start the workers and return once every one of them is warm.

        Raises :class:`RendererStartError` when a worker cannot warm up (fonts missing,
        package without templates, a template with a syntax error).
        """
        async with self._lock:
            if self._closed:
                raise RendererStateError("the PDF renderer is closed")
            if self._pool is None:
                for package in self._packages:
                    if importlib.util.find_spec(package) is None:
                        raise RendererStartError(f"no such Python package: {package!r}")
                self._pool = await self._spawn()

    def start_soon(self) -> None:
        """Warm the workers up in the background; renders asked meanwhile wait for them.

        A service calls this at start so that it answers at once: warming up takes seconds,
        and only the first document needs to wait. A failed start is logged here and raised
        to every render.
        """
        if self._starting is None and self._pool is None:
            self._starting = asyncio.create_task(self.start(), name="pdf-renderer-start")
            self._starting.add_done_callback(_log_failed_start)

    async def render(self, package: str, template: str, context: Mapping[str, Any]) -> bytes:
        """The PDF (bytes) of ``template`` from ``package`` rendered with ``context``.

        Raises :class:`TemplateNotFoundError`, :class:`TemplateRenderError`,
        :class:`AssetRefusedError` or :class:`PdfLayoutError` for a document that cannot be
        rendered (the pool carries on), and :class:`WorkerCrashedError` when the worker died
        during this render (the pool has been recreated; trying again is safe). A package
        not given to the constructor is a ``ValueError``; a context that cannot be pickled
        to a worker is a ``TypeError``.
        """
        if package not in self._packages and package != KIT_PACKAGE:
            raise ValueError(f"package {package!r} is not served by this renderer")
        arguments = (package, template, dict(context))
        try:
            # The executor would pickle it in a background thread and fail the render with a
            # bare AttributeError; checking here names the problem (a few µs for a context).
            pickle.dumps(arguments)
        except (pickle.PicklingError, AttributeError, TypeError) as exc:
            raise TypeError(f"the context of {template} cannot be sent to a worker: {exc}") from exc
        pool = await self._current()
        try:
            future = pool.executor.submit(worker.render_document, *arguments)
        except BrokenProcessPool:
            # A worker died while idle (killed, out of memory): this document never ran,
            # so it is submitted again to the new pool, once.
            pool = await self._replace(pool)
            future = pool.executor.submit(worker.render_document, *arguments)
        try:
            return await asyncio.wrap_future(future)
        except asyncio.CancelledError:
            task = asyncio.current_task()
            if self._closed and task is not None and not task.cancelling():
                # close() cancelled the pending work, not our caller.
                raise RendererStateError(
                    f"renderer closed before {template} was rendered"
                ) from None
            raise
        except BrokenProcessPool as exc:
            await self._replace(pool)
            raise WorkerCrashedError(
                f"a PDF worker died while rendering {package}/{template}; the pool was restarted"
            ) from exc

    async def close(self) -> None:
        """Stop the workers; pending renders are cancelled. Safe to call twice."""
        if self._starting is not None and not self._starting.done():
            self._starting.cancel()  # a warm-up still running stops here, not after it
            await asyncio.gather(self._starting, return_exceptions=True)
        async with self._lock:
            self._closed = True
            pool, self._pool = self._pool, None
        if pool is not None:
            await asyncio.to_thread(pool.shutdown, wait=True)

    async def __aenter__(self) -> Self:
        await self.start()
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        traceback: TracebackType | None,
    ) -> None:
        await self.close()

    async def _current(self) -> "_Pool":
        if self._starting is not None and not self._starting.done():
            await asyncio.shield(self._starting)
        elif self._starting is not None and self._starting.exception() is not None:
            raise RendererStartError(
                "the PDF workers did not start"
            ) from self._starting.exception()
        # Taking the lock makes a render wait while a broken pool is being replaced.
        async with self._lock:
            if self._closed:
                raise RendererStateError("the PDF renderer is closed")
            if self._pool is None:
                raise RendererStateError("the PDF renderer is not started: await start() first")
            return self._pool

    async def _replace(self, broken: "_Pool") -> "_Pool":
        """Swap a broken pool for a new warm one (once, however many renders noticed)."""
        async with self._lock:
            if self._closed or self._pool is None:
                raise RendererStateError("the PDF renderer is closed")
            if self._pool is broken:
                logger.warning("pdf_pool_broken", action="recreating", workers=self._workers)
                # The executor has already terminated the surviving workers.
                broken.shutdown(wait=False)
                self._pool = await self._spawn()
            return self._pool

    async def _spawn(self) -> "_Pool":
        context = multiprocessing.get_context("spawn")
        barrier = context.Barrier(self._workers)
        scratch = tempfile.mkdtemp(prefix="parcelle-pdf-")
        executor = ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=context,
            initializer=worker.initialize,
            initargs=(self._config, barrier, scratch, os.getpid()),
            max_tasks_per_child=self._max_renders,
        )
        pool = _Pool(executor, scratch)
        started = time.perf_counter()
        # The pool starts a process per submitted task until it has max_workers: one
        # ``ready`` task per worker starts them all, and completes once all are warm.
        futures = [
            asyncio.wrap_future(executor.submit(worker.ready, self._start_timeout))
            for _ in range(self._workers)
        ]
        try:
            async with asyncio.timeout(self._start_timeout):
                await asyncio.gather(*futures)
        except BaseException as exc:
            barrier.abort()  # release the workers still waiting, so shutdown is quick
            for future in futures:
                future.cancel()
            if isinstance(exc, asyncio.CancelledError):
                # Closed while warming up: nothing is rendering, so the workers are stopped
                # now rather than after their multi-second warm-up. ProcessPoolExecutor has
                # no public way to do this before Python 3.14's terminate_workers().
                for process in list(getattr(executor, "_processes", {}).values()):
                    process.terminate()
            await asyncio.to_thread(pool.shutdown, wait=True)
            if isinstance(exc, TimeoutError | BrokenProcessPool):
                raise RendererStartError(f"PDF workers did not start: {exc!r}") from exc
            raise
        logger.info(
            "pdf_pool_ready",
            workers=self._workers,
            seconds=round(time.perf_counter() - started, 2),
        )
        return pool


@dataclass(frozen=True)
class _Pool:
    """One generation of worker processes and the scratch directory they write fonts to.

    WeasyPrint copies @font-face fonts into a temporary directory per worker and removes it
    only when the worker exits cleanly; a killed worker would leave ~2 MB behind each time.
    The workers create theirs under ``scratch``, which goes when the pool goes.
    """

    executor: ProcessPoolExecutor
    scratch: str

    def shutdown(self, *, wait: bool) -> None:
        self.executor.shutdown(wait=wait, cancel_futures=True)
        shutil.rmtree(self.scratch, ignore_errors=True)


def _log_failed_start(task: "asyncio.Task[None]") -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("pdf_pool_start_failed", error=repr(task.exception()))
