"""The applications and the Ordini's rules in the service's document store."""

from dataclasses import fields
from typing import Any

from istanze.domain.errori import NonTrovataError
from istanze.domain.istanza import Istanza
from istanze.domain.regole import RegoleOrdine
from istanze.mapping import da_dizionario, in_dizionario
from parcelle_kit.store.ports import DESCENDING, Index, Transaction

ISTANZE = "istanze"
ORDINI = "ordini"
INDEXES = (
    Index(ISTANZE, ("codice",), unique=True),
    Index(ISTANZE, ("ordine", "avvocato.username")),
    Index(ISTANZE, ("ordine", "stato")),
)
_RULE_FIELDS = {f.name for f in fields(RegoleOrdine)} - {"requisiti", "tipi_ammessi"}


class Archivio:
    """Applications within one unit of work; remembers versions for optimistic updates."""

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

    async def regole(self, ordine: str) -> RegoleOrdine:
        """The Ordine's rules: its stored overrides over the defaults of DOMAIN.md."""
        documento = await self._tx.get(ORDINI, ordine)
        return _regole(documento)

    async def nome_ordine(self, ordine: str) -> str:
        documento = await self._tx.get(ORDINI, ordine)
        nome = documento.get("nome") if documento else None
        return str(nome) if nome else f"Ordine degli Avvocati ({ordine})"

    async def configura_ordine(self, ordine: str, **valori: Any) -> None:
        """Store an Ordine's display name and rule overrides (validated by RegoleOrdine)."""
        _regole(valori)
        documento = await self._tx.get(ORDINI, ordine)
        if documento is None:
            await self._tx.insert(ORDINI, {"_id": ordine, **valori})
        else:
            await self._tx.update(ORDINI, {**documento, **valori})


def _regole(documento: dict[str, Any] | None) -> RegoleOrdine:
    overrides = {k: v for k, v in (documento or {}).items() if k in _RULE_FIELDS}
    return RegoleOrdine(**overrides)
