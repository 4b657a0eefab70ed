"""Messages of ``istanze`` about the lawyer's answer to a request for integration: the
command the gateway sends for the lawyer, and the event ``revisione`` and ``acquisizione``
follow (the case back to the relatore, the term running again)."""

from typing import ClassVar

from pydantic import AwareDatetime, Field

from parcelle_contracts.common import BlobRef, Model
from parcelle_contracts.envelope import Event
from parcelle_contracts.istanze import _Richiesta
from parcelle_contracts.vocabolario import CategoriaAllegato


class NuovoAllegato(Model):
    categoria: CategoriaAllegato
    nome_file: str = Field(max_length=255)
    file: BlobRef


class RispondiIntegrazione(_Richiesta):
    """The lawyer answers the relatore's request for integration: a note and the documents
    (each left in the transfer area); the case goes back to ``acquisita`` and the term runs
    again."""

    name: ClassVar[str] = "rispondi_integrazione"
    istanza_id: str
    nota: str = Field(min_length=1, max_length=4000)
    allegati: list[NuovoAllegato] = Field(default_factory=list, max_length=20)


class IntegrazioneFornita(Event):
    """The lawyer answered the request for integration: the relatore may decide again and the
    term of the procedure runs again."""

    owner: ClassVar[str] = "istanze"
    name: ClassVar[str] = "integrazione_fornita"
    istanza_id: str
    nota: str
    allegati: list[str] = Field(description="Ids of the attachments added with the answer.")
    fornita_il: AwareDatetime
