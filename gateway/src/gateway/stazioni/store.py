"""Scanner stations in the gateway's store: created with a random key that is handed out once
and kept only as its SHA-256, found by that hash when a scan arrives, revoked for good.

A station acts for its Ordine as a system user of the secretariat (``stazione:<name>``,
through ``stazione`` with its name), so the service records every scan with the station's name
and refuses another Ordine's codes.
"""

import hashlib
import secrets
from dataclasses import dataclass
from datetime import datetime

from parcelle_contracts.common import Attore
from parcelle_contracts.envelope import utcnow
from parcelle_contracts.ids import new_id
from parcelle_kit import codes
from parcelle_kit.store.ports import MAX_PAGE, DocumentStore, Index, Transaction

COLLECTION = "stazioni"
INDEXES = (
    Index(COLLECTION, ("chiave_sha256",), unique=True),
    # An Ordine's stations, the active ones first, the newest first (keyset pages).
    Index(COLLECTION, ("ordine", "attiva", "creata_il", "_id")),
)
KEY_BYTES = 32
"""Random bytes of a key: 43 URL-safe characters."""
NOME_MAX = 50
"""So that ``stazione:<name>`` fits an Attore's username."""


class StazioneNonValidaError(ValueError):
    """The name or the Ordine of a new station cannot be accepted; ``campi`` says why."""

    def __init__(self, campi: dict[str, str]) -> None:
        super().__init__("; ".join(campi.values()))
        self.campi = campi


@dataclass(frozen=True)
class Stazione:
    id: str
    nome: str
    ordine: str
    creata_il: datetime
    creata_da: str
    revocata_il: datetime | None = None
    revocata_da: str | None = None

    @property
    def attiva(self) -> bool:
        return self.revocata_il is None

    def attore(self) -> Attore:
        """The system user of the secretariat on whose behalf the station's scans are sent."""
        return Attore(
            username=f"stazione:{self.nome}",
            ruolo="segreteria",
            ordine=self.ordine,
            nome="Stazione",
            cognome=self.nome,
            tramite="stazione",
            stazione=self.nome,
        )


def impronta(chiave: str) -> str:
    """The SHA-256 of a key, as stored."""
    return hashlib.sha256(chiave.encode()).hexdigest()


def nome_valido(testo: str) -> str:
    """The name as stored (spaces trimmed and collapsed), or StazioneNonValidaError."""
    nome = " ".join(testo.split())
    if not nome:
        raise StazioneNonValidaError({"nome": "Indica il nome della stazione."})
    if len(nome) > NOME_MAX:
        raise StazioneNonValidaError({"nome": f"Al massimo {NOME_MAX} caratteri."})
    if not nome.isprintable():
        raise StazioneNonValidaError({"nome": "Il nome contiene caratteri non ammessi."})
    return nome


def ordine_valido(testo: str) -> str:
    ordine = testo.strip().upper()
    if not codes.ordine_valido(ordine):
        raise StazioneNonValidaError(
            {"ordine": "Codice dell'Ordine non valido: da 2 a 32 lettere, ad esempio DEMO."}
        )
    return ordine


def _documento(stazione: Stazione, chiave_sha256: str) -> dict[str, object]:
    return {
        "_id": stazione.id,
        "nome": stazione.nome,
        "ordine": stazione.ordine,
        "chiave_sha256": chiave_sha256,
        "creata_il": stazione.creata_il.isoformat(),
        "creata_da": stazione.creata_da,
        "revocata_il": None,
        "revocata_da": None,
        "attiva": True,  # what lists sort by (derived from revocata_il, kept for the index)
    }


def _stazione(documento: dict[str, object]) -> Stazione:
    revocata_il = documento.get("revocata_il")
    revocata_da = documento.get("revocata_da")
    return Stazione(
        id=str(documento["_id"]),
        nome=str(documento["nome"]),
        ordine=str(documento["ordine"]),
        creata_il=datetime.fromisoformat(str(documento["creata_il"])),
        creata_da=str(documento["creata_da"]),
        revocata_il=datetime.fromisoformat(revocata_il) if isinstance(revocata_il, str) else None,
        revocata_da=revocata_da if isinstance(revocata_da, str) else None,
    )


