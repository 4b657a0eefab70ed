"""An Ordine's settings changed: ``acquisizione`` owns them and announces each change with
the whole settings and a growing ``versione``; this service keeps the read copy its rules and
documents come from.

Runs through the idempotent consumer (a redelivery has no second effect), and the copy keeps
the highest ``versione`` seen, so announcements arriving out of order end in the same copy.
"""

from istanze.ports import Dependencies
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_kit.consumer import Outcome
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import Transaction

logger = get_logger(__name__)


async def registra_impostazioni(d: Dependencies, msg: ImpostazioniOrdineCambiate) -> None:
    """Replace the read copy of the Ordine's settings, if the announcement is newer."""
    impostazioni = msg.impostazioni

    async def work(tx: Transaction) -> Outcome:
        if not await d.impostazioni(tx).sostituisci(impostazioni):
            logger.info(
                "older settings of the Ordine ignored",
                ordine=impostazioni.codice,
                versione=impostazioni.versione,
            )
        return Outcome()

    await d.consumer.handle(msg, work)
