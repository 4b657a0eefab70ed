"""Each Ordine's settings in the service's document store
(:class:`~acquisizione.ports.ImpostazioniRepository`).

Collection ``ordini``: one document per Ordine, keyed by its code, holding the whole settings as
the contracts define them (``parcelle_contracts.ordini.ImpostazioniOrdine``, with ``versione``
and the application rules ``istanze``). Settings stored before they had a version or application
rules read with version 0 and the default rules.
"""

from typing import Final

from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.store.ports import Transaction

ORDINI: Final = "ordini"


class StoreImpostazioniRepository:
    """The settings within one transaction; remembers the version of what it read."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx
        self._versioni: dict[str, int] = {}

    async def leggi(self, ordine: str) -> ImpostazioniOrdine | None:
        documento = await self._tx.get(ORDINI, ordine)
        if documento is None:
            return None
        self._versioni[ordine] = documento["_v"]
        return ImpostazioniOrdine.model_validate(
            {k: v for k, v in documento.items() if not k.startswith("_")}
        )

    async def salva(self, impostazioni: ImpostazioniOrdine) -> None:
        documento = {"_id": impostazioni.codice, **impostazioni.model_dump(mode="json")}
        versione = self._versioni.get(impostazioni.codice)
        if versione is None:
            stored = await self._tx.insert(ORDINI, documento)
        else:
            stored = await self._tx.update(ORDINI, {**documento, "_v": versione})
        self._versioni[impostazioni.codice] = stored["_v"]
