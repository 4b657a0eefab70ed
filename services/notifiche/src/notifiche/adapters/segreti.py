"""Secrets named by the Ordine's settings (``smtp_segreto``, ``pec_segreto``), read by
`notifiche` from its own environment: the secret ``nome`` is ``PARCELLE_SEGRETO_<NOME>``
(upper case, ``-`` and ``.`` as ``_``). Secrets never travel on the bus."""

import os
import re

_NON_AMMESSI = re.compile(r"[^A-Z0-9_]")


def variabile(nome: str) -> str:
    return "PARCELLE_SEGRETO_" + _NON_AMMESSI.sub("_", nome.upper())


def leggi_segreto(nome: str) -> str | None:
    """The secret ``nome``, or None when it is not set (or no name is given)."""
    if not nome:
        return None
    return os.environ.get(variabile(nome))
