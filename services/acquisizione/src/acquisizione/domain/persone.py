"""Who acts on a case: the clerk or councillor on whose behalf a request runs, and the lawyer
who filed the application."""

from dataclasses import dataclass
from typing import Literal

from acquisizione.domain.errori import NonAutorizzataError

Ruolo = Literal["avvocato", "segreteria", "consigliere"]


def _nome(nome: str, cognome: str, ripiego: str) -> str:
    return " ".join(p for p in (nome.strip(), cognome.strip()) if p) or ripiego


@dataclass(frozen=True, kw_only=True)
class Utente:
    """The authenticated user (the gateway authenticated them; the service authorises again)."""

    username: str
    ruolo: Ruolo
    ordine: str
    nome: str = ""
    cognome: str = ""

    def nome_completo(self) -> str:
        """How the user is named in a case's timeline."""
        return _nome(self.nome, self.cognome, self.username)


def verifica_segreteria(utente: Utente, ordine: str | None = None) -> None:
    """Raise unless ``utente`` is the secretariat (of ``ordine``, when given)."""
    if utente.ruolo != "segreteria" or (ordine is not None and utente.ordine != ordine):
        raise NonAutorizzataError("Operazione riservata alla segreteria dell'Ordine")


def verifica_consigliere(utente: Utente) -> None:
    """Raise unless ``utente`` is a councillor."""
    if utente.ruolo != "consigliere":
        raise NonAutorizzataError("Elenco riservato ai consiglieri relatori")


@dataclass(frozen=True, kw_only=True)
class Richiedente:
    """The lawyer who filed the application, as their account described them at deposit."""

    username: str
    nome: str = ""
    cognome: str = ""
    codice_fiscale: str | None = None
    pec: str | None = None
    email: str | None = None

    def nome_completo(self) -> str:
        return _nome(self.nome, self.cognome, self.username)
