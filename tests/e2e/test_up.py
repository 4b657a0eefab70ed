"""``parcelle up`` as a newcomer runs it: every process starts, answers, restarts, stops."""

import json
import os
import signal
import subprocess
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from parcelle_contracts.routing import SERVICES
from parcelle_testing.comando import PARCELLE, free_port

pytestmark = pytest.mark.e2e
CHILDREN = {*SERVICES, "gateway", "smtp-sink"}


def children_of(pid: int) -> dict[str, int]:
    """Name -> pid of the ``parcelle run NAME`` children of ``pid``."""
    found = {}
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
            argv = (entry / "cmdline").read_bytes().split(b"\0")
        except OSError:
            continue
        parent = int(stat.rsplit(")", 1)[1].split()[1])
        if parent == pid and b"run" in argv:
            found[argv[argv.index(b"run") + 1].decode()] = int(entry.name)
    return found


def readyz(base: str) -> tuple[int, dict[str, object]]:
    try:
        with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:
            return response.status, json.load(response)
    except urllib.error.HTTPError as error:
        return error.code, json.load(error)


def wait_until(condition: object, timeout: float, what: str) -> None:
    assert callable(condition)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(0.3)
    raise AssertionError(f"timed out waiting for {what}")


@pytest.fixture
def up(tmp_path: Path, settings_env: dict[str, str]) -> Iterator[tuple[subprocess.Popen[str], str]]:
    port = free_port()
    env = {
        **settings_env,
        "PARCELLE_GATEWAY_PORT": str(port),
        "PARCELLE_SMTP_SINK_PORT": str(free_port()),
        "PARCELLE_VAR_DIR": str(tmp_path / "var"),
    }
    process = subprocess.Popen(
        [PARCELLE, "up"],
        cwd=tmp_path,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    with process:  # closes the pipe whatever the test did
        yield process, f"http://127.0.0.1:{port}"
        if process.poll() is None:
            process.kill()


def test_up_serves_ready_restarts_a_crashed_child_and_stops_everything(
    up: tuple[subprocess.Popen[str], str],
) -> None:
    process, base = up
    assert process.stdout is not None
    for line in process.stdout:
        if "ready at" in line:
            assert f"{base}/" in line
            break
    else:
        pytest.fail(f"parcelle up ended without becoming ready (code {process.wait()})")
    announced = [process.stdout.readline() for _ in range(6)]
    assert any("avvocato.demo" in line for line in announced), announced
    assert any("segreteria.demo" in line for line in announced), announced
    assert any("avvocato.p12" in line for line in announced), announced

    status, body = readyz(base)
    assert status == 200, body
    assert body["services"].keys() == set(SERVICES)  # type: ignore[attr-defined]
    children = children_of(process.pid)
    assert set(children) == CHILDREN

    os.kill(children["istanze"], signal.SIGKILL)
    wait_until(
        lambda: children_of(process.pid).get("istanze") not in (None, children["istanze"]),
        30,
        "istanze to be restarted",
    )
    wait_until(lambda: readyz(base)[0] == 200, 60, "readiness after the restart")

    pids = children_of(process.pid).values()
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=60) == 0
    for pid in pids:
        assert not Path(f"/proc/{pid}").exists(), f"child {pid} still running"


def test_up_without_rabbitmq_says_so_in_one_line(
    tmp_path: Path, settings_env: dict[str, str]
) -> None:
    env = {**settings_env, "PARCELLE_AMQP_URL": f"amqp://guest:guest@127.0.0.1:{free_port()}/"}
    result = subprocess.run(
        [PARCELLE, "up"],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode != 0
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    assert "RabbitMQ does not answer" in lines[0]
    assert "rabbitmq-server -detached" in lines[0]
    assert "guest:guest" not in lines[0]
