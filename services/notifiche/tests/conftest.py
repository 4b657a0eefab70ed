"""Fixtures of the `notifiche` use-case tests: the sending handlers over an embedded store and
blob directories of the test's own, the real templates and links, a fake transport, owner of
the settings and clock; the receipts' side over the test's own stores and PKI (``pec``)."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from notifiche.adapters.archivio import INDEXES, Archivio
from notifiche.adapters.collegamenti import CollegamentiFirmati
from notifiche.adapters.documenti import DocumentiBlob
from notifiche.adapters.modelli import ModelliJinja
from notifiche.domain.invio import Invio
from notifiche.handlers.elenchi import Elenchi
from notifiche.handlers.invii import Invii
from notifiche.ports import Dependencies
from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.impostazioni import CopiaImpostazioni
from parcelle_kit.links import link_key
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.locali import in_uscita, locali

from .finti import FintaAcquisizione, FintoTrasporto, Orologio
from .pec import Banco, banco

CHIAVE = link_key("chiave-dei-test-" + "x" * 32)


@dataclass
class Servizio:
    d: Dependencies
    invii: Invii
    elenchi: Elenchi
    trasporto: FintoTrasporto
    acquisizione: FintaAcquisizione
    orologio: Orologio
    store: SqliteStore
    area: FilesystemBlobStore
    """The blob area ``acquisizione`` of the test (a sender's documents)."""

    async def invio(self, message_id: str) -> Invio | None:
        return await self.store.run(lambda tx: Archivio(tx).trova(message_id))

    async def uscita(self) -> list[dict[str, Any]]:
        return await in_uscita(self.store)


@pytest.fixture
async def servizio(tmp_path: Path) -> AsyncIterator[Servizio]:
    async with locali(tmp_path, "notifiche", INDEXES) as stores:
        area = FilesystemBlobStore(tmp_path / "acq")
        aree: dict[str, BlobStore] = {"acquisizione": area}
        documenti = DocumentiBlob(lambda nome: aree[nome])
        trasporto, acquisizione, orologio = FintoTrasporto(), FintaAcquisizione(), Orologio()
        d = Dependencies(
            store=stores.store,
            consumer=stores.consumer,
            invii=Archivio,
            impostazioni=CopiaImpostazioni,
            trasporti=trasporto,
            documenti=documenti,
            modelli=ModelliJinja(),
            collegamenti=CollegamentiFirmati(CHIAVE, "https://parcelle.example/"),
            acquisizione=acquisizione,
            ora=orologio,
            mittente="notifiche@parcelle.example",
        )
        await area.open()
        yield Servizio(
            d=d,
            invii=Invii(d),
            elenchi=Elenchi(d),
            trasporto=trasporto,
            acquisizione=acquisizione,
            orologio=orologio,
            store=stores.store,
            area=area,
        )
        await documenti.close()


@pytest.fixture
async def pec(tmp_path: Path) -> AsyncIterator[Banco]:
    async with banco(tmp_path) as b:
        yield b
