"""Domain errors of `revisione`: why a review operation was refused.

Each carries a stable machine code (the gateway maps it to an HTTP status and the request's
``Errore`` copies it), an Italian message for the councillor and, for form errors, a map from
field path to Italian message."""

from collections.abc import Mapping
from typing import ClassVar


class DomainError(Exception):
    """An operation the rules of the review do not allow, said so a user can act on it."""

    codice: ClassVar[str] = "errore"

    def __init__(self, messaggio: str, campi: Mapping[str, str] | None = None) -> None:
        super().__init__(messaggio)
        self.messaggio = messaggio
        self.campi: dict[str, str] = dict(campi or {})


class NonTrovataError(DomainError):
    """No such case, or the user may not know it exists (never reveal which)."""

    codice = "non_trovata"


class NonAutorizzataError(DomainError):
    """The user may not do this (e.g. a councillor who is not the case's relatore)."""

    codice = "non_autorizzata"


class StatoNonValidoError(DomainError):
    """Not allowed in the review's present state (a decided case decided again)."""

    codice = "stato_non_valido"


class InAttesaError(DomainError):
    """A decision must wait (the client's observations term has not ended)."""

    codice = "in_attesa"


class DatiNonValidiError(DomainError):
    """The decision names items wrongly, leaves some out, or changes one without a reason."""

    codice = "dati_non_validi"