class StazioniStore:
    """Creates, finds, lists and revokes stations."""

    def __init__(self, store: DocumentStore) -> None:
        self._store = store

    async def crea(self, *, nome: str, ordine: str, da: str) -> tuple[Stazione, str]:
        """A new station and its key: the only time the key exists outside the station.

        Two active stations of one Ordine never share a name (scans are recorded by name).
        """
        campi: dict[str, str] = {}
        letti: dict[str, str] = {}
        for campo, leggi, testo in (("nome", nome_valido, nome), ("ordine", ordine_valido, ordine)):
            try:
                letti[campo] = leggi(testo)
            except StazioneNonValidaError as error:
                campi.update(error.campi)
        if campi:
            raise StazioneNonValidaError(campi)
        stazione = Stazione(
            id=new_id(),
            nome=letti["nome"],
            ordine=letti["ordine"],
            creata_il=utcnow(),
            creata_da=da,
        )
        chiave = secrets.token_urlsafe(KEY_BYTES)

        async def unit(tx: Transaction) -> None:
            omonime = await tx.find(
                COLLECTION, {"ordine": stazione.ordine, "nome": stazione.nome, "revocata_il": None}
            )
            if omonime:
                raise StazioneNonValidaError(
                    {"nome": "C'è già una stazione attiva con questo nome in questo Ordine."}
                )
            await tx.insert(COLLECTION, _documento(stazione, impronta(chiave)))

        await self._store.run(unit)
        return stazione, chiave

    async def get(self, stazione_id: str) -> Stazione | None:
        documento = await self._store.run(lambda tx: tx.get(COLLECTION, stazione_id))
        return _stazione(documento) if documento else None

    async def per_chiave(self, chiave: str) -> Stazione | None:
        """The station (active or revoked) whose key this is; None for an unknown key."""
        if not chiave or len(chiave) > 200:
            return None
        trovate = await self._store.run(
            lambda tx: tx.find(COLLECTION, {"chiave_sha256": impronta(chiave)}, limit=1)
        )
        return _stazione(trovate[0]) if trovate else None

    async def pagina(
        self, ordine: str | None, limit: int, cursor: str | None = None
    ) -> tuple[list[Stazione], str | None]:
        """A page of the stations of one Ordine (or of all), the active ones first, then the
        newest first; and the cursor of the next page."""
        where = {"ordine": ordine.strip().upper()} if ordine else None
        trovate = await self._store.run(
            lambda tx: tx.page(
                COLLECTION,
                where=where,
                order=("attiva", "creata_il"),
                descending=True,
                limit=limit,
                after=cursor,
            )
        )
        return [_stazione(d) for d in trovate.documents], trovate.next

    async def elenco(self, ordine: str | None = None) -> list[Stazione]:
        """Every station of one Ordine (or of all), in :meth:`pagina`'s order: for the
        command line and the demo, which read them all."""
        stazioni, cursor = await self.pagina(ordine, MAX_PAGE)
        while cursor is not None:
            altre, cursor = await self.pagina(ordine, MAX_PAGE, cursor)
            stazioni.extend(altre)
        return stazioni

    async def revoca(self, stazione_id: str, *, da: str, ordine: str | None = None) -> Stazione:
        """Revoke for good (a revoked station stays listed); revoking again changes nothing.

        With ``ordine``, a station of another Ordine is as unknown as a missing one: KeyError.
        """

        async def unit(tx: Transaction) -> Stazione:
            documento = await tx.get(COLLECTION, stazione_id)
            if documento is None or (ordine is not None and documento["ordine"] != ordine):
                raise KeyError(stazione_id)
            if documento.get("revocata_il") is None:
                documento = await tx.update(
                    COLLECTION,
                    {
                        **documento,
                        "revocata_il": utcnow().isoformat(),
                        "revocata_da": da,
                        "attiva": False,
                    },
                )
            return _stazione(documento)

        return await self._store.run(unit)
