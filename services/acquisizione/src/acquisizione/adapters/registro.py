"""The cases and the protocol register in the service's document store
(:class:`~acquisizione.ports.RegistroRepository`).

Collections:

- ``pratiche``: one document per case, the aggregate under ``pratica`` and, beside it, the few
  fields the lists query by (Ordine, state, code, deposit time, current relatore);
- ``protocollo``: the register, one document per number, keyed ``<ordine>/<year>/<number>``:
  the key makes a duplicate number impossible even if a counter were ever reset;
- ``turni``: when each councillor was last assigned a case (the tie-break of the rule);
- ``rinunce``: withdrawals that arrived before their deposit (the two events travel on
  different queues, so their order is not guaranteed).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal
from typing import Any, Final

from acquisizione.domain.assegnazione import Carico, Relatore
from acquisizione.domain.elenco import Ricerca, chiavi
from acquisizione.domain.errori import NonTrovataError
from acquisizione.domain.pratica import NON_TROVATA, Pratica
from acquisizione.ports import FiltroAttesa, PaginaDi, RigaAttesa, RinunciaAnticipata
from parcelle_kit.store.codec import decode, encode
from parcelle_kit.store.ports import ASCENDING, Document, Index, Scalar, Transaction

PRATICHE: Final = "pratiche"
PROTOCOLLO: Final = "protocollo"
TURNI: Final = "turni"
RINUNCE: Final = "rinunce"
SCHEMA: Final = 2
"""Version of the stored case's layout; bump it (and migrate) when a field changes meaning.
2: the timeline and the registration say who acted in what role and through what (``ruolo``,
``tramite``, ``stazione``) instead of one word for where (``dove``)."""

INDEXES: Final = (
    Index(PRATICHE, ("codice",), unique=True),
    # The pending list, the oldest deposit first (whole, by kind of signature, by code).
    Index(PRATICHE, ("ordine", "stato", "depositata_il", "_id")),
    Index(PRATICHE, ("ordine", "stato", "firma", "depositata_il", "_id")),
    Index(PRATICHE, ("ordine", "stato", "cerca.codice")),
    # Deadlines and a councillor's cases, the nearest end of the term first.
    Index(PRATICHE, ("ordine", "stato", "scadenza", "_id")),
    Index(PRATICHE, ("ordine", "stato", "relatore", "scadenza", "_id")),
)
SENZA_SCADENZA: Final = "9999-12-31"
"""The deadline a case without a running term sorts by (after every real one)."""
RIGA_ATTESA: Final = ("codice", "firma", "depositata_il", "riga")
"""What a line of the pending list shows (projection)."""


class StoreRegistroRepository:
    """The cases and the register within one transaction; remembers versions for updates."""

    def __init__(self, tx: Transaction) -> None:
        self._tx = tx
        self._versioni: dict[str, int] = {}

    # --- cases ----------------------------------------------------------------------------------

    async def trova(self, istanza_id: str) -> Pratica | None:
        documento = await self._tx.get(PRATICHE, istanza_id)
        return None if documento is None else self._leggi(documento)

    async def prendi(self, istanza_id: str) -> Pratica:
        pratica = await self.trova(istanza_id)
        if pratica is None:
            raise NonTrovataError(NON_TROVATA)
        return pratica

    async def per_codice(self, codice: str) -> Pratica | None:
        trovate = await self._tx.find(PRATICHE, {"codice": codice}, limit=1)
        return self._leggi(trovate[0]) if trovate else None

    async def aggiungi(self, pratica: Pratica) -> None:
        stored = await self._tx.insert(PRATICHE, _documento(pratica))
        self._versioni[pratica.istanza_id] = stored["_v"]

    async def salva(self, pratica: Pratica) -> None:
        documento = {**_documento(pratica), "_v": self._versioni[pratica.istanza_id]}
        stored = await self._tx.update(PRATICHE, documento)
        self._versioni[pratica.istanza_id] = stored["_v"]

    async def in_attesa(
        self, ordine: str, filtro: FiltroAttesa, limit: int, cursor: str | None
    ) -> PaginaDi[RigaAttesa]:
        where: dict[str, Scalar] = {"ordine": ordine, "stato": "depositata"}
        any_of: dict[str, Sequence[Scalar]] = {}
        if filtro.firma == "autografa":
            where["firma"] = "autografa"
        elif filtro.firma == "digitale":
            any_of["firma"] = ("pades", "cades")
        prefix = _prefissi(filtro.ricerca)
        # Stored times are fixed-width ISO strings in UTC: they sort as the times do.
        pagina = await self._tx.page(
            PRATICHE,
            where=where,
            any_of=any_of,
            prefix=prefix,
            order=("depositata_il",),
            limit=limit,
            after=cursor,
            fields=RIGA_ATTESA,
        )
        return PaginaDi([_riga_attesa(d) for d in pagina.documents], pagina.next)

    async def conta_in_attesa(self, ordine: str) -> tuple[int, int]:
        """How many cases wait, and how many of them are hand-signed."""
        totale = await self._tx.count(PRATICHE, {"ordine": ordine, "stato": "depositata"})
        autografe = await self._tx.count(
            PRATICHE, {"ordine": ordine, "stato": "depositata", "firma": "autografa"}
        )
        return totale, autografe

    async def per_scadenza(
        self,
        ordine: str,
        entro: date | None,
        relatore: str | None,
        ricerca: Ricerca,
        limit: int,
        cursor: str | None,
    ) -> PaginaDi[Pratica]:
        where: dict[str, Scalar] = {"ordine": ordine, "stato": "acquisita"}
        if relatore is not None:
            where["relatore"] = relatore
        between = {"scadenza": (None, entro.isoformat())} if entro is not None else {}
        pagina = await self._tx.page(
            PRATICHE,
            where=where,
            between=between,
            prefix=_prefissi(ricerca),
            order=("scadenza",),
            limit=limit,
            after=cursor,
        )
        return PaginaDi([self._leggi(d) for d in pagina.documents], pagina.next)

    def _leggi(self, documento: Document) -> Pratica:
        schema = documento.get("schema")
        if schema == 1:
            documento = {**documento, "pratica": _da_schema_1(documento["pratica"])}
        elif schema != SCHEMA:
            raise ValueError(f"unknown schema of a stored pratica: {schema!r}")
        pratica = decode(Pratica, documento["pratica"])
        self._versioni[pratica.istanza_id] = documento["_v"]
        return pratica

    # --- the protocol register ------------------------------------------------------------------

    async def prossimo_numero(self, contatore: str) -> int:
        return await self._tx.next_value(contatore)

    async def registra_protocollo(self, pratica: Pratica) -> None:
        """Write the case's number in the register (a number already there is refused)."""
        registrazione = pratica.registrazione
        if registrazione is None:
            raise ValueError("the case has no protocol number")
        await self._tx.insert(
            PROTOCOLLO,
            {
                "_id": f"{pratica.ordine}/{registrazione.protocollo}",
                "ordine": pratica.ordine,
                "protocollo": registrazione.protocollo,
                "istanza_id": pratica.istanza_id,
                "acquisita_il": encode(registrazione.acquisita_il),
                "da": registrazione.da,
                "tramite": registrazione.tramite,
                "stazione": registrazione.stazione,
            },
        )

    async def protocolli(self, ordine: str) -> list[Document]:
        """The Ordine's register, in number order."""
        return await self._tx.find(PROTOCOLLO, {"ordine": ordine}, sort=[("_id", ASCENDING)])

    # --- the councillors' workload --------------------------------------------------------------

    async def carichi(self, ordine: str, relatori: Sequence[Relatore]) -> dict[str, Carico]:
        """Each councillor's open cases (acquired, not withdrawn) and last assignment."""
        carichi = {}
        for relatore in relatori:
            aperte = await self._tx.count(
                PRATICHE, {"ordine": ordine, "stato": "acquisita", "relatore": relatore.username}
            )
            turno = await self._tx.get(TURNI, _turno(ordine, relatore.username))
            ultima = (
                decode(_Turno, {"ultima": turno["ultima"]}).ultima if turno is not None else None
            )
            carichi[relatore.username] = Carico(aperte=aperte, ultima_assegnazione=ultima)
        return carichi

    async def segna_turno(self, ordine: str, relatore: str, ora: datetime) -> None:
        chiave = _turno(ordine, relatore)
        documento = await self._tx.get(TURNI, chiave)
        if documento is None:
            await self._tx.insert(TURNI, {"_id": chiave, "ultima": encode(ora)})
        else:
            await self._tx.update(TURNI, {**documento, "ultima": encode(ora)})

    # --- withdrawals before their deposit -------------------------------------------------------

    async def annota_rinuncia(self, istanza_id: str, motivo: str, ora: datetime) -> None:
        if await self._tx.get(RINUNCE, istanza_id) is None:
            await self._tx.insert(
                RINUNCE, {"_id": istanza_id, "motivo": motivo, "rinunciata_il": encode(ora)}
            )

    async def rinuncia_anticipata(self, istanza_id: str) -> RinunciaAnticipata | None:
        documento = await self._tx.get(RINUNCE, istanza_id)
        if documento is None:
            return None
        campi = {"motivo": documento["motivo"], "rinunciata_il": documento["rinunciata_il"]}
        return decode(RinunciaAnticipata, campi)


