"""The reviews and the applications as decided, in the service's document store.

A review is stored as :mod:`parcelle_kit.store.codec` writes the aggregate, plus ``_id`` (the
istanza id) and ``schema``; reading it back checks every type and closed value. The
application as decided is the owner's view (``parcelle_contracts.istanze.Istanza``) as JSON."""

from collections.abc import Mapping
from typing import Any, Final

from parcelle_contracts.istanze import Istanza
from parcelle_kit.store.codec import decode, encode
from parcelle_kit.store.ports import Index, Transaction
from revisione.domain.errori import NonTrovataError
from revisione.domain.revisione import NON_TROVATA, Revisione

REVISIONI: Final = "revisioni"
FASCICOLI: Final = "fascicoli"
INDEXES: Final = (Index(REVISIONI, ("ordine", "relatore", "stato")),)
SCHEMA: Final = 1


class Archivio:
    """The reviews within one unit of work (:class:`~revisione.ports.RevisioneRepository`)."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx
        self._versioni: dict[str, int] = {}

    async def trova(self, istanza_id: str) -> Revisione | None:
        documento = await self._tx.get(REVISIONI, istanza_id)
        if documento is None:
            return None
        self._versioni[istanza_id] = documento["_v"]
        return da_dizionario(documento)

    async def prendi(self, istanza_id: str) -> Revisione:
        revisione = await self.trova(istanza_id)
        if revisione is None:
            raise NonTrovataError(NON_TROVATA)
        return revisione

    async def salva(self, revisione: Revisione) -> None:
        documento = in_dizionario(revisione)
        versione = self._versioni.get(revisione.istanza_id)
        if versione is None:
            stored = await self._tx.insert(REVISIONI, documento)
        else:
            stored = await self._tx.update(REVISIONI, {**documento, "_v": versione})
        self._versioni[revisione.istanza_id] = stored["_v"]


def in_dizionario(revisione: Revisione) -> dict[str, Any]:
    documento = encode(revisione)
    assert isinstance(documento, dict)  # a dataclass always encodes to a dict
    return {"_id": revisione.istanza_id, "schema": SCHEMA, **documento}


def da_dizionario(documento: Mapping[str, Any]) -> Revisione:
    if documento.get("schema") != SCHEMA:
        raise ValueError(f"unknown schema of a stored review: {documento.get('schema')!r}")
    campi = {k: v for k, v in documento.items() if not k.startswith("_") and k != "schema"}
    return decode(Revisione, campi, "revisione")


class Fascicoli:
    """The application as decided (:class:`~revisione.ports.FascicoloRepository`); written
    once per decision, never changed."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    async def leggi(self, istanza_id: str) -> Istanza | None:
        documento = await self._tx.get(FASCICOLI, istanza_id)
        if documento is None:
            return None
        return Istanza.model_validate(documento["istanza"])

    async def salva(self, istanza: Istanza) -> None:
        dati = {"_id": istanza.id, "istanza": istanza.model_dump(mode="json")}
        documento = await self._tx.get(FASCICOLI, istanza.id)
        if documento is None:
            await self._tx.insert(FASCICOLI, dati)
        else:
            await self._tx.update(FASCICOLI, {**dati, "_v": documento["_v"]})
