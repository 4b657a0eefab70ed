"""Each lawyer's chosen channels in the service's document store (one small document per
lawyer and Ordine)."""

from typing import Final, get_args

from parcelle_contracts.vocabolario import CanalePosta
from parcelle_kit.store.ports import Transaction

AVVISI: Final = "avvisi"
CANALI: Final[tuple[CanalePosta, ...]] = get_args(CanalePosta)


class PreferenzeAvvisi:
    """The channels of each lawyer, within one unit of work
    (:class:`~istanze.ports.AvvisiRepository`)."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    async def leggi(self, ordine: str, username: str) -> tuple[CanalePosta, ...] | None:
        documento = await self._tx.get(AVVISI, f"{ordine}:{username}")
        if documento is None:
            return None
        return tuple(c for c in CANALI if c in documento["canali"])

    async def imposta(self, ordine: str, username: str, canali: tuple[CanalePosta, ...]) -> None:
        chiave = f"{ordine}:{username}"
        stored = await self._tx.get(AVVISI, chiave)
        if stored is None:
            await self._tx.insert(AVVISI, {"_id": chiave, "canali": list(canali)})
        else:
            await self._tx.update(AVVISI, {**stored, "canali": list(canali)})
