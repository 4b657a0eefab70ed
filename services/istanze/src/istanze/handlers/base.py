"""The steps every use case of `istanze` shares: reading a case with its Ordine's settings
(asking the owner when there is no read copy yet), changing it in one transaction through the
idempotent consumer, taking payloads out of the transfer area."""

from collections.abc import Callable, Sequence

from istanze import views
from istanze.domain.errori import DatiNonValidiError
from istanze.domain.istanza import Istanza
from istanze.domain.persone import Utente
from istanze.domain.regole import RegoleOrdine
from istanze.ports import Dependencies
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import BlobRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_contracts.pubblici import PraticaStatoCambiato
from parcelle_contracts.vocabolario import Stato
from parcelle_kit.blob.transfer import claim
from parcelle_kit.blob.writes import delete_quietly
from parcelle_kit.consumer import Outcome
from parcelle_kit.impostazioni import impostazioni_ordine
from parcelle_kit.store.ports import Transaction

Cambio = Callable[[Istanza, RegoleOrdine], Sequence[Message]]
"""A change of a case under its Ordine's rules; returns the events it causes."""


class NonDisponibileError(Exception):
    """A function this installation does not offer (the demo signature in production)."""

    codice = "non_disponibile"

    def __init__(self, messaggio: str) -> None:
        super().__init__(messaggio)
        self.messaggio = messaggio
        self.campi: dict[str, str] = {}


class Handler:
    """Base of the use-case classes: the dependencies, and the shared steps."""

    def __init__(self, d: Dependencies) -> None:
        self.d = d

    async def _impostazioni(self, causa: Message, ordine: str) -> ImpostazioniOrdine:
        return await impostazioni_ordine(
            self.d.store, self.d.impostazioni, self.d.acquisizione, causa, ordine
        )

    async def _leggi(self, causa: Message, istanza_id: str) -> tuple[Istanza, RegoleOrdine]:
        """The case and its Ordine's rules, outside any change."""
        istanza = await self.d.store.run(lambda tx: self.d.istanze(tx).prendi(istanza_id))
        impostazioni = await self._impostazioni(causa, istanza.ordine)
        return istanza, views.regole(impostazioni)

    async def _cambia(
        self,
        msg: Message,
        chi: Utente,
        istanza_id: str,
        cambio: Cambio,
        *,
        annulla: str | None = None,
        passo: str | None = None,
    ) -> contratti.Istanza:
        """Apply ``cambio`` in one transaction; answer with the view ``chi`` gets. If it is
        refused, the blob ``annulla`` written for it beforehand is deleted. ``passo`` names the
        step when one request changes the case more than once."""
        try:
            _, fuori = await self._leggi(msg, istanza_id)  # a settings copy, if one can be had

            async def work(tx: Transaction) -> Outcome:
                istanze = self.d.istanze(tx)
                istanza = await istanze.prendi(istanza_id)
                copia = await self.d.impostazioni(tx).leggi(istanza.ordine)
                regole = views.regole(copia) if copia is not None else fuori
                eventi = cambio(istanza, regole)
                await istanze.salva(istanza)
                vista = views.vista(istanza, regole, chi)
                return Outcome(events=eventi, reply=vista.model_dump(mode="json"))

            processed = await self.d.consumer.handle(msg, work, step=passo)
        except Exception:
            if annulla is not None:
                await delete_quietly(self.d.blobs, annulla)
            raise
        return contratti.Istanza.model_validate(processed.reply)

    async def _nome_ordine(self, causa: Message, ordine: str) -> str:
        """The Ordine's name as documents print it."""
        return (await self._impostazioni(causa, ordine)).nome_esteso()

    async def _risposta_data(
        self, msg: Message, *, passo: str | None = None
    ) -> contratti.Istanza | None:
        """The answer ``msg`` got when it was handled already (a redelivery), else ``None``:
        for the use cases that work before their transaction (render, ask ``firma``)."""
        gia = await self.d.store.run(lambda tx: self.d.consumer.processed(tx, msg, step=passo))
        if gia is None:
            return None
        return contratti.Istanza.model_validate(gia["reply"])

    async def _prendi(self, ref: BlobRef, key: str, content_type: str) -> None:
        """Copy a payload from the transfer area, once (a redelivery finds it copied)."""
        await claim(self.d.transfer, ref, self.d.blobs, key, content_type=content_type)


def rifiuta_campi_errati(istanza: Istanza) -> None:
    """Raise :class:`DatiNonValidiError` with each wrong field, if any."""
    campi = istanza.verifica_campi()
    if campi:
        raise DatiNonValidiError("Alcuni dati non sono validi: correggili e riprova", campi)


def stato_cambiato(msg: Message, istanza: Istanza, precedente: Stato) -> Message:
    """The public announcement of the case's move from ``precedente``."""
    return PraticaStatoCambiato.caused_by(
        msg,
        pratica_id=istanza.id,
        codice=istanza.codice,
        protocollo=istanza.protocollo,
        stato=istanza.stato,
        stato_precedente=precedente,
    )
