"""What `postale` follows: the Ordine's settings changed (the read copy of its price table)."""

from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_kit.consumer import Outcome
from parcelle_kit.store.ports import Transaction
from postale.ports import Dependencies


async def registra_impostazioni(d: Dependencies, msg: ImpostazioniOrdineCambiate) -> None:
    async def work(tx: Transaction) -> Outcome:
        await d.impostazioni(tx).sostituisci(msg.impostazioni)
        return Outcome()

    await d.consumer.handle(msg, work)
