"""The ``parcelle`` command line.

``up``, ``run`` and ``dlq`` are the kit's own. Other packages add commands without the kit importing
them: an entry point in the ``parcelle.cli`` group names a callable that receives the
sub-command parsers, adds one parser named like the entry point, and returns the handler that
runs it (``handler(args) -> exit status``). The gateway adds ``parcelle stazioni`` this way::

    [project.entry-points."parcelle.cli"]
    stazioni = "gateway.stazioni.cli:register"

A registering callable should import little: it runs whenever ``parcelle`` starts. An
extension that fails to load or to register is reported on stderr and left out; the other
commands keep working.
"""

import argparse
import sys
from collections.abc import Callable, Mapping
from importlib.metadata import entry_points
from typing import TYPE_CHECKING, TypeAlias

from parcelle_contracts.routing import SERVICES
from parcelle_kit.cli import dlq
from parcelle_kit.cli.processes import process_names

if TYPE_CHECKING:
    Subcommands: TypeAlias = "argparse._SubParsersAction[argparse.ArgumentParser]"
else:
    Subcommands = argparse._SubParsersAction

EXTENSION_GROUP = "parcelle.cli"
BUILT_IN = frozenset({"up", "run", "dlq"})

Handler: TypeAlias = Callable[[argparse.Namespace], int]
"""Runs an extension's command with the parsed arguments; returns the exit status."""
Register: TypeAlias = Callable[[Subcommands], Handler]
"""Adds an extension's parser to the sub-commands and returns its handler."""


def installed_extensions() -> dict[str, Callable[[], Register]]:
    """The commands other packages contribute, by name; each loads its callable on demand."""
    return {entry.name: entry.load for entry in entry_points(group=EXTENSION_GROUP)}


def _add_extensions(
    commands: Subcommands, extensions: Mapping[str, Callable[[], Register]]
) -> dict[str, Handler]:
    handlers: dict[str, Handler] = {}
    for name, load in sorted(extensions.items()):
        if name in BUILT_IN:
            _warn(f"extension {name!r} ignored: the name belongs to a built-in command")
            continue
        try:
            handler = load()(commands)
        except Exception as error:
            _warn(f"extension {name!r} left out: {type(error).__name__}: {error}")
            continue
        if name not in commands.choices:
            _warn(f"extension {name!r} left out: it added no command called {name!r}")
            continue
        handlers[name] = handler
    return handlers


def main(
    argv: list[str] | None = None,
    *,
    extensions: Mapping[str, Callable[[], Register]] | None = None,
) -> int:
    """Parse ``argv`` and run the command; ``extensions`` defaults to the installed ones."""
    parser = argparse.ArgumentParser(
        prog="parcelle", description="Parcelle: pareri di congruità on-line."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    up = commands.add_parser("up", help="start every service and the gateway on this machine")
    up.add_argument("--no-wait", action="store_true", help="do not wait for /readyz")
    run = commands.add_parser("run", help="run one service (or the gateway) in this process")
    run.add_argument("process", choices=process_names(), metavar="SERVICE")
    dlq.add_parser(commands, list(SERVICES))
    handlers = _add_extensions(
        commands, installed_extensions() if extensions is None else extensions
    )
    args = parser.parse_args(argv)

    if args.command in handlers:
        return handlers[args.command](args)

    if args.command == "dlq":
        return dlq.esegui(args)

    if args.command == "up":
        from parcelle_kit.cli.up import up as run_up

        return run_up(wait=not args.no_wait)

    from parcelle_kit.cli.run import run_process

    return run_process(args.process)


def _warn(line: str) -> None:
    print(f"parcelle: {line}", file=sys.stderr)


if __name__ == "__main__":
    sys.exit(main())
