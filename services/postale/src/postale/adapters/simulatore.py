"""The local print-center simulator (the default :class:`~postale.ports.CentroStampa`).

It accepts a mailing, gives it a tracking number and an acceptance slip, and reports the
course a raccomandata A/R takes (printed, handed to Poste, delivered, the return receipt back
with its scan) on a time scale of its own: ``accelerazione`` times faster than real time (the
default puts the week of a raccomandata in about 30 seconds). Every document it makes carries
the SIMULAZIONE mark and names the simulator; every step it reports is marked simulated by
``postale``.

Failures, deterministic for a given mailing:
- a recipient whose name contains ``GIACENZA`` is held at the post office and, the term of
  holding over, returned; ``IRREPERIBILE``: undeliverable, then returned; ``RIFIUTA``: the
  print center refuses the mailing;
- ``GUASTO``: the first submission fails as a passing failure (retried by the platform);
- ``probabilita_guasto`` of a passing failure at each submission and
  ``probabilita_giacenza`` of a mailing held, drawn from a generator seeded by the mailing's
  idempotency key (and the attempt), so a test sees the same outcome every run.

The schedule of each mailing is kept in the service's own store (``simulatore_spedizioni``),
so the course goes on after a restart; a repeated idempotency key answers the first
acceptance and never makes a second mailing."""

import hashlib
import random
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, Final

from parcelle_contracts.vocabolario import (
    RICEVUTE_POSTALI,
    SIMULATORE_CENTRO_STAMPA,
    StatoRaccomandata,
)
from parcelle_kit.bus.retry import TransientError
from parcelle_kit.pdf import PdfRenderer
from parcelle_kit.store.ports import DocumentStore, Index, Transaction
from postale.domain.errori import SpedizioneRifiutataError
from postale.ports import Accettazione, Aggiornamento, Orologio, Spedizione

SPEDIZIONI: Final = "simulatore_spedizioni"
INDEXES: Final = (Index(SPEDIZIONI, ("numero",)),)
PACKAGE: Final = "postale"
RICEVUTA: Final = "postale/ricevuta.html"
ORA: Final = timedelta(hours=1)
GIORNO: Final = timedelta(days=1)
ACCELERAZIONE: Final = 20160.0
"""A week in 30 seconds."""


class CentroStampaNonDisponibileError(TransientError):
    """The (simulated) print center cannot take the mailing now."""


@dataclass(frozen=True)
class Tappa:
    """A step of the course, at a simulated time after acceptance."""

    stato: StatoRaccomandata
    dopo: timedelta
    dettaglio: str | None = None


CONSEGNA: Final = (
    Tappa("stampata", 3 * ORA, "Stampata e imbustata dal centro stampa"),
    Tappa("spedita", 20 * ORA, "Affidata a Poste Italiane"),
    Tappa("consegnata", 3 * GIORNO, "Consegnata al destinatario"),
    Tappa("ricevuta_ritorno", 7 * GIORNO, "Avviso di ricevimento tornato al mittente"),
)
GIACENZA: Final = (
    *CONSEGNA[:2],
    Tappa("in_giacenza", 3 * GIORNO, "Destinatario assente: avviso di giacenza lasciato"),
    Tappa("restituita", 33 * GIORNO, "Compiuta giacenza: restituita al mittente"),
)
IRREPERIBILE: Final = (
    *CONSEGNA[:2],
    Tappa("non_recapitabile", 3 * GIORNO, "Destinatario sconosciuto all'indirizzo indicato"),
    Tappa("restituita", 10 * GIORNO, "Restituita al mittente"),
)


def percorso(chiave: str, nome: str, *, probabilita_giacenza: float) -> tuple[Tappa, ...]:
    """The course of a mailing: by the rules on the recipient's name, else drawn (seeded by
    the idempotency key) with ``probabilita_giacenza`` of being held."""
    maiuscolo = nome.upper()
    if "IRREPERIBILE" in maiuscolo:
        return IRREPERIBILE
    if "GIACENZA" in maiuscolo:
        return GIACENZA
    if random.Random(f"{chiave}/giacenza").random() < probabilita_giacenza:
        return GIACENZA
    return CONSEGNA


def numero_raccomandata(chiave: str) -> str:
    """A tracking number in the shape of Poste's (12 digits), marked SIM, from the key."""
    cifre = int(hashlib.sha256(chiave.encode()).hexdigest(), 16) % 10**12
    return f"SIM{cifre:012d}"


def contesto_ricevuta(
    tipo: str, spedizione: dict[str, Any], il: datetime, consegnata_il: datetime | None = None
) -> dict[str, Any]:
    return {
        "tipo": tipo,
        "titolo": RICEVUTE_POSTALI[
            "accettazione" if tipo == "accettazione" else "ricevuta_ritorno"
        ],
        "simulatore": SIMULATORE_CENTRO_STAMPA,
        "numero": spedizione["numero"],
        "mittente": spedizione["mittente"].splitlines(),
        "nome": spedizione["nome"],
        "indirizzo": spedizione["indirizzo"].splitlines(),
        "fogli": spedizione["fogli"],
        "il": il,
        "consegnata_il": consegnata_il,
        "firmatario": spedizione["nome"].title(),
    }


