"""Storage of the PEC receipts kept as proof in the document store (``ricevute_pec``, one per
receipt: a unique index on its key makes a second arrival a duplicate, however it came). The
sent messages they are matched to are the sending side's records
(:class:`~notifiche.adapters.archivio.Archivio`)."""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from notifiche.domain.ricevute import RicevutaRegistrata
from parcelle_kit.store.ports import Index, Transaction

RICEVUTE = "ricevute_pec"
INDEXES_RICEVUTE = (
    Index(RICEVUTE, ("chiave",), unique=True),
    Index(RICEVUTE, ("istanza_id", "ricevuta_il", "_id")),
)


class ArchivioRicevute:
    """The receipts kept, within one unit of work."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    async def per_chiave(self, chiave: str) -> RicevutaRegistrata | None:
        trovate = await self._tx.find(RICEVUTE, {"chiave": chiave}, limit=1)
        return _ricevuta(trovate[0]) if trovate else None

    async def leggi(self, ricevuta_id: str) -> RicevutaRegistrata | None:
        documento = await self._tx.get(RICEVUTE, ricevuta_id)
        return None if documento is None else _ricevuta(documento)

    async def registra(self, ricevuta: RicevutaRegistrata) -> None:
        documento: dict[str, Any] = asdict(ricevuta)
        for campo in ("ricevuta_il", "registrata_il"):
            documento[campo] = documento[campo].isoformat()
        await self._tx.insert(RICEVUTE, {"_id": ricevuta.ricevuta_id, **documento})


def _ricevuta(documento: dict[str, Any]) -> RicevutaRegistrata:
    campi = {k: v for k, v in documento.items() if not k.startswith("_")}
    for campo in ("ricevuta_il", "registrata_il"):
        campi[campo] = datetime.fromisoformat(campi[campo])
    return RicevutaRegistrata(**campi)
