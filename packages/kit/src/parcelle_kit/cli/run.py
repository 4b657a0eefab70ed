"""``parcelle run SERVICE``: one process, stopped cleanly by SIGTERM or Ctrl-C.

When started by ``parcelle up`` the process also stops if its supervisor disappears, so no
orphan keeps a queue consumer alive after a crash of the supervisor.
"""

import asyncio
import os
import signal

from parcelle_kit.cli.processes import load_process
from parcelle_kit.logging import get_logger

SUPERVISOR_VARIABLE = "PARCELLE_SUPERVISOR_PID"
logger = get_logger(__name__)


def run_process(name: str) -> int:
    try:
        asyncio.run(_serve(name))
    except KeyboardInterrupt:
        return 130
    except Exception as error:
        # Startup failures (broker unreachable, bad configuration) end here: one clear line,
        # a non-zero exit, and the supervisor decides whether to retry.
        logger.error("process failed", process=name, error=str(error), exc_info=True)
        return 1
    return 0


async def _serve(name: str) -> None:
    stop = asyncio.Event()
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, stop.set)
    watcher = None
    supervisor = os.environ.get(SUPERVISOR_VARIABLE)
    if supervisor:
        watcher = asyncio.create_task(_watch_supervisor(int(supervisor), stop))
    try:
        await load_process(name).run(stop)
    finally:
        if watcher is not None:
            watcher.cancel()


async def _watch_supervisor(pid: int, stop: asyncio.Event) -> None:
    while os.getppid() == pid:
        await asyncio.sleep(1.0)
    logger.warning("supervisor gone; stopping")
    stop.set()
