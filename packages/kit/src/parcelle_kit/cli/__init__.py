"""The ``parcelle`` command line."""

import argparse
import sys

from parcelle_kit.cli.processes import process_names


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="parcelle", description="Parcelle: pareri di congruità on-line."
    )
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    up = commands.add_parser("up", help="start every service and the gateway on this machine")
    up.add_argument("--no-wait", action="store_true", help="do not wait for /readyz")
    run = commands.add_parser("run", help="run one service (or the gateway) in this process")
    run.add_argument("process", choices=process_names(), metavar="SERVICE")
    args = parser.parse_args(argv)

    if args.command == "up":
        from parcelle_kit.cli.up import up as run_up

        return run_up(wait=not args.no_wait)

    from parcelle_kit.cli.run import run_process

    return run_process(args.process)


if __name__ == "__main__":
    sys.exit(main())
