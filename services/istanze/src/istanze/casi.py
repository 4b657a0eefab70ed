"""The steps every use case of `istanze` shares: reading a case, changing it in one
transaction through the idempotent consumer, taking payloads out of the transfer area."""

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from istanze.adapters.archivio import Archivio
from istanze.domain.errori import DatiNonValidiError
from istanze.domain.istanza import Istanza
from istanze.domain.regole import RegoleOrdine
from istanze.mapping import vista
from istanze.ports import Codici, Documenti, Firme, Orologio
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import BlobRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.pubblici import PraticaStatoCambiato
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.blob.transfer import claim
from parcelle_kit.blob.writes import delete_quietly
from parcelle_kit.consumer import IdempotentConsumer, Outcome
from parcelle_kit.store.ports import DocumentStore, Transaction

Cambio = Callable[[Istanza, RegoleOrdine], Sequence[Message]]


class NonDisponibileError(Exception):
    """A function this installation does not offer (the demo signature in production)."""

    codice = "non_disponibile"

    def __init__(self, messaggio: str) -> None:
        super().__init__(messaggio)
        self.messaggio = messaggio
        self.campi: dict[str, str] = {}


@dataclass(frozen=True)
class Dipendenze:
    store: DocumentStore
    consumer: IdempotentConsumer
    blobs: BlobStore
    """The service's own blob area."""
    area: str
    transfer: BlobStore
    firme: Firme
    documenti: Documenti
    codici: Codici
    ora: Orologio
    firma_demo: bool
    """Development only: the demo certificate may sign."""


class Casi:
    """Base of the use-case classes: the ports, and the shared steps."""

    def __init__(self, d: Dipendenze) -> None:
        self.d = d

    async def _leggi(self, istanza_id: str) -> tuple[Istanza, RegoleOrdine]:
        async def leggi(tx: Transaction) -> tuple[Istanza, RegoleOrdine]:
            archivio = Archivio(tx)
            istanza = await archivio.prendi(istanza_id)
            return istanza, await archivio.regole(istanza.ordine)

        return await self.d.store.run(leggi)

    async def _cambia(
        self,
        msg: Message,
        istanza_id: str,
        cambio: Cambio,
        *,
        annulla: str | None = None,
        passo: str | None = None,
    ) -> dict[str, Any] | None:
        """Apply ``cambio`` in one transaction; reply with the new view. If it is refused,
        the blob ``annulla`` written for it beforehand is deleted. ``passo`` names the step
        when one request changes the case more than once."""

        async def work(tx: Transaction) -> Outcome:
            archivio = Archivio(tx)
            istanza = await archivio.prendi(istanza_id)
            regole = await archivio.regole(istanza.ordine)
            eventi = cambio(istanza, regole)
            await archivio.salva(istanza)
            return Outcome(events=eventi, reply=json_vista(vista(istanza, regole)))

        try:
            return (await self.d.consumer.handle(msg, work, step=passo)).reply
        except Exception:
            if annulla is not None:
                await delete_quietly(self.d.blobs, annulla)
            raise

    async def _prendi(self, ref: BlobRef, key: str, content_type: str) -> None:
        """Copy a payload from the transfer area, once (a redelivery finds it copied)."""
        await claim(self.d.transfer, ref, self.d.blobs, key, content_type=content_type)

    async def _nome_ordine(self, ordine: str) -> str:
        return await self.d.store.run(lambda tx: Archivio(tx).nome_ordine(ordine))


def rifiuta_campi_errati(istanza: Istanza) -> None:
    campi = istanza.verifica_campi()
    if campi:
        raise DatiNonValidiError("Alcuni dati non sono validi: correggerli e riprovare", campi)


def stato_cambiato(msg: Message, istanza: Istanza, precedente: contratti.Stato) -> Message:
    return PraticaStatoCambiato.caused_by(
        msg,
        pratica_id=istanza.id,
        codice=istanza.codice,
        protocollo=istanza.protocollo,
        stato=istanza.stato,
        stato_precedente=precedente,
    )


def json_vista(view: contratti.Istanza) -> dict[str, Any]:
    return view.model_dump(mode="json")
