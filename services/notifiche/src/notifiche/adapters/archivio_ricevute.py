"""Storage of the receipts' side in the document store: the sent messages (``invii``, the record
the sending side writes: ``message_id_mail``, ``istanza_id``, ``comunicazione_id``, ``ordine``,
``canale``, ``indirizzo``), read here by Message-ID, and the receipts kept as proof
(``ricevute_pec``, one per receipt: a unique index on its key makes a second arrival a
duplicate, however it came)."""

from dataclasses import asdict
from datetime import datetime
from typing import Any

from notifiche.domain.invii import Invio, RicevutaRegistrata
from notifiche.domain.ricevute import normalizza_msgid
from parcelle_kit.store.ports import Index, Transaction

INVII = "invii"
RICEVUTE = "ricevute_pec"
INDEXES_RICEVUTE = (
    Index(RICEVUTE, ("chiave",), unique=True),
    Index(RICEVUTE, ("istanza_id", "ricevuta_il", "_id")),
    Index(INVII, ("message_id_mail",)),
)
_CAMPI_INVIO = ("message_id_mail", "istanza_id", "comunicazione_id", "ordine", "canale")


class Invii:
    """The sent messages, within one unit of work."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx

    async def per_message_id(self, message_id_mail: str) -> Invio | None:
        msgid = normalizza_msgid(message_id_mail)
        for forma in (msgid, msgid[1:-1]):  # written with or without its brackets
            trovati = await self._tx.find(INVII, {"message_id_mail": forma}, limit=1)
            if trovati:
                return _invio(trovati[0])
        return None

    async def registra(self, invio: Invio, *, id: str | None = None) -> None:
        """Write the record as the sending side does (tests, and a sender without its own)."""
        await self._tx.insert(INVII, {"_id": id or invio.comunicazione_id, **asdict(invio)})


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


def _invio(documento: dict[str, Any]) -> Invio:
    campi = {c: documento[c] for c in _CAMPI_INVIO}
    return Invio(
        **campi,
        indirizzo=documento.get("indirizzo", ""),
        correlation_id=documento.get("correlation_id"),
    )


def _ricevuta(documento: dict[str, Any]) -> RicevutaRegistrata:
    campi = {k: v for k, v in documento.items() if not k.startswith("_")}
    for campo in ("ricevuta_il", "registrata_il"):
        campi[campo] = datetime.fromisoformat(campi[campo])
    return RicevutaRegistrata(**campi)
