"""What the use cases of `istanze` need from outside: signatures, documents, clock, codes."""

from datetime import datetime
from typing import Protocol

from istanze.adapters.documenti import FileFirmato
from parcelle_contracts.common import BlobRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.firma import EsitoVerifica, Originale
from parcelle_contracts.istanze import Firma, Istanza


class Firme(Protocol):
    """The ``firma`` service."""

    async def verifica(
        self, cause: Message, firmato: BlobRef, originale: Originale, codice_fiscale: str
    ) -> EsitoVerifica: ...

    async def firma_demo(self, cause: Message, documento: BlobRef) -> BlobRef: ...


class Documenti(Protocol):
    """The application and receipt PDFs."""

    async def istanza(
        self,
        istanza: Istanza,
        *,
        ordine_nome: str,
        generata_il: datetime,
        luogo: str | None = None,
        firma_autografa: bool | None = None,
    ) -> bytes: ...

    async def ricevuta(
        self,
        istanza: Istanza,
        *,
        ordine_nome: str,
        depositata_il: datetime,
        generata_il: datetime,
        documento_sha256: str | None = None,
        firma: Firma | None = None,
        file_firmato: FileFirmato | None = None,
    ) -> bytes: ...


class Orologio(Protocol):
    def __call__(self) -> datetime: ...


class Codici(Protocol):
    """Issues application codes with the installation's check element."""

    def __call__(self, ordine: str, anno: int) -> str: ...
