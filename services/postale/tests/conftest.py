"""Fixtures of the `postale` use-case tests: the handlers over an embedded store and blob
directories of the test's own (the documents read from another service's area with the real
reader), with a fake print center, maker of mailings, ``acquisizione`` and clock."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
import pytest_asyncio

from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.impostazioni import CopiaImpostazioni
from parcelle_kit.pdf import PdfRenderer
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.locali import in_uscita, locali
from postale.adapters import archivio, simulatore
from postale.adapters.documenti import PACKAGE, LettoreDocumenti
from postale.domain.raccomandata import Raccomandata
from postale.handlers.consultazione import Consultazione
from postale.handlers.invio import Invio
from postale.handlers.tracciamento import Tracciamento
from postale.ports import Dependencies

from .finti import FintaAcquisizione, FintoCentro, FintoImpaginatore, Orologio

INDEXES = (*archivio.INDEXES, *simulatore.INDEXES)


@dataclass
class Servizio:
    d: Dependencies
    invio: Invio
    tracciamento: Tracciamento
    consultazione: Consultazione
    centro: FintoCentro
    impaginatore: FintoImpaginatore
    orologio: Orologio
    store: SqliteStore
    blobs: FilesystemBlobStore
    altrui: FilesystemBlobStore
    """Another service's area (``acquisizione``), where the commands' documents lie."""
    sveglie: list[int]

    async def raccomandata(self, raccomandata_id: str) -> Raccomandata:
        trovata = await self.store.run(lambda tx: archivio.Archivio(tx).trova(raccomandata_id))
        assert trovata is not None
        return trovata

    async def uscita(self) -> list[dict[str, Any]]:
        return await in_uscita(self.store)


@pytest.fixture
async def servizio(tmp_path: Path) -> AsyncIterator[Servizio]:
    async with locali(tmp_path, "postale", INDEXES) as stores:
        altrui = FilesystemBlobStore(tmp_path / "blobs" / "acquisizione")
        await altrui.open()
        lettore = LettoreDocumenti(lambda area: FilesystemBlobStore(tmp_path / "blobs" / area))
        orologio = Orologio()
        centro, impaginatore = FintoCentro(orologio=orologio), FintoImpaginatore()
        sveglie: list[int] = []
        d = Dependencies(
            store=stores.store,
            consumer=stores.consumer,
            raccomandate=archivio.Archivio,
            impostazioni=CopiaImpostazioni,
            blobs=stores.blobs,
            area="postale",
            documenti=lettore,
            impaginatore=impaginatore,
            centro=centro,
            acquisizione=FintaAcquisizione(),
            ora=orologio,
            sveglia=lambda: sveglie.append(1),
        )
        yield Servizio(
            d=d,
            invio=Invio(d),
            tracciamento=Tracciamento(d),
            consultazione=Consultazione(d),
            centro=centro,
            impaginatore=impaginatore,
            orologio=orologio,
            store=stores.store,
            blobs=stores.blobs,
            altrui=altrui,
            sveglie=sveglie,
        )
        await lettore.close()
        await altrui.close()


@pytest_asyncio.fixture(scope="session", loop_scope="session")
async def renderer() -> AsyncIterator[PdfRenderer]:
    """The service's PDF pool (the letter, the simulator's receipts), shared by the session."""
    async with PdfRenderer([PACKAGE], workers=1) as pool:
        yield pool
