"""What `notifiche` follows of other services: the Ordini's settings (its read copy)."""

from notifiche.ports import Dependencies
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate


async def registra_impostazioni(d: Dependencies, msg: ImpostazioniOrdineCambiate) -> None:
    """Keep the announced settings when newer than the copy (an old announcement arriving late
    changes nothing)."""
    await d.store.run(lambda tx: d.impostazioni(tx).sostituisci(msg.impostazioni))
