"""``parcelle up``: the whole system on one machine, each service in its own process.

Checks that RabbitMQ answers (and says how to start it if not), starts the SMTP sink, the six
services and the gateway as child processes with embedded stores under ./var, restarts a child
that crashes (with back-off), waits until ``/readyz`` says every service answers, prints the
address, and on Ctrl-C or SIGTERM stops every child cleanly.
"""

import asyncio
import os
import signal
import sys
import time
from dataclasses import dataclass, field

from parcelle_kit import demo
from parcelle_kit.cli.processes import SMTP_SINK, process_names
from parcelle_kit.cli.readiness import broker_problem, wait_ready
from parcelle_kit.cli.run import SUPERVISOR_VARIABLE
from parcelle_kit.settings import Settings

STABLE_AFTER = 30.0
"""A child that ran this long before crashing is restarted at once, not after a back-off."""
MAX_BACKOFF = 30.0
KILL_GRACE = 5.0


@dataclass
class Child:
    """One supervised process."""

    name: str
    process: asyncio.subprocess.Process | None = None
    started_at: float = 0.0
    failures: int = 0
    restarts: int = field(default=0)


class Supervisor:
    """Keeps the children running until told to stop."""

    def __init__(self, names: list[str], env: dict[str, str], graceful_timeout: float) -> None:
        self.children = [Child(name) for name in names]
        self.env = env
        self.graceful_timeout = graceful_timeout
        self.stopping = asyncio.Event()

    async def run(self) -> None:
        keepers = [asyncio.create_task(self._keep(child)) for child in self.children]
        await self.stopping.wait()
        await self._stop_all()
        for keeper in keepers:
            keeper.cancel()
        await asyncio.gather(*keepers, return_exceptions=True)

    async def _keep(self, child: Child) -> None:
        while not self.stopping.is_set():
            child.process = await asyncio.create_subprocess_exec(
                sys.executable, "-m", "parcelle_kit.cli", "run", child.name, env=self.env
            )
            child.started_at = time.monotonic()
            code = await child.process.wait()
            if self.stopping.is_set():
                return
            ran_for = time.monotonic() - child.started_at
            child.failures = 1 if ran_for >= STABLE_AFTER else child.failures + 1
            delay = min(MAX_BACKOFF, 2.0 ** (child.failures - 1))
            _say(f"{child.name} exited with code {code}; restarting in {delay:g} s")
            child.restarts += 1
            try:
                await asyncio.wait_for(self.stopping.wait(), timeout=delay)
            except TimeoutError:
                continue

    async def _stop_all(self) -> None:
        running = [c.process for c in self.children if c.process and c.process.returncode is None]
        for process in running:
            process.send_signal(signal.SIGTERM)
        waits = [asyncio.wait_for(p.wait(), self.graceful_timeout + KILL_GRACE) for p in running]
        results = await asyncio.gather(*waits, return_exceptions=True)
        for process, result in zip(running, results, strict=True):
            if isinstance(result, TimeoutError):
                process.kill()
                await process.wait()


def up(*, wait: bool = True) -> int:
    settings = Settings()
    problem = asyncio.run(broker_problem(settings))
    if problem:
        print(problem, file=sys.stderr)
        return 2
    return asyncio.run(_up(settings, wait=wait))


async def _up(settings: Settings, *, wait: bool) -> int:
    host = os.environ.get("PARCELLE_GATEWAY_HOST", "127.0.0.1")
    port = os.environ.get("PARCELLE_GATEWAY_PORT", "8000")
    sink_port = os.environ.get("PARCELLE_SMTP_SINK_PORT", "1025")
    env = {
        **os.environ,
        SUPERVISOR_VARIABLE: str(os.getpid()),
        "PARCELLE_NOTIFICHE_SMTP_HOST": os.environ.get("PARCELLE_NOTIFICHE_SMTP_HOST", "127.0.0.1"),
        "PARCELLE_NOTIFICHE_SMTP_PORT": os.environ.get("PARCELLE_NOTIFICHE_SMTP_PORT", sink_port),
        # The secretariat's page of the kept mail reads the sink's directory.
        "PARCELLE_GATEWAY_POSTA_LOCALE": str((settings.var_dir / "mail").resolve()),
    }
    settings.var_dir.mkdir(parents=True, exist_ok=True)
    names = [SMTP_SINK, *(n for n in process_names() if n != SMTP_SINK)]
    supervisor = Supervisor(names, env, settings.graceful_timeout)
    loop = asyncio.get_running_loop()
    for signum in (signal.SIGTERM, signal.SIGINT):
        loop.add_signal_handler(signum, supervisor.stopping.set)
    address = f"http://{'127.0.0.1' if host in ('0.0.0.0', '::') else host}:{port}"
    _say(f"starting {', '.join(names)}; data under {settings.var_dir.resolve()}")
    running = asyncio.create_task(supervisor.run())
    if wait:
        ready = asyncio.create_task(wait_ready(f"{address}/readyz", supervisor.stopping))
        await asyncio.wait({running, ready}, return_when=asyncio.FIRST_COMPLETED)
        if ready.done() and ready.result():
            _say(f"Parcelle is ready at {address}/")
            if settings.env == "development":
                _print_demo(settings)
            _say(
                f"outgoing mail is kept in {settings.var_dir / 'mail'} (SMTP 127.0.0.1:{sink_port})"
            )
            _say("Ctrl-C stops everything")
        ready.cancel()
    else:
        _say(f"Parcelle is starting at {address}/")
    await running
    _say("stopped")
    return 0


def _print_demo(settings: Settings) -> None:
    """How to walk the demo installation: its accounts and its signing certificate."""
    directory = demo.directory(settings.var_dir).resolve()
    _say(f"demo Ordine {demo.ORDINE}; accounts (password: {demo.password()}):")
    for user in demo.USERS:
        _say(f"  {user.username:<18} {user.ruolo:<12} {user.nome} {user.cognome}")
    _say(
        f"demo PKI: {directory / 'ca.pem'} (root, trust it to validate signatures), "
        f"{directory / 'avvocato.p12'} (lawyer), {directory / 'ordine.p12'} (the Ordine's "
        "orders)"
    )
    _say(f"demo scanner station key: {directory / 'stazione.key'} (X-Station-Key header)")


def _say(line: str) -> None:
    print(f"parcelle: {line}", flush=True)