@dataclass(frozen=True)
class _Turno:
    ultima: datetime


def _turno(ordine: str, relatore: str) -> str:
    return f"{ordine}/{relatore}"


def _documento(pratica: Pratica) -> Document:
    """The stored case: the aggregate, and the fields the lists query by and show."""
    relatore = pratica.relatore
    fine = pratica.scadenza_corrente()
    return {
        "_id": pratica.istanza_id,
        "schema": SCHEMA,
        "ordine": pratica.ordine,
        "codice": pratica.codice,
        "stato": pratica.stato,
        "firma": pratica.firma,
        "depositata_il": encode(pratica.depositata_il),
        "relatore": relatore.relatore if relatore is not None else None,
        "scadenza": fine.isoformat() if fine is not None else SENZA_SCADENZA,
        "cerca": chiavi(pratica),
        "riga": {
            "avvocato": pratica.avvocato.nome_completo(),
            "cliente": pratica.cliente,
            "importo_richiesto": encode(pratica.importo_richiesto),
        },
        "pratica": encode(pratica),
    }


def _prefissi(ricerca: Ricerca) -> dict[str, str]:
    """The search as prefixes of the keys stored with each case (``cerca``)."""
    prefissi = {"cerca.codice": ricerca.codice, "cerca.avvocato": ricerca.avvocato}
    return {campo: valore for campo, valore in prefissi.items() if valore}


