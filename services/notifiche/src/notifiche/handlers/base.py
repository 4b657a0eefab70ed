"""The steps every use case of `notifiche` shares: the Ordine's settings (the read copy, or
the owner's answer kept as the copy, or the defaults for this message only)."""

from notifiche.ports import Dependencies
from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.impostazioni import impostazioni_ordine


class Handler:
    """Base of the use-case classes: the dependencies, and the shared steps."""

    def __init__(self, d: Dependencies) -> None:
        self.d = d

    async def _impostazioni(self, causa: Message, ordine: str) -> ImpostazioniOrdine:
        return await impostazioni_ordine(
            self.d.store, self.d.impostazioni, self.d.acquisizione, causa, ordine
        )
