"""The service's records within one document-store transaction
(:class:`~acquisizione.ports.UnitOfWork`): the cases and the register, the Ordini's settings,
and the outbox where what the transaction announces waits for the relay."""

from collections.abc import Sequence

from acquisizione.adapters.ordini import StoreImpostazioniRepository
from acquisizione.adapters.registro import StoreRegistroRepository
from parcelle_contracts.envelope import Message
from parcelle_kit.outbox import stage
from parcelle_kit.store.ports import Transaction


class StoreUnitOfWork:
    def __init__(self, tx: Transaction) -> None:
        self._tx = tx
        self.registro = StoreRegistroRepository(tx)
        self.impostazioni = StoreImpostazioniRepository(tx)

    async def annuncia(self, messaggi: Sequence[Message]) -> None:
        await stage(self._tx, messaggi)
