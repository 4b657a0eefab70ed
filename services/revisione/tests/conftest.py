"""Fixtures of the `revisione` use-case tests: the handlers over an embedded store and blob
directories of the test's own, with fake ``istanze``, ``firma``, ``acquisizione``, PDF maker
and clock."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.impostazioni import CopiaImpostazioni
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.locali import Locali, in_uscita, locali
from revisione.adapters.archivio import INDEXES, Archivio, Fascicoli
from revisione.domain.revisione import Revisione
from revisione.handlers.firma import Firma
from revisione.handlers.revisione import Revisioni
from revisione.ports import Dependencies

from .finti import (
    ORA,
    FintaAcquisizione,
    FintaFirma,
    FintaIstanze,
    FintiDocumenti,
    Orologio,
    revisione,
)


@dataclass
class Servizio:
    d: Dependencies
    revisioni: Revisioni
    firma: Firma
    istanze: FintaIstanze
    firme: FintaFirma
    documenti: FintiDocumenti
    orologio: Orologio
    store: SqliteStore
    blobs: FilesystemBlobStore
    transfer: FilesystemBlobStore

    async def caso(self, istanza_id: str = "istanza-1") -> Revisione:
        return await self.store.run(lambda tx: Archivio(tx).prendi(istanza_id))

    async def metti(self, caso: Revisione | None = None) -> None:
        nuovo = caso or revisione()
        await self.store.run(lambda tx: Archivio(tx).salva(nuovo))

    async def uscita(self) -> list[dict[str, Any]]:
        return await in_uscita(self.store)


@pytest.fixture
async def servizio(tmp_path: Path) -> AsyncIterator[Servizio]:
    async with locali(tmp_path, "revisione", INDEXES) as stores:
        yield servizio_su(stores)


def servizio_su(stores: Locali) -> Servizio:
    store, blobs, transfer = stores.store, stores.blobs, stores.transfer
    istanze, firme, documenti = FintaIstanze(), FintaFirma(transfer), FintiDocumenti()
    orologio = Orologio(ORA)
    d = Dependencies(
        store=store,
        consumer=stores.consumer,
        revisioni=Archivio,
        fascicoli=Fascicoli,
        impostazioni=CopiaImpostazioni,
        blobs=blobs,
        area="revisione",
        transfer=transfer,
        istanze=istanze,
        firme=firme,
        acquisizione=FintaAcquisizione(),
        documenti=documenti,
        ora=orologio,
    )
    return Servizio(
        d=d,
        revisioni=Revisioni(d),
        firma=Firma(d),
        istanze=istanze,
        firme=firme,
        documenti=documenti,
        orologio=orologio,
        store=store,
        blobs=blobs,
        transfer=transfer,
    )
