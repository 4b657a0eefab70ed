"""Fixtures of the `acquisizione` unit tests: the use cases over an embedded store (real SQLite)
and blob directories of the test's own, with fake ``istanze``, PDF maker and clock."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from acquisizione.adapters.registro import INDEXES
from acquisizione.bootstrap import unit_of_work
from acquisizione.handlers.avvio import Avvio
from acquisizione.handlers.ingresso import Ingresso
from acquisizione.handlers.ordini import Ordini
from acquisizione.handlers.relatori import Relatori
from acquisizione.handlers.segreteria import Segreteria
from acquisizione.ports import Dependencies
from parcelle_contracts.common import Attore
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.codes import nuovo_codice, verifica_codice
from parcelle_kit.pdf.inspection import check_pdf
from parcelle_kit.store.ports import Transaction
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.locali import Locali, in_uscita, locali

from .fabbrica import ACQUISITA, DEPOSITATA, IMPOSTAZIONI, MINUTO
from .finti import (
    SECRET,
    STAZIONE,
    FintiDocumenti,
    FintiFascicoli,
    Orologio,
    depositata,
    scansione,
)


@dataclass
class Servizio:
    """The use cases and what the test looks at."""

    d: Dependencies
    segreteria: Segreteria
    ingresso: Ingresso
    avvio: Avvio
    relatori: Relatori
    ordini: Ordini
    fascicoli: FintiFascicoli
    documenti: FintiDocumenti
    orologio: Orologio
    store: SqliteStore
    blobs: FilesystemBlobStore
    transfer: FilesystemBlobStore
    depositi: int = 0

    async def deposita(self, n: int = 1, ordine: str = "DEMO", **altro: Any) -> list[str]:
        """``n`` deposits of ``ordine``, one a minute; their codes (the case's id is
        ``<ordine>-<i>-<code>``)."""
        codici = []
        for i in range(n):
            codice = nuovo_codice(SECRET, ordine, 2026)
            self.depositi += 1
            quando = DEPOSITATA + self.depositi * MINUTO
            messaggio = depositata(f"{ordine}-{i}-{codice}", codice, depositata_il=quando, **altro)
            await self.ingresso.depositata(messaggio)
            codici.append(codice)
        return codici

    async def acquisisci(self, codice: str, attore: Attore = STAZIONE, **altro: Any) -> Any:
        """The reply to a scan of ``codice`` (the case's view, as JSON)."""
        risposta = await self.segreteria.acquisisci(scansione(codice, attore, **altro))
        return risposta.model_dump(mode="json")

    async def configura(self, impostazioni: ImpostazioniOrdine = IMPOSTAZIONI) -> None:
        """Store the Ordine's settings as they are (not announced)."""

        async def salva(tx: Transaction) -> None:
            ordini = unit_of_work(tx).impostazioni
            await ordini.leggi(impostazioni.codice)  # a replacement, if some are stored
            await ordini.salva(impostazioni)

        await self.store.run(salva)

    async def uscita(self) -> list[dict[str, Any]]:
        """The messages staged for publication, oldest first, as the relay would send them."""
        return await in_uscita(self.store)


@pytest.fixture
async def servizio(tmp_path: Path) -> AsyncIterator[Servizio]:
    async with locali(tmp_path, "acquisizione", INDEXES) as stores:
        yield servizio_su(stores)


def servizio_su(stores: Locali) -> Servizio:
    store, blobs, transfer = stores.store, stores.blobs, stores.transfer
    fascicoli, documenti, orologio = FintiFascicoli(), FintiDocumenti(), Orologio(ACQUISITA)
    d = Dependencies(
        store=store,
        unit_of_work=unit_of_work,
        consumer=stores.consumer,
        blobs=blobs,
        area="acquisizione",
        transfer=transfer,
        fascicoli=fascicoli,
        documenti=documenti,
        verifica_codice=lambda testo: verifica_codice(SECRET, testo),
        ora=orologio,
        max_osservazioni=1024 * 1024,
        controllo_pdf=check_pdf,
    )
    return Servizio(
        d=d,
        segreteria=Segreteria(d),
        ingresso=Ingresso(d),
        avvio=Avvio(d),
        relatori=Relatori(d),
        ordini=Ordini(d),
        fascicoli=fascicoli,
        documenti=documenti,
        orologio=orologio,
        store=store,
        blobs=blobs,
        transfer=transfer,
    )
