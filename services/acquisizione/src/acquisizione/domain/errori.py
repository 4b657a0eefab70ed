"""Domain errors of `acquisizione`: why a request of the secretariat was refused.

Every refusal carries a stable machine code (the gateway maps it to an HTTP status and the
handlers copy it into the reply's ``Errore``), an Italian message for the clerk and, for form
errors, a map from field to Italian message. Catch :class:`DomainError` to handle them all.
"""

from collections.abc import Mapping
from typing import ClassVar, Literal


class DomainError(Exception):
    """An operation the rules of the procedure do not allow, said so a clerk can act on it."""

    codice: ClassVar[str] = "errore"
    """Stable machine code; subclasses set their own."""

    def __init__(self, messaggio: str, campi: Mapping[str, str] | None = None) -> None:
        super().__init__(messaggio)
        self.messaggio = messaggio
        self.campi: dict[str, str] = dict(campi or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(codice={self.codice!r}, messaggio={self.messaggio!r})"


MotivoCodice = Literal["formato", "controllo"]

CODICE_MALFORMATO = (
    "Il testo letto non ha la forma di un codice di istanza (es. DEMO-26-7K3Q9XAB-4FZP): "
    "leggere di nuovo il codice o digitarlo per intero"
)
CODICE_NON_AUTENTICO = (
    "Il codice non supera il controllo: potrebbe essere stato letto o digitato male, "
    "oppure non essere autentico"
)


class CodiceNonValidoError(DomainError):
    """What was scanned or typed is not a genuine application code.

    ``motivo`` tells a malformed text (``formato``) from a code whose check element is wrong
    (``controllo``: a misread character, or a forgery); the clerk is told which.
    """

    codice = "codice_non_valido"

    def __init__(self, motivo: MotivoCodice) -> None:
        messaggio = CODICE_MALFORMATO if motivo == "formato" else CODICE_NON_AUTENTICO
        super().__init__(messaggio, {"codice": messaggio})
        self.motivo = motivo


class CodiceAltroOrdineError(DomainError):
    """A genuine code of an application filed with another Ordine."""

    codice = "codice_altro_ordine"

    def __init__(self, ordine: str) -> None:
        messaggio = (
            f"Il codice appartiene a un'istanza presentata a un altro Ordine ({ordine}): "
            "non può essere acquisita da questa segreteria"
        )
        super().__init__(messaggio, {"codice": messaggio})
        self.ordine = ordine


class NonTrovataError(DomainError):
    """No deposited case answers to that code or id (or the user may not know it exists)."""

    codice = "non_trovata"


class NonAutorizzataError(DomainError):
    """The user may not do this (only the Ordine's secretariat acquires and assigns)."""

    codice = "non_autorizzata"


class StatoNonValidoError(DomainError):
    """Not allowed in the case's present state (e.g. withdrawn by the lawyer)."""

    codice = "stato_non_valido"


class OriginaleMancanteError(DomainError):
    """A hand-signed deposit is acquired only once the signed original is at the counter."""

    codice = "originale_mancante"


class RelatoreNonValidoError(DomainError):
    """The councillor is not one of the Ordine's reporting councillors."""

    codice = "relatore_non_valido"


class DatiNonValidiError(DomainError):
    """Something given with the request is wrong."""

    codice = "dati_non_validi"


class TipoNonAmmessoError(DomainError):
    """The file's content is not of an accepted type (whatever its name says)."""

    codice = "tipo_non_ammesso"


class LimiteSuperatoError(DomainError):
    """The file is larger than the service accepts."""

    codice = "limite_superato"
