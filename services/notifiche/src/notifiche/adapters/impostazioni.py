"""An Ordine's settings for the receipts' side of `notifiche`: the read copy in its own store,
else the answer of their owner (``acquisizione``), kept as the copy, else the defaults (no
mailbox to read); the one reading of :func:`parcelle_kit.impostazioni.impostazioni_ordine`."""

from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.impostazioni import AcquisizioneRemota, CopiaImpostazioni, impostazioni_ordine
from parcelle_kit.store.ports import DocumentStore


class ImpostazioniNotifiche:
    def __init__(self, store: DocumentStore, acquisizione: AcquisizioneRemota) -> None:
        self._store = store
        self._acquisizione = acquisizione

    async def __call__(self, ordine: str) -> ImpostazioniOrdine | None:
        causa = Message(correlation_id=f"impostazioni-{ordine}", ordine=ordine)
        return await impostazioni_ordine(
            self._store, CopiaImpostazioni, self._acquisizione, causa, ordine
        )
