"""The demo installation (development only): one Ordine, three users, a test PKI under var/demo.

``make run`` creates them and prints how to log in; nothing here exists in production.
"""

import os
from dataclasses import dataclass
from pathlib import Path

from parcelle_contracts.vocabolario import Ruolo

ORDINE = "DEMO"
ORDINE_NOME = "Ordine degli Avvocati di Demo"
PASSWORD_VARIABLE = "PARCELLE_DEMO_PASSWORD"


@dataclass(frozen=True)
class DemoUser:
    username: str
    ruolo: Ruolo
    nome: str
    cognome: str
    codice_fiscale: str | None
    pec: str | None
    email: str


AVVOCATO = DemoUser(
    username="avvocato.demo",
    ruolo="avvocato",
    nome="Giulia",
    cognome="Bianchi",
    codice_fiscale="BNCGLI85M41H501Y",
    pec="giulia.bianchi@pec.example.it",
    email="giulia.bianchi@example.it",
)
SEGRETERIA = DemoUser(
    username="segreteria.demo",
    ruolo="segreteria",
    nome="Sara",
    cognome="Neri",
    codice_fiscale=None,
    pec=None,
    email="segreteria@example.it",
)
CONSIGLIERE = DemoUser(
    username="consigliere.demo",
    ruolo="consigliere",
    nome="Marco",
    cognome="Verdi",
    codice_fiscale="VRDMRC70A01H501Q",
    pec="marco.verdi@pec.example.it",
    email="marco.verdi@example.it",
)
USERS = (AVVOCATO, SEGRETERIA, CONSIGLIERE)


def password() -> str:
    """The demo users' password (and the demo .p12's): PARCELLE_DEMO_PASSWORD, or ``demo``."""
    return os.environ.get(PASSWORD_VARIABLE) or "demo"


def directory(var_dir: Path) -> Path:
    """Where the demo PKI lives: ``ca.pem`` (root) and ``avvocato.p12`` (the lawyer's key)."""
    return var_dir / "demo"
