"""The delivery records in the service's document store (collection ``invii``).

A record is stored as :mod:`parcelle_kit.store.codec` writes the dataclass, plus ``_id`` (the
command's message id) and ``schema``. A field added to the record later (``lettori``) has a
default, so a record written before it reads back with that default under the same schema.
The Message-ID of the mail is unique (the receipts' side finds the message a PEC receipt quotes
by it); the case and the sender's delivery id find a case's records; the Ordine, state and time
serve the secretariat's list of undelivered messages. This module is the only writer of
``invii``."""

from collections.abc import Mapping
from typing import Any, Final

from notifiche.domain.invio import Invio
from notifiche.domain.ricevute import normalizza_msgid
from parcelle_kit.store.codec import decode, encode
from parcelle_kit.store.ports import Index, Transaction

INVII: Final = "invii"
SCHEMA: Final = 1
INDEXES: Final = (
    Index(INVII, ("message_id_mail",), unique=True),
    Index(INVII, ("istanza_id",)),
    Index(INVII, ("comunicazione_id",)),
    Index(INVII, ("ordine", "stato", "aggiornato_il", "_id")),
)


class Archivio:
    """The records within one unit of work (:class:`~notifiche.ports.InvioRepository`)."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx
        self._versioni: dict[str, int] = {}

    async def trova(self, message_id: str) -> Invio | None:
        documento = await self._tx.get(INVII, message_id)
        if documento is None:
            return None
        self._versioni[message_id] = documento["_v"]
        return da_dizionario(documento)

    async def per_message_id(self, message_id_mail: str) -> Invio | None:
        """The record of the mail whose Message-ID is ``message_id_mail`` (with or without its
        angle brackets)."""
        msgid = normalizza_msgid(message_id_mail)
        for forma in (msgid, msgid[1:-1]):  # kept with its brackets; older records without
            trovati = await self._tx.find(INVII, {"message_id_mail": forma}, limit=1)
            if trovati:
                return da_dizionario(trovati[0])
        return None

    async def salva(self, invio: Invio) -> None:
        documento = in_dizionario(invio)
        versione = self._versioni.get(invio.message_id)
        if versione is None:
            stored = await self._tx.insert(INVII, documento)
        else:
            stored = await self._tx.update(INVII, {**documento, "_v": versione})
        self._versioni[invio.message_id] = stored["_v"]

    async def non_consegnati(
        self, ordine: str, *, limit: int, after: str | None
    ) -> tuple[list[Invio], str | None]:
        pagina = await self._tx.page(
            INVII,
            where={"ordine": ordine, "stato": "non_consegnata"},
            order=("aggiornato_il",),
            descending=True,
            limit=limit,
            after=after,
        )
        return [da_dizionario(d) for d in pagina.documents], pagina.next


def in_dizionario(invio: Invio) -> dict[str, Any]:
    documento = encode(invio)
    assert isinstance(documento, dict)  # a dataclass always encodes to a dict
    return {"_id": invio.message_id, "schema": SCHEMA, **documento}


def da_dizionario(documento: Mapping[str, Any]) -> Invio:
    if documento.get("schema") != SCHEMA:
        raise ValueError(f"unknown schema of a delivery record: {documento.get('schema')!r}")
    campi = {k: v for k, v in documento.items() if not k.startswith("_") and k != "schema"}
    return decode(Invio, campi)
