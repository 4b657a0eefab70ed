"""A raccomandata A/R (the aggregate of `postale`): what was sent to whom, what it cost, where
it is along the print center's and Poste's course, and the receipts that prove it.

The course: ``accettata`` (the print center took the mailing) -> ``stampata`` -> ``spedita``
(handed to Poste) -> ``consegnata`` -> ``ricevuta_ritorno`` (the signed return receipt came
back); or, after ``spedita``, ``in_giacenza`` (held at the post office) -> ``consegnata`` or
``restituita`` (the term of holding expired), and ``non_recapitabile`` (unknown recipient,
wrong address) -> ``restituita``. A mailing the print center refuses is ``rifiutata``.

A step already passed, or one the course does not allow from where the mailing is, changes
nothing: tracking reports arrive again and out of order, and applying one twice is harmless."""

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import datetime
from decimal import ROUND_HALF_UP, Decimal
from typing import Final

from parcelle_contracts.vocabolario import (
    Messaggio,
    Ruolo,
    StatoRaccomandata,
    TipoRicevutaPostale,
)

CENTESIMO: Final = Decimal("0.01")

SEGUENTI: Final[Mapping[StatoRaccomandata, frozenset[StatoRaccomandata]]] = {
    "accettata": frozenset({"stampata", "rifiutata"}),
    "stampata": frozenset({"spedita"}),
    "spedita": frozenset({"consegnata", "in_giacenza", "non_recapitabile"}),
    "in_giacenza": frozenset({"consegnata", "restituita"}),
    "consegnata": frozenset({"ricevuta_ritorno"}),
    "non_recapitabile": frozenset({"restituita"}),
    "ricevuta_ritorno": frozenset(),
    "restituita": frozenset(),
    "rifiutata": frozenset(),
}
"""Where a mailing may go from each state."""

FINALI: Final = frozenset(stato for stato, dopo in SEGUENTI.items() if not dopo)
"""States after which nothing more is tracked."""


def raggiungibile(da: StatoRaccomandata, a: StatoRaccomandata) -> bool:
    """Whether ``a`` lies ahead of ``da`` along some course (a report may skip steps: a
    tracking poll can miss "stampata" and see "spedita" at once)."""
    visti: set[StatoRaccomandata] = set()
    frontiera = set(SEGUENTI[da])
    while frontiera:
        stato = frontiera.pop()
        if stato == a:
            return True
        visti.add(stato)
        frontiera |= SEGUENTI[stato] - visti
    return False


@dataclass(frozen=True)
class Tariffe:
    """What the Ordine pays its print center (its price table)."""

    raccomandata_ar: Decimal
    """Postage of a raccomandata A/R."""
    foglio: Decimal
    """Printing and postage of each sheet."""
    busta: Decimal
    """The envelope and its filling."""


def fogli(pagine: int, *, fronte_retro: bool) -> int:
    """Sheets printed for ``pagine`` pages (two pages a sheet when printed on both sides)."""
    if pagine < 1:
        raise ValueError("a mailing has at least one page")
    return (pagine + 1) // 2 if fronte_retro else pagine


def costo(tariffe: Tariffe, fogli: int) -> Decimal:
    """Postage, the envelope and every sheet printed, to the cent (ROUND_HALF_UP)."""
    totale = tariffe.raccomandata_ar + tariffe.busta + tariffe.foglio * fogli
    return totale.quantize(CENTESIMO, rounding=ROUND_HALF_UP)


@dataclass(frozen=True)
class Ricevuta:
    """A receipt kept in the service's own blob area, write-once."""

    id: str
    tipo: TipoRicevutaPostale
    key: str
    sha256: str
    size: int
    nome_file: str
    il: datetime


@dataclass(frozen=True)
class Passo:
    stato: StatoRaccomandata
    il: datetime
    dettaglio: str | None = None


@dataclass(frozen=True)
class Plico:
    """The mailing as printed: cover letter and documents in one PDF."""

    key: str
    sha256: str
    size: int
    pagine: int
    fogli: int


@dataclass
class Raccomandata:
    id: str
    """The id of the command that asked for it: the idempotency key at the print center."""
    istanza_id: str
    comunicazione_id: str
    ordine: str
    correlation_id: str
    messaggio: Messaggio
    nome: str
    indirizzo: str
    plico: Plico | None
    """None when nothing could be printed (no postal address)."""
    costo: Decimal
    simulata: bool
    creata_il: datetime
    stato: StatoRaccomandata
    aggiornata_il: datetime
    numero: str | None = None
    passi: tuple[Passo, ...] = ()
    ricevute: tuple[Ricevuta, ...] = field(default=())
    lettori: tuple[str, ...] = ()
    """Usernames of the Ordine who may read its receipts besides the secretariat (the lawyer
    who sent their order to the client); none on a mailing stored before they were kept."""

    def leggibile_da(self, ordine: str, ruolo: Ruolo, username: str) -> bool:
        """Whether a user of ``ordine`` in ``ruolo`` may read this mailing's receipts: the
        secretariat of its Ordine, or a lawyer of its Ordine among its readers."""
        if ordine != self.ordine:
            return False
        return ruolo == "segreteria" or (ruolo == "avvocato" and username in self.lettori)

    @property
    def attiva(self) -> bool:
        """Still moving: the tracking is asked about it."""
        return self.stato not in FINALI

    def avanza(
        self,
        stato: StatoRaccomandata,
        il: datetime,
        *,
        dettaglio: str | None = None,
        ricevuta: Ricevuta | None = None,
    ) -> bool:
        """Record a tracking report; whether it changed anything (a step already passed or
        not on the course from here changes nothing, a receipt is kept once)."""
        if stato == self.stato or not raggiungibile(self.stato, stato):
            return False
        self.stato = stato
        self.aggiornata_il = max(self.aggiornata_il, il)
        self.passi = (*self.passi, Passo(stato=stato, il=il, dettaglio=dettaglio))
        if ricevuta is not None and all(r.id != ricevuta.id for r in self.ricevute):
            self.ricevute = (*self.ricevute, ricevuta)
        return True

    def ricevuta(self, ricevuta_id: str) -> Ricevuta | None:
        return next((r for r in self.ricevute if r.id == ricevuta_id), None)


def nuova(
    *,
    id: str,
    istanza_id: str,
    comunicazione_id: str,
    ordine: str,
    correlation_id: str,
    messaggio: Messaggio,
    nome: str,
    indirizzo: str,
    plico: Plico | None,
    tariffe: Tariffe,
    simulata: bool,
    stato: StatoRaccomandata,
    il: datetime,
    numero: str | None,
    dettaglio: str | None = None,
    ricevuta: Ricevuta | None = None,
    lettori: tuple[str, ...] = (),
) -> Raccomandata:
    """A mailing as the print center answered its submission: accepted (with its tracking
    number and acceptance slip) or refused; its cost at the Ordine's tariffs; who may read its
    receipts besides the secretariat."""
    return Raccomandata(
        id=id,
        istanza_id=istanza_id,
        comunicazione_id=comunicazione_id,
        ordine=ordine,
        correlation_id=correlation_id,
        messaggio=messaggio,
        nome=nome,
        indirizzo=indirizzo,
        plico=plico,
        costo=costo(tariffe, plico.fogli)
        if plico is not None and stato != "rifiutata"
        else Decimal("0.00"),
        simulata=simulata,
        creata_il=il,
        stato=stato,
        aggiornata_il=il,
        numero=numero,
        passi=(Passo(stato=stato, il=il, dettaglio=dettaglio),),
        ricevute=(ricevuta,) if ricevuta is not None else (),
        lettori=lettori,
    )
