"""Domain errors of `istanze`: why an operation on an application was refused.

Every refusal carries a stable machine code (the gateway maps it to an HTTP status and the
handlers copy it into the reply's ``Errore``), an Italian message for the user and, for form
errors, a map from field path to Italian message. Catch :class:`DomainError` to handle them all.
"""

from collections.abc import Mapping
from typing import ClassVar, Literal


class DomainError(Exception):
    """An operation the rules of the procedure do not allow, said so a user can act on it."""

    codice: ClassVar[str] = "errore"
    """Stable machine code; subclasses set their own."""

    def __init__(self, messaggio: str, campi: Mapping[str, str] | None = None) -> None:
        super().__init__(messaggio)
        self.messaggio = messaggio
        self.campi: dict[str, str] = dict(campi or {})

    def __repr__(self) -> str:
        return f"{type(self).__name__}(codice={self.codice!r}, messaggio={self.messaggio!r})"


class NonTrovataError(DomainError):
    """The case does not exist, or the user may not know it does (never reveal which)."""

    codice = "non_trovata"


class NonAutorizzataError(DomainError):
    """The user may see the case but not do this to it (e.g. the secretariat editing a draft)."""

    codice = "non_autorizzata"


class StatoNonValidoError(DomainError):
    """The operation is not allowed in the case's present state."""

    codice = "stato_non_valido"


class DatiNonValidiError(DomainError):
    """Something present is wrong: a check digit, a date range, a duplicated phase."""

    codice = "dati_non_validi"


class IncompletaError(DomainError):
    """The deposit still needs something; ``mancanti`` lists it in Italian."""

    codice = "incompleta"

    def __init__(self, mancanti: list[str]) -> None:
        super().__init__("Per depositare l'istanza mancano: " + "; ".join(mancanti) + ".")
        self.mancanti = list(mancanti)


Limite = Literal["dimensione_file", "dimensione_pratica", "numero_allegati"]


class LimiteSuperatoError(DomainError):
    """A limit of the Ordine's rules would be exceeded; ``limite`` says which one.

    The three limits share one code because the gateway answers all of them the same way
    (413); the class and ``limite`` tell them apart for whoever needs to.
    """

    codice = "limite_superato"
    limite: ClassVar[Limite]


class FileTroppoGrandeError(LimiteSuperatoError):
    limite = "dimensione_file"


class SpazioEsauritoError(LimiteSuperatoError):
    limite = "dimensione_pratica"


class TroppiAllegatiError(LimiteSuperatoError):
    limite = "numero_allegati"


class TipoNonAmmessoError(DomainError):
    """The file's content is not of a type the Ordine accepts (whatever its name says)."""

    codice = "tipo_non_ammesso"


class GiaDepositataError(DomainError):
    """The case was deposited already: a repeated deposit answers "already done, here it is"."""

    codice = "gia_depositata"


class DocumentoNonAggiornatoError(DomainError):
    """The application PDF (or the signed file) does not match the current data."""

    codice = "documento_non_aggiornato"


class FirmaMancanteError(DomainError):
    """The Ordine requires a digitally signed application and none was given."""

    codice = "firma_mancante"


class FirmaNonValidaError(DomainError):
    """The signed file is not acceptable: another signer, or not a digital signature."""

    codice = "firma_non_valida"
