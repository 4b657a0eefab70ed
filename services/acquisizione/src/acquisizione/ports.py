"""What the use cases of `acquisizione` need from outside: the application's details (from
``istanze``), the notice PDF, the clock and the check of application codes."""

from datetime import datetime
from typing import Protocol

from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.pratica import Pratica
from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import Message
from parcelle_contracts.istanze import Istanza


class Fascicoli(Protocol):
    """The ``istanze`` service, which owns the application's content."""

    async def dettaglio(self, causa: Message, attore: Attore, istanza_id: str) -> Istanza:
        """The application as ``attore`` (the Ordine's secretariat) may see it."""
        ...


class Documenti(Protocol):
    """The notice of start of proceedings as a PDF."""

    async def avvio(
        self,
        pratica: Pratica,
        istanza: Istanza,
        impostazioni: ImpostazioniOrdine,
        *,
        generato_il: datetime,
    ) -> bytes: ...


class Orologio(Protocol):
    def __call__(self) -> datetime: ...


class VerificaCodice(Protocol):
    """The canonical code if the text is a genuine code of this installation; raises
    :class:`parcelle_kit.codes.CodiceNonValidoError` otherwise."""

    def __call__(self, testo: str) -> str: ...
