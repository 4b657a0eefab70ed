"""An Ordine's settings for `notifiche`: the read copy in its own store, else the answer of
their owner (``acquisizione``), kept as the copy (see :mod:`parcelle_kit.impostazioni`)."""

from contextlib import suppress

from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.impostazioni import AcquisizioneRemota, CopiaImpostazioni
from parcelle_kit.store.ports import DocumentStore, DuplicateKeyError


class ImpostazioniNotifiche:
    def __init__(self, store: DocumentStore, acquisizione: AcquisizioneRemota) -> None:
        self._store = store
        self._acquisizione = acquisizione

    async def __call__(self, ordine: str) -> ImpostazioniOrdine | None:
        copia = await self._store.run(lambda tx: CopiaImpostazioni(tx).leggi(ordine))
        if copia is not None:
            return copia
        causa = Message(correlation_id=f"impostazioni-{ordine}", ordine=ordine)
        risposta = await self._acquisizione.impostazioni(causa, ordine)
        if risposta is not None:
            with suppress(DuplicateKeyError):
                await self._store.run(lambda tx: CopiaImpostazioni(tx).sostituisci(risposta))
        return risposta
