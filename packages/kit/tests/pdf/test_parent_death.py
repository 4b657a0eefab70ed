"""Render workers end with the process that started them, however it ends: a service killed
with ``kill -9`` leaves no worker (nor scratch directory) behind, and a service started again
renders with workers of its own."""

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

from .conftest import TESTDOCS_DIR
from .helpers import worker_pids

SCRIPT = Path(__file__).with_name("render_worker.py")


def start() -> tuple[subprocess.Popen[str], Path]:
    """A process with a warm pool that rendered once; its pool's scratch directory."""
    process = subprocess.Popen(
        [sys.executable, str(SCRIPT), str(TESTDOCS_DIR)], stdout=subprocess.PIPE, text=True
    )
    assert process.stdout is not None
    for line in process.stdout:  # its log lines come first
        if line.startswith("scratch "):
            return process, Path(line.split(" ", 1)[1].strip())
    raise AssertionError(f"the render process ended early ({process.wait()})")


def kill(process: subprocess.Popen[str]) -> None:
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    assert process.stdout is not None
    process.stdout.close()


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_killed_service_leaves_no_worker_and_a_new_one_renders() -> None:
    process, scratch = start()
    try:
        workers = worker_pids(process.pid)
        assert len(workers) == 2
        assert scratch.is_dir()
    finally:
        kill(process)  # however the assertions went: nothing of the test outlives it
    deadline = time.monotonic() + 2
    while any(alive(pid) for pid in workers) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert not [pid for pid in workers if alive(pid)], "workers outlived their service"
    assert not scratch.exists()

    again, scratch_again = start()  # renders, or start() fails
    try:
        assert worker_pids(again.pid)
        assert scratch_again != scratch
    finally:
        kill(again)
