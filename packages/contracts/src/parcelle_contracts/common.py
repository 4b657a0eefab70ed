"""Types every request between the gateway and a service shares: who asks, what went wrong,
where a large payload lies."""

from typing import Any, Generic, TypeVar

from pydantic import BaseModel, ConfigDict, Field
from pydantic_core import PydanticCustomError

from parcelle_contracts.vocabolario import Ruolo, Tramite

D = TypeVar("D")


def non_un_numero(valore: Any) -> Any:
    """Before validating a date or a time: a JSON number is not one (pydantic would read it as
    seconds since 1970), whatever the document's ``format: date`` says."""
    if isinstance(valore, int | float) and not isinstance(valore, bool):
        raise PydanticCustomError("date_type", "A date is written as text (ISO 8601)")
    return valore


class Model(BaseModel):
    """Base of the value types in messages: immutable, no unknown fields."""

    model_config = ConfigDict(frozen=True, extra="forbid")


class Attore(Model):
    """The authenticated user on whose behalf the gateway sends a request.

    The gateway authenticates; the owning service authorises again with these facts.
    """

    username: str = Field(min_length=1, max_length=64, description="Login name.")
    ruolo: Ruolo = Field(description="Role in the Ordine.")
    ordine: str = Field(min_length=1, max_length=32, description="Ordine the user belongs to.")
    nome: str = Field(default="", max_length=100, description="Given name.")
    cognome: str = Field(default="", max_length=100, description="Family name.")
    codice_fiscale: str | None = Field(default=None, description="Tax code, for lawyers.")
    pec: str | None = Field(default=None, description="Certified e-mail (PEC).")
    email: str | None = Field(default=None, description="Ordinary e-mail.")
    tramite: Tramite = Field(
        default="area_web",
        description="Through what the user acts in this request: their web area, the REST API, "
        "a scanner station. Recorded with what the request changes.",
    )
    stazione: str | None = Field(
        default=None, max_length=64, description="The scanner station, when through one."
    )


class Errore(Model):
    """Why a request was refused, in terms a user and a program can both act on."""

    codice: str = Field(
        description="Stable machine code, e.g. ``non_trovata``, ``dati_non_validi``."
    )
    messaggio: str = Field(description="Italian text for the user.")
    campi: dict[str, str] = Field(
        default_factory=dict, description="Field path -> Italian message, for form errors."
    )


class Esito(Model, Generic[D]):
    """The reply to every request: either ``dati`` or ``errore``."""

    ok: bool
    dati: D | None = None
    errore: Errore | None = None

    @classmethod
    def riuscito(cls, dati: D) -> "Esito[D]":
        return cls(ok=True, dati=dati)

    @classmethod
    def fallito(cls, errore: Errore) -> "Esito[Any]":
        return Esito[Any](ok=False, errore=errore)


class BlobRef(Model):
    """Where a large payload lies in the blob store (claim check), with its fingerprint.

    ``area`` is the key prefix: a service's own name, or ``transfer`` for payloads handed from
    one process to another (uploads arriving at the gateway, files a service hands back).
    """

    area: str = Field(pattern=r"^[a-z][a-z0-9_-]{0,31}$", description="Key prefix in the store.")
    key: str = Field(min_length=1, max_length=512, description="Key within the area.")
    sha256: str = Field(pattern=r"^[0-9a-f]{64}$", description="SHA-256 of the bytes, hex.")
    size: int = Field(ge=0, description="Size in bytes.")


class FileRef(Model):
    """A file a user may download: where it lies, what it is called, what type it is."""

    blob: BlobRef
    nome_file: str = Field(description="File name offered to the user.")
    content_type: str = Field(description="Media type, e.g. application/pdf.")


TRANSFER_AREA = "transfer"
"""The blob area where one process leaves a payload for another."""


LIMITE_PAGINA = 50
"""Items of a page when the asker says nothing."""
LIMITE_MASSIMO = 200
"""The most items one page may hold."""


class Paginata(BaseModel):
    """The fields of a query that answers a list one page at a time (keyset pages)."""

    limit: int = Field(
        default=LIMITE_PAGINA, ge=1, le=LIMITE_MASSIMO, description="Items of this page."
    )
    cursor: str | None = Field(
        default=None,
        max_length=4096,
        description="The ``next`` of the previous page; none for the first page.",
    )


class Pagina(Model, Generic[D]):
    """One page of a list, in the list's order."""

    items: list[D]
    next: str | None = Field(
        default=None, description="The cursor of the next page; none on the last page."
    )
