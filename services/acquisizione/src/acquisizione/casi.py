"""The steps every use case of `acquisizione` shares: reading a case, changing it in one
transaction through the idempotent consumer, assigning the relatore (and making the notice
due), building the events about a case."""

from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any, TypeVar

from acquisizione.adapters.registro import Registro
from acquisizione.comandi import PreparaAvvio
from acquisizione.domain import termini
from acquisizione.domain.assegnazione import Relatore
from acquisizione.domain.persone import Utente
from acquisizione.domain.pratica import Pratica
from acquisizione.mapping import vista
from acquisizione.ports import Documenti, Fascicoli, Orologio, VerificaCodice
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import Message
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.blob.writes import delete_quietly
from parcelle_kit.consumer import IdempotentConsumer, Outcome
from parcelle_kit.store.ports import DocumentStore, Transaction

M = TypeVar("M", bound=Message)
Cambio = Callable[[Pratica, Registro], Awaitable[Sequence[Message]]]


@dataclass(frozen=True)
class Dipendenze:
    store: DocumentStore
    consumer: IdempotentConsumer
    blobs: BlobStore
    """The service's own blob area (notices, observations)."""
    area: str
    """Its name in claim checks (``BlobRef.area``)."""
    transfer: BlobStore
    fascicoli: Fascicoli
    documenti: Documenti
    verifica_codice: VerificaCodice
    ora: Orologio
    max_osservazioni: int
    """Largest observations file accepted, in bytes."""


class Casi:
    """Base of the use-case classes: the ports, and the shared steps."""

    def __init__(self, d: Dipendenze) -> None:
        self.d = d

    def oggi(self) -> date:
        return termini.giorno(self.d.ora())

    def vista(self, pratica: Pratica, *, gia_acquisita: bool = False) -> contratti.Pratica:
        return vista(pratica, area=self.d.area, oggi=self.oggi(), gia_acquisita=gia_acquisita)

    def json_vista(self, pratica: Pratica, *, gia_acquisita: bool = False) -> dict[str, Any]:
        return self.vista(pratica, gia_acquisita=gia_acquisita).model_dump(mode="json")

    async def _leggi(self, istanza_id: str) -> Pratica:
        return await self.d.store.run(lambda tx: Registro(tx).prendi(istanza_id))

    async def _cambia(
        self, msg: Message, istanza_id: str, cambio: Cambio, *, annulla: str | None = None
    ) -> dict[str, Any] | None:
        """Apply ``cambio`` in one transaction and reply with the new view. If it is refused,
        the blob ``annulla`` written for it beforehand is deleted."""

        async def work(tx: Transaction) -> Outcome:
            registro = Registro(tx)
            pratica = await registro.prendi(istanza_id)
            eventi = await cambio(pratica, registro)
            await registro.salva(pratica)
            return Outcome(events=eventi, reply=self.json_vista(pratica))

        try:
            return (await self.d.consumer.handle(msg, work)).reply
        except Exception:
            if annulla is not None:
                await delete_quietly(self.d.blobs, annulla)
            raise

    async def _assegna(
        self,
        registro: Registro,
        msg: Message,
        attore: Attore,
        pratica: Pratica,
        relatore: Relatore,
        *,
        ora: datetime,
        da: Utente | None,
        motivo: str | None = None,
    ) -> list[Message]:
        """Assign ``relatore`` (by the rule when ``da`` is None); the events it causes, with
        the notice when this assignment makes it due."""
        if pratica.assegna(relatore, ora=ora, da=da, motivo=motivo) is None:
            return []
        await registro.segna_turno(pratica.ordine, relatore.username, ora)
        eventi: list[Message] = [
            evento(
                contratti.RelatoreAssegnato,
                msg,
                pratica,
                relatore=relatore.username,
                assegnato_il=ora,
            )
        ]
        if pratica.richiedi_avvio():
            eventi.append(evento(PreparaAvvio, msg, pratica, attore=attore))
        return eventi


def evento(tipo: type[M], causa: Message, pratica: Pratica, **payload: object) -> M:
    """A message about ``pratica`` caused by ``causa``: it carries the case's id, its
    correlation id (a clerk's request does not know it) and its Ordine."""
    return tipo.caused_by(
        causa,
        correlation_id=pratica.correlation_id,
        ordine=pratica.ordine,
        istanza_id=pratica.istanza_id,
        **payload,
    )
