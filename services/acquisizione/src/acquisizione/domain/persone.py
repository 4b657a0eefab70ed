"""Who acts on a case: the clerk or councillor on whose behalf a request runs, the lawyer who
filed the application, Parcelle itself; and through what each acted (a web area, the API, a
scanner station), as the timeline records it."""

from dataclasses import dataclass
from typing import Final

from acquisizione.domain.errori import NonAutorizzataError
from parcelle_contracts.vocabolario import Ruolo, Tramite


def _nome(nome: str, cognome: str, ripiego: str) -> str:
    return " ".join(p for p in (nome.strip(), cognome.strip()) if p) or ripiego


@dataclass(frozen=True, kw_only=True)
class Autore:
    """Who did something to a case, in what role and through what: a timeline's "who"."""

    chi: str
    """The name a reader knows them by."""
    ruolo: Ruolo | None = None
    tramite: Tramite | None = None
    """None where the message did not say (a withdrawal announced by ``istanze``)."""
    stazione: str | None = None
    """The scanner station, when through one."""


SISTEMA: Final = Autore(chi="sistema", tramite="sistema")
"""Parcelle itself: a rule (the automatic assignment), the notice, the term's arithmetic."""


@dataclass(frozen=True, kw_only=True)
class Utente:
    """The authenticated user (the gateway authenticated them; the service authorises again),
    and through what they act in this request."""

    username: str
    ruolo: Ruolo
    ordine: str
    nome: str = ""
    cognome: str = ""
    tramite: Tramite = "area_web"
    stazione: str | None = None

    def nome_completo(self) -> str:
        """How the user is named in a case's timeline."""
        return _nome(self.nome, self.cognome, self.username)

    def autore(self) -> Autore:
        """The user as the timeline records what they do now."""
        return Autore(
            chi=self.nome_completo(),
            ruolo=self.ruolo,
            tramite=self.tramite,
            stazione=self.stazione,
        )


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
