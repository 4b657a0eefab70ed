"""The mailings in the service's document store.

A mailing is stored as :mod:`parcelle_kit.store.codec` writes the aggregate, plus ``_id`` (the
command's message id), ``schema`` and ``attiva`` (still moving: what the tracking round asks
about); reading it back checks every type and closed value."""

from collections.abc import Mapping
from typing import Any, Final

from parcelle_kit.store.codec import decode, encode
from parcelle_kit.store.ports import ASCENDING, Index, Scalar, Transaction
from postale.domain.raccomandata import Raccomandata

RACCOMANDATE: Final = "raccomandate"
INDEXES: Final = (
    Index(RACCOMANDATE, ("ordine", "creata_il", "_id")),
    Index(RACCOMANDATE, ("ordine", "istanza_id", "creata_il", "_id")),
    Index(RACCOMANDATE, ("attiva", "aggiornata_il", "_id")),
)
SCHEMA: Final = 1


class Archivio:
    """The mailings within one unit of work (:class:`~postale.ports.RaccomandataRepository`)."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx
        self._versioni: dict[str, int] = {}

    def _letta(self, documento: Mapping[str, Any]) -> Raccomandata:
        self._versioni[documento["_id"]] = documento["_v"]
        return da_dizionario(documento)

    async def trova(self, raccomandata_id: str) -> Raccomandata | None:
        documento = await self._tx.get(RACCOMANDATE, raccomandata_id)
        return None if documento is None else self._letta(documento)

    async def salva(self, raccomandata: Raccomandata) -> None:
        documento = in_dizionario(raccomandata)
        versione = self._versioni.get(raccomandata.id)
        if versione is None:
            stored = await self._tx.insert(RACCOMANDATE, documento)
        else:
            stored = await self._tx.update(RACCOMANDATE, {**documento, "_v": versione})
        self._versioni[raccomandata.id] = stored["_v"]

    async def attive(self, limite: int) -> list[Raccomandata]:
        documenti = await self._tx.find(
            RACCOMANDATE, {"attiva": True}, sort=[("aggiornata_il", ASCENDING)], limit=limite
        )
        return [self._letta(d) for d in documenti]

    async def pagina(
        self, ordine: str, istanza_id: str | None, *, limite: int, dopo: str | None
    ) -> tuple[list[Raccomandata], str | None]:
        where: dict[str, Scalar] = {"ordine": ordine}
        if istanza_id is not None:
            where["istanza_id"] = istanza_id
        pagina = await self._tx.page(
            RACCOMANDATE,
            where=where,
            order=["creata_il"],
            descending=True,
            limit=limite,
            after=dopo,
        )
        return [self._letta(d) for d in pagina.documents], pagina.next


def in_dizionario(raccomandata: Raccomandata) -> dict[str, Any]:
    documento = encode(raccomandata)
    assert isinstance(documento, dict)  # a dataclass always encodes to a dict
    return {"_id": raccomandata.id, "schema": SCHEMA, "attiva": raccomandata.attiva, **documento}


def da_dizionario(documento: Mapping[str, Any]) -> Raccomandata:
    if documento.get("schema") != SCHEMA:
        raise ValueError(f"unknown schema of a stored mailing: {documento.get('schema')!r}")
    campi = {
        k: v
        for k, v in documento.items()
        if not k.startswith("_") and k not in {"schema", "attiva"}
    }
    return decode(Raccomandata, campi, "raccomandata")
