"""The refusals of `postale`, each with the ``codice``, ``messaggio`` and ``campi`` that a
request handler turns into an answer (see ``parcelle_kit.requests``)."""

from collections.abc import Mapping


class Rifiuto(Exception):
    """Base of the refusals: a code for programs, a message in Italian for people."""

    codice = "rifiutata"

    def __init__(self, messaggio: str, campi: Mapping[str, str] | None = None) -> None:
        super().__init__(messaggio)
        self.messaggio = messaggio
        self.campi: Mapping[str, str] = dict(campi or {})


class NonTrovataError(Rifiuto):
    codice = "non_trovata"


class NonAutorizzataError(Rifiuto):
    codice = "non_autorizzata"


class DocumentoNonValidoError(Exception):
    """A document of the command is not what its claim check says (or is gone): the command
    cannot be carried out, and retrying will not change it."""


class SpedizioneRifiutataError(Exception):
    """The print center refused the mailing (unprintable, address it cannot take): retrying
    will not change it; the mailing is recorded as ``rifiutata`` with this reason."""
