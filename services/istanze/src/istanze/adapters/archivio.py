"""The cases in the service's document store, and their storage mapping.

The stored document (:func:`in_dizionario`) is the aggregate as :mod:`parcelle_kit.store.codec`
writes it, plus ``_id`` (the store's key) and ``schema`` (this layout's version). Reading it
back (:func:`da_dizionario`) checks every type and every closed value (states, phases,
categories), refuses unknown fields and ignores the keys that start with ``_`` (owned by the
store and the repository: ``_id``, ``_v``, an outbox).
"""

from collections.abc import Mapping
from datetime import datetime
from decimal import Decimal
from typing import Any, Final

from istanze.domain.errori import NonTrovataError
from istanze.domain.istanza import Istanza
from istanze.ports import FiltroElenco, PaginaElenco, RigaElenco
from parcelle_kit.store.codec import decode, encode
from parcelle_kit.store.ports import Index, Scalar, Transaction

ISTANZE: Final = "istanze"
ELENCO: Final = "_elenco"
"""What a list shows that the aggregate derives (the client's name, the fee asked for, when
the order was first sent to the client), stored beside it so that a page is one indexed query
with a projection."""
INVIATA: Final = f"{ELENCO}.inviata_al_cliente"
INDEXES: Final = (
    Index(ISTANZE, ("codice",), unique=True),
    # A lawyer's list, the latest changed first: whole, and by state (keyset pages).
    Index(ISTANZE, ("ordine", "avvocato.username", "aggiornata_il", "_id")),
    Index(ISTANZE, ("ordine", "avvocato.username", "stato", "aggiornata_il", "_id")),
    Index(ISTANZE, ("ordine", "stato")),
    # The Ordine's cases in one state, for its staff (the decided ones to send, say).
    Index(ISTANZE, ("ordine", "stato", "aggiornata_il", "_id")),
    # The cases whose order has (not) been sent to the client yet: the lawyer's (in one state,
    # or in any), the Ordine's.
    Index(ISTANZE, ("ordine", "avvocato.username", "stato", INVIATA, "aggiornata_il", "_id")),
    Index(ISTANZE, ("ordine", "avvocato.username", INVIATA, "aggiornata_il", "_id")),
    Index(ISTANZE, ("ordine", "stato", INVIATA, "aggiornata_il", "_id")),
)
CAMPI_ELENCO: Final = ("codice", "protocollo", "stato", "aggiornata_il", ELENCO)
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

    async def elenco_dell_avvocato(
        self, ordine: str, username: str, filtro: FiltroElenco, limit: int, cursor: str | None
    ) -> PaginaElenco:
        where: dict[str, Scalar] = {"ordine": ordine, "avvocato.username": username}
        if filtro.stato is not None:
            where["stato"] = filtro.stato
        prefix = {}
        if filtro.codice:
            prefix["codice"] = filtro.codice
        if filtro.cliente:
            prefix[f"{ELENCO}.cerca_cliente"] = filtro.cliente
        return await self._pagina(where, prefix, filtro, limit, cursor)

    async def elenco_dell_ordine(
        self, ordine: str, stato: str, filtro: FiltroElenco, limit: int, cursor: str | None
    ) -> PaginaElenco:
        return await self._pagina({"ordine": ordine, "stato": stato}, {}, filtro, limit, cursor)

    async def _pagina(
        self,
        where: dict[str, Scalar],
        prefix: dict[str, str],
        filtro: FiltroElenco,
        limit: int,
        cursor: str | None,
    ) -> PaginaElenco:
        """One page of a list, the latest changed first (stored times are fixed-width ISO
        strings in UTC: they sort as the times do)."""
        if filtro.inviata_al_cliente is not None:
            where = {**where, INVIATA: filtro.inviata_al_cliente}
        pagina = await self._tx.page(
            ISTANZE,
            where=where,
            prefix=prefix,
            order=("aggiornata_il",),
            descending=True,
            limit=limit,
            after=cursor,
            fields=CAMPI_ELENCO,
        )
        return PaginaElenco([_riga(d) for d in pagina.documents], pagina.next)


def in_dizionario(istanza: Istanza) -> dict[str, Any]:
    """The aggregate as a JSON-compatible document for the store (see the module's docstring)."""
    documento = encode(istanza)
    assert isinstance(documento, dict)  # a dataclass always encodes to a dict
    cliente = istanza.nome_cliente()
    importo = istanza.importo_richiesto()
    inviata = istanza.inviata_al_cliente_il()
    elenco = {
        "cliente": cliente,
        "cerca_cliente": (cliente or "").casefold(),
        "importo_richiesto": str(importo) if importo is not None else None,
        "inviata_al_cliente": inviata is not None,
        "inviata_al_cliente_il": encode(inviata),
    }
    return {"_id": istanza.id, "schema": SCHEMA, **documento, ELENCO: elenco}


def _riga(documento: Mapping[str, Any]) -> RigaElenco:
    elenco = documento[ELENCO]
    importo = elenco["importo_richiesto"]
    inviata = elenco.get("inviata_al_cliente_il")
    return RigaElenco(
        id=documento["_id"],
        codice=documento["codice"],
        protocollo=documento.get("protocollo"),
        cliente=elenco["cliente"],
        importo_richiesto=Decimal(importo) if importo is not None else None,
        stato=documento["stato"],
        aggiornata_il=datetime.fromisoformat(documento["aggiornata_il"]),
        inviata_al_cliente_il=datetime.fromisoformat(inviata) if inviata else None,
    )


def da_dizionario(documento: Mapping[str, Any]) -> Istanza:
    """The aggregate of a stored document; ``ValueError`` if it is not one this code wrote."""
    if documento.get("schema") != SCHEMA:
        raise ValueError(f"unknown schema of a stored istanza: {documento.get('schema')!r}")
    campi = {k: v for k, v in documento.items() if not k.startswith("_") and k != "schema"}
    return decode(Istanza, campi, "istanza")