class CentroStampaSimulato:
    """The simulator over the service's own store and PDF renderer."""

    nome = SIMULATORE_CENTRO_STAMPA
    simulato = True

    def __init__(
        self,
        store: DocumentStore,
        renderer: PdfRenderer,
        ora: Orologio,
        *,
        accelerazione: float = ACCELERAZIONE,
        probabilita_guasto: float = 0.0,
        probabilita_giacenza: float = 0.0,
    ) -> None:
        self._store = store
        self._renderer = renderer
        self._ora = ora
        self._accelerazione = accelerazione
        self._guasto = probabilita_guasto
        self._giacenza = probabilita_giacenza

    def _reale(self, dopo: timedelta) -> timedelta:
        return dopo / self._accelerazione

    async def invia(self, spedizione: Spedizione) -> Accettazione:
        chiave = spedizione.chiave
        ora = self._ora()

        async def tentativo(tx: Transaction) -> dict[str, Any]:
            documento = await tx.get(SPEDIZIONI, chiave)
            if documento is None:
                return await tx.insert(SPEDIZIONI, {"_id": chiave, "tentativi": 1})
            if "numero" in documento:
                return documento
            return await tx.update(
                SPEDIZIONI, {**documento, "tentativi": documento["tentativi"] + 1}
            )

        documento = await self._store.run(tentativo)
        if "numero" not in documento:
            self._guasti(spedizione, documento["tentativi"])
            documento = await self._store.run(lambda tx: self._accetta(tx, spedizione, ora))
        distinta = await self._render(
            "accettazione", documento, datetime.fromisoformat(documento["accettata_il"])
        )
        return Accettazione(
            numero=documento["numero"],
            il=datetime.fromisoformat(documento["accettata_il"]),
            distinta=distinta,
        )

    def _guasti(self, spedizione: Spedizione, tentativi: int) -> None:
        nome = spedizione.nome.upper()
        if "RIFIUTA" in nome:
            raise SpedizioneRifiutataError("Indirizzo non accettato dal centro stampa (simulato)")
        if "GUASTO" in nome and tentativi == 1:
            raise CentroStampaNonDisponibileError("centro stampa simulato: guasto temporaneo")
        if random.Random(f"{spedizione.chiave}/{tentativi}").random() < self._guasto:
            raise CentroStampaNonDisponibileError("centro stampa simulato: non disponibile")

    async def _accetta(
        self, tx: Transaction, spedizione: Spedizione, ora: datetime
    ) -> dict[str, Any]:
        documento = await tx.get(SPEDIZIONI, spedizione.chiave)
        assert documento is not None  # written by the attempt before
        if "numero" in documento:
            return documento
        tappe = percorso(spedizione.chiave, spedizione.nome, probabilita_giacenza=self._giacenza)
        accettata = {
            **documento,
            "numero": numero_raccomandata(spedizione.chiave),
            "accettata_il": ora.isoformat(),
            "mittente": spedizione.mittente,
            "nome": spedizione.nome,
            "indirizzo": spedizione.indirizzo,
            "fogli": spedizione.fogli,
            "tappe": [
                {
                    "stato": t.stato,
                    "il": (ora + self._reale(t.dopo)).isoformat(),
                    "dettaglio": t.dettaglio,
                }
                for t in tappe
            ],
        }
        return await tx.update(SPEDIZIONI, accettata)

    async def aggiornamenti(self, numero: str) -> Sequence[Aggiornamento]:
        trovati = await self._store.run(lambda tx: tx.find(SPEDIZIONI, {"numero": numero}))
        if not trovati:
            return []
        documento = trovati[0]
        ora = self._ora()
        fatti: list[Aggiornamento] = []
        consegnata_il: datetime | None = None
        for tappa in documento["tappe"]:
            il = datetime.fromisoformat(tappa["il"])
            if il > ora:
                break
            scansione = None
            if tappa["stato"] == "consegnata":
                consegnata_il = il
            if tappa["stato"] == "ricevuta_ritorno":
                scansione = await self._render("ricevuta_ritorno", documento, il, consegnata_il)
            fatti.append(Aggiornamento(tappa["stato"], il, tappa["dettaglio"], scansione))
        return fatti

    async def _render(
        self,
        tipo: str,
        documento: dict[str, Any],
        il: datetime,
        consegnata_il: datetime | None = None,
    ) -> bytes:
        self._renderer.start_soon()
        contesto = contesto_ricevuta(tipo, documento, il, consegnata_il)
        return await self._renderer.render(PACKAGE, RICEVUTA, contesto)
