"""The cases in the service's document store, and their storage mapping.

The stored document (:func:`in_dizionario`) is the aggregate as :mod:`parcelle_kit.store.codec`
writes it, plus ``_id`` (the store's key) and ``schema`` (this layout's version). Reading it
back (:func:`da_dizionario`) checks every type and every closed value (states, phases,
categories), refuses unknown fields and ignores the keys that start with ``_`` (owned by the
store and the repository: ``_id``, ``_v``, an outbox).
"""

from collections.abc import Mapping
from typing import Any, Final

from istanze.domain.errori import NonTrovataError
from istanze.domain.istanza import Istanza
from parcelle_kit.store.codec import decode, encode
from parcelle_kit.store.ports import DESCENDING, Index, Transaction

ISTANZE: Final = "istanze"
INDEXES: Final = (
    Index(ISTANZE, ("codice",), unique=True),
    Index(ISTANZE, ("ordine", "avvocato.username")),
    Index(ISTANZE, ("ordine", "stato")),
)
SCHEMA: Final = 1
"""Version of the stored document's layout; bump it (and migrate) when a field changes
meaning. Fields added with a default (the timeline's ``ruolo``, ``tramite``, ``stazione``)
read old documents as they are."""


class Archivio:
    """The cases within one unit of work; remembers versions for optimistic updates
    (:class:`~istanze.ports.IstanzaRepository`)."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx
        self._versioni: dict[str, int] = {}

    async def trova(self, istanza_id: str) -> Istanza | None:
        documento = await self._tx.get(ISTANZE, istanza_id)
        if documento is None:
            return None
        self._versioni[istanza_id] = documento["_v"]
        return da_dizionario(documento)

    async def prendi(self, istanza_id: str) -> Istanza:
        istanza = await self.trova(istanza_id)
        if istanza is None:
            raise NonTrovataError("Istanza non trovata")
        return istanza

    async def aggiungi(self, istanza: Istanza) -> None:
        stored = await self._tx.insert(ISTANZE, in_dizionario(istanza))
        self._versioni[istanza.id] = stored["_v"]

    async def salva(self, istanza: Istanza) -> None:
        documento = {**in_dizionario(istanza), "_v": self._versioni[istanza.id]}
        stored = await self._tx.update(ISTANZE, documento)
        self._versioni[istanza.id] = stored["_v"]

    async def dell_avvocato(self, ordine: str, username: str) -> list[Istanza]:
        # Stored times are fixed-width ISO strings in UTC: they sort as the times do.
        documenti = await self._tx.find(
            ISTANZE,
            {"ordine": ordine, "avvocato.username": username},
            sort=[("aggiornata_il", DESCENDING)],
        )
        return [da_dizionario(documento) for documento in documenti]


def in_dizionario(istanza: Istanza) -> dict[str, Any]:
    """The aggregate as a JSON-compatible document for the store (see the module's docstring)."""
    documento = encode(istanza)
    assert isinstance(documento, dict)  # a dataclass always encodes to a dict
    return {"_id": istanza.id, "schema": SCHEMA, **documento}


def da_dizionario(documento: Mapping[str, Any]) -> Istanza:
    """The aggregate of a stored document; ``ValueError`` if it is not one this code wrote."""
    if documento.get("schema") != SCHEMA:
        raise ValueError(f"unknown schema of a stored istanza: {documento.get('schema')!r}")
    campi = {k: v for k, v in documento.items() if not k.startswith("_") and k != "schema"}
    return decode(Istanza, campi, "istanza")
