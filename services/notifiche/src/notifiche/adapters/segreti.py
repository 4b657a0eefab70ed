"""The secrets the Ordine's mail settings name (``smtp_segreto``, ``pec_segreto``), read from
this service's own environment or from a file of the secrets directory; never from the bus."""

import re
from collections.abc import Mapping
from pathlib import Path

from notifiche.domain.errori import SegretoMancanteError

NOME = re.compile(r"^[A-Za-z_][A-Za-z0-9_]{0,99}$")


class Segreti:
    def __init__(self, ambiente: Mapping[str, str], cartella: Path | None) -> None:
        self._ambiente = ambiente
        self._cartella = cartella

    def leggi(self, nome: str) -> str:
        """The secret named ``nome``; :class:`SegretoMancanteError` when there is none."""
        if not NOME.match(nome):
            raise SegretoMancanteError(f"not a secret's name: {nome!r}")
        if nome in self._ambiente:
            return self._ambiente[nome]
        if self._cartella is not None and (self._cartella / nome).is_file():
            return (self._cartella / nome).read_text(encoding="utf-8").strip()
        raise SegretoMancanteError(f"the secret {nome} is not in notifiche's environment")
