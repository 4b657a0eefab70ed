"""The steps every use case of `notifiche` shares: the Ordine's settings (the read copy, or
the owner's answer kept as the copy, or the defaults for this message only)."""

from contextlib import suppress

from notifiche.ports import Dependencies
from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import DuplicateKeyError

logger = get_logger(__name__)


class Handler:
    """Base of the use-case classes: the dependencies, and the shared steps."""

    def __init__(self, d: Dependencies) -> None:
        self.d = d

    async def _impostazioni(self, causa: Message, ordine: str) -> ImpostazioniOrdine:
        copia = await self.d.store.run(lambda tx: self.d.impostazioni(tx).leggi(ordine))
        if copia is not None:
            return copia
        risposta = await self.d.acquisizione.impostazioni(causa, ordine)
        if risposta is None:
            logger.warning("no settings of the Ordine: the defaults apply", ordine=ordine)
            return ImpostazioniOrdine(codice=ordine)
        with suppress(DuplicateKeyError):
            await self.d.store.run(lambda tx: self.d.impostazioni(tx).sostituisci(risposta))
        return risposta
