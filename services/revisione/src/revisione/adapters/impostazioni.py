"""The read copy of each Ordine's settings in the service's document store.

``acquisizione`` owns the settings; this copy is written only from its announcements
(``ImpostazioniOrdineCambiate``) or its answer to ``LeggiImpostazioniOrdine``, and a copy is
replaced only by one with a higher ``versione``, so an old announcement arriving late changes
nothing.
"""

from typing import Final

from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.store.ports import Transaction

IMPOSTAZIONI: Final = "impostazioni_ordini"


class CopiaImpostazioni:
    """The settings copies within one unit of work
    (:class:`~revisione.ports.ImpostazioniRepository`)."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    async def leggi(self, ordine: str) -> ImpostazioniOrdine | None:
        documento = await self._tx.get(IMPOSTAZIONI, ordine)
        if documento is None:
            return None
        campi = {k: v for k, v in documento.items() if not k.startswith("_")}
        return ImpostazioniOrdine.model_validate(campi)

    async def sostituisci(self, impostazioni: ImpostazioniOrdine) -> bool:
        documento = await self._tx.get(IMPOSTAZIONI, impostazioni.codice)
        nuovo = {"_id": impostazioni.codice, **impostazioni.model_dump(mode="json")}
        if documento is None:
            await self._tx.insert(IMPOSTAZIONI, nuovo)
            return True
        if impostazioni.versione <= documento["versione"]:
            return False
        await self._tx.update(IMPOSTAZIONI, {**nuovo, "_v": documento["_v"]})
        return True
