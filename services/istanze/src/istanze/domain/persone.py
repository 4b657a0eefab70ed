"""Who an application belongs to and who acts on it."""

from dataclasses import dataclass

from parcelle_contracts.vocabolario import Ruolo, Tramite


@dataclass(frozen=True, kw_only=True)
class Avvocato:
    """The lawyer who owns the application (the applicant), as their account describes them."""

    username: str
    nome: str = ""
    cognome: str = ""
    codice_fiscale: str | None = None
    pec: str | None = None
    email: str | None = None

    def nome_completo(self) -> str:
        """Given and family name, or the login name when the account has neither."""
        return " ".join(p for p in (self.nome.strip(), self.cognome.strip()) if p) or self.username


@dataclass(frozen=True, kw_only=True)
class Utente:
    """The authenticated user on whose behalf an operation runs (the gateway authenticated
    them; the aggregate authorises again with these facts)."""

    username: str
    ruolo: Ruolo
    ordine: str
    nome: str = ""
    cognome: str = ""
    tramite: Tramite = "area_web"
    """Through what the user acts now: their web area, the REST API, a scanner station."""
    stazione: str | None = None
    """The scanner station, when through one."""

    def nome_completo(self) -> str:
        """How the user is named in a case's timeline."""
        return " ".join(p for p in (self.nome.strip(), self.cognome.strip()) if p) or self.username
