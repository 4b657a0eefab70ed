"""What the commands other packages contribute share (``parcelle stazioni``, ``parcelle
ordini``): talking to the operator, naming who acts, and opening the owning service's store as
the environment configures it (``PARCELLE_VAR_DIR``, ``PARCELLE_STORE`` ...).

Standard library only at import time: a registering callable runs whenever ``parcelle``
starts, so the store and the settings are imported when a command runs.
"""

import getpass
import sys
from collections.abc import Awaitable, Callable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from parcelle_kit.settings import Settings
    from parcelle_kit.store.ports import DocumentStore, Index


class Terminale:
    """Results on standard output (for scripts), everything else on standard error."""

    def __init__(self, comando: str) -> None:
        self.comando = comando

    def uscita(self, riga: str) -> None:
        sys.stdout.write(riga + "\n")
        sys.stdout.flush()

    def info(self, riga: str) -> None:
        sys.stderr.write(f"parcelle {self.comando}: {riga}\n")

    def errore(self, riga: str) -> None:
        sys.stderr.write(f"parcelle {self.comando}: errore: {riga}\n")


def chi() -> str:
    """Who acts from the command line: the operating-system user."""
    try:
        return f"cli:{getpass.getuser()}"
    except (KeyError, OSError):  # no user name in a bare container
        return "cli"


async def con_archivio(
    terminale: Terminale,
    settings: "Callable[[], Settings]",
    service: str,
    indexes: "Sequence[Index]",
    azione: "Callable[[DocumentStore], Awaitable[int]]",
) -> int:
    """Run ``azione`` on ``service``'s document store; its exit status (2: the environment's
    configuration is not valid, said in Italian)."""
    from parcelle_kit.settings import ConfigurationError
    from parcelle_kit.stores import build_document_store

    try:
        store = build_document_store(settings(), service)
    except (ConfigurationError, ValueError) as error:
        terminale.errore(f"configurazione non valida: {error}")
        return 2
    await store.open(indexes)
    try:
        return await azione(store)
    finally:
        await store.close()
