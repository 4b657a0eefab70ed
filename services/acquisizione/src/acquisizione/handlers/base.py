"""The steps every use case of `acquisizione` shares: reading in one unit of work, changing a
case in one transaction through the idempotent consumer, assigning the relatore (and making the
notice due), building the events about a case."""

from collections.abc import Awaitable, Callable, Sequence
from datetime import date, datetime
from typing import TypeVar

from acquisizione.domain import termini
from acquisizione.domain.assegnazione import Relatore
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.persone import Utente
from acquisizione.domain.pratica import Pratica
from acquisizione.handlers.comandi import PreparaAvvio
from acquisizione.ports import Dependencies, UnitOfWork
from acquisizione.views import impostazioni, vista
from parcelle_contracts import acquisizione as contratti
from parcelle_contracts import ordini
from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import Message
from parcelle_kit.blob.writes import delete_quietly
from parcelle_kit.consumer import Outcome
from parcelle_kit.store.ports import Transaction

M = TypeVar("M", bound=Message)
T = TypeVar("T")
Cambio = Callable[[Pratica, UnitOfWork], Awaitable[Sequence[Message]]]
"""A change of one case inside its transaction; the events it causes."""


class Handler:
    """Base of the use-case classes: the dependencies, and the shared steps."""

    def __init__(self, d: Dependencies) -> None:
        self.d = d

    def oggi(self) -> date:
        return termini.giorno(self.d.ora())

    def vista(self, pratica: Pratica, *, gia_acquisita: bool = False) -> contratti.Pratica:
        return vista(pratica, area=self.d.area, oggi=self.oggi(), gia_acquisita=gia_acquisita)

    async def leggi(self, lettura: Callable[[UnitOfWork], Awaitable[T]]) -> T:
        """Run ``lettura`` in one unit of work of its own."""
        return await self.d.store.run(lambda tx: lettura(self.d.unit_of_work(tx)))

    @staticmethod
    async def regole(uow: UnitOfWork, ordine: str) -> ImpostazioniOrdine:
        """What the rules read of the Ordine's settings (the defaults where it set none)."""
        return impostazioni(await impostazioni_ordine(uow, ordine))

    async def pratica(self, istanza_id: str) -> Pratica:
        return await self.leggi(lambda uow: uow.registro.prendi(istanza_id))

    async def cambia(
        self, msg: Message, istanza_id: str, cambio: Cambio, *, annulla: str | None = None
    ) -> contratti.Pratica:
        """Apply ``cambio`` in one transaction and reply with the new view (a redelivery gets
        the first reply). If it is refused, the blob ``annulla`` written for it beforehand is
        deleted."""

        async def work(tx: Transaction) -> Outcome:
            uow = self.d.unit_of_work(tx)
            pratica = await uow.registro.prendi(istanza_id)
            eventi = await cambio(pratica, uow)
            await uow.registro.salva(pratica)
            return Outcome(events=eventi, reply=self.vista(pratica).model_dump(mode="json"))

        try:
            fatto = await self.d.consumer.handle(msg, work)
        except Exception:
            if annulla is not None:
                await delete_quietly(self.d.blobs, annulla)
            raise
        return contratti.Pratica.model_validate(fatto.reply)

    async def assegna_relatore(
        self,
        uow: UnitOfWork,
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
        the notice (prepared as ``attore``) when this assignment makes it due."""
        if pratica.assegna(relatore, ora=ora, da=da, motivo=motivo) is None:
            return []
        await uow.registro.segna_turno(pratica.ordine, relatore.username, ora)
        eventi: list[Message] = [
            evento(
                contratti.RelatoreAssegnato,
                msg,
                pratica,
                relatore=relatore.username,
                relatore_nome=relatore.nome,
                assegnato_il=ora,
            )
        ]
        if pratica.richiedi_avvio():
            eventi.append(evento(PreparaAvvio, msg, pratica, attore=attore))
        return eventi


async def impostazioni_ordine(uow: UnitOfWork, ordine: str) -> ordini.ImpostazioniOrdine:
    """The Ordine's whole settings as stored; the defaults (version 0) where it set none."""
    return await uow.impostazioni.leggi(ordine) or ordini.ImpostazioniOrdine(codice=ordine)


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
