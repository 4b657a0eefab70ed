"""The ``parcelle`` command line's extension point: commands contributed by other packages
(the ``parcelle.cli`` entry-point group) are parsed and run; a broken one is left out with a
warning and never takes a built-in command's name."""

import argparse
from collections.abc import Callable

import pytest

from parcelle_kit.cli import Handler, Register, Subcommands, main


def eco(risultati: list[str]) -> Callable[[], Register]:
    """An extension ``eco TESTO`` that records what it was given and exits with 7."""

    def register(commands: Subcommands) -> Handler:
        parser = commands.add_parser("eco", help="repeat a word")
        parser.add_argument("testo")

        def handler(args: argparse.Namespace) -> int:
            risultati.append(args.testo)
            return 7

        return handler

    return lambda: register


def test_an_extension_command_is_parsed_and_run() -> None:
    risultati: list[str] = []
    assert main(["eco", "ciao"], extensions={"eco": eco(risultati)}) == 7
    assert risultati == ["ciao"]


def test_extensions_appear_in_the_help(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as uscita:
        main(["--help"], extensions={"eco": eco([])})
    assert uscita.value.code == 0
    aiuto = capsys.readouterr().out
    assert "eco" in aiuto
    assert "repeat a word" in aiuto
    assert "up" in aiuto


def test_a_broken_extension_is_left_out_and_the_rest_works(
    capsys: pytest.CaptureFixture[str],
) -> None:
    def non_si_carica() -> Register:
        raise ImportError("no module named 'sparito'")

    def non_aggiunge_niente() -> Register:
        return lambda commands: lambda args: 0

    risultati: list[str] = []
    estensioni = {"rotta": non_si_carica, "muta": non_aggiunge_niente, "eco": eco(risultati)}
    assert main(["eco", "sì"], extensions=estensioni) == 7
    assert risultati == ["sì"]
    errori = capsys.readouterr().err
    assert "extension 'rotta' left out: ImportError: no module named 'sparito'" in errori
    assert "extension 'muta' left out: it added no command called 'muta'" in errori
    with pytest.raises(SystemExit):
        main(["rotta"], extensions=estensioni)


def test_an_extension_cannot_take_a_built_in_name(capsys: pytest.CaptureFixture[str]) -> None:
    chiamate: list[str] = []

    def usurpatore() -> Register:
        chiamate.append("caricato")
        return lambda commands: lambda args: 99

    with pytest.raises(SystemExit):  # "up --no-such-flag" is still the kit's own parser
        main(["up", "--no-such-flag"], extensions={"up": usurpatore})
    assert chiamate == []
    assert "extension 'up' ignored" in capsys.readouterr().err
