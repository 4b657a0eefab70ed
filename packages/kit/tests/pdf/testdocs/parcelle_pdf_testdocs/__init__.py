"""Document templates for the render pool's tests, packaged as a service packages its own.

The tests put ``testdocs/`` on ``sys.path``; spawned worker processes inherit it, so they
import this package by name, as they would a service's. Objects defined here can travel in
a render's context (they are pickled to the worker and unpickled there).
"""

import os
import signal


class Crash:
    """Kills the worker process that renders it, as the kernel's OOM killer would."""

    def now(self) -> str:
        os.kill(os.getpid(), signal.SIGKILL)
        return "unreachable"


class Faulty:
    """A context object whose rendering raises an exception WeasyPrint never sees."""

    def __str__(self) -> str:
        raise RuntimeError("guasto nel contesto")