def _riga_attesa(documento: Document) -> RigaAttesa:
    riga = documento["riga"]
    importo = riga["importo_richiesto"]
    return RigaAttesa(
        istanza_id=documento["_id"],
        codice=documento["codice"],
        avvocato=riga["avvocato"],
        cliente=riga["cliente"],
        importo_richiesto=Decimal(importo) if importo is not None else None,
        firma=documento["firma"],
        depositata_il=datetime.fromisoformat(documento["depositata_il"]),
    )


def _da_schema_1(pratica: dict[str, Any]) -> dict[str, Any]:
    """A case stored with schema 1, where ``dove`` said where an action came from in one word
    (``web``, ``api``, a scanner station's name, or nothing for Parcelle's own steps)."""

    def tramite(dove: str | None, chi: str | None = None) -> dict[str, Any]:
        if dove is None:
            return {"tramite": "sistema" if chi == "sistema" else None, "stazione": None}
        if dove in ("web", "api"):
            return {"tramite": "area_web" if dove == "web" else "api", "stazione": None}
        return {"tramite": "stazione", "stazione": dove}

    def passo(vecchio: dict[str, Any]) -> dict[str, Any]:
        campi = {k: v for k, v in vecchio.items() if k != "dove"}
        return {**campi, "ruolo": None, **tramite(vecchio.get("dove"), vecchio.get("chi"))}

    nuova = {**pratica, "cronologia": [passo(p) for p in pratica.get("cronologia", [])]}
    registrazione = pratica.get("registrazione")
    if registrazione is not None:
        campi = {k: v for k, v in registrazione.items() if k != "dove"}
        nuova["registrazione"] = {**campi, **tramite(registrazione["dove"])}
    return nuova
