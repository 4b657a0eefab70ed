"""Fixtures of the `istanze` use-case tests: the handlers over an embedded store and blob
directories of the test's own, with fake ``firma``, PDF maker, ``acquisizione`` and clock."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from istanze.adapters.archivio import INDEXES, Archivio
from istanze.adapters.avvisi import PreferenzeAvvisi
from istanze.adapters.pagopa import SenzaPagoPA
from istanze.domain.istanza import Istanza
from istanze.handlers.deposito import Deposito
from istanze.handlers.istanze import Istanze
from istanze.ports import Dependencies, PagoPA
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.blob.writes import one_chunk
from parcelle_kit.codes import nuovo_codice
from parcelle_kit.impostazioni import CopiaImpostazioni
from parcelle_kit.pdf.inspection import check_pdf
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.locali import Locali, in_uscita, locali

from .finti import (
    IMPOSTAZIONI,
    ORA,
    SECRET,
    FintaAcquisizione,
    FintaFirma,
    FintiDocumenti,
    Orologio,
    ref,
)


@dataclass
class Servizio:
    """The use cases and what the test looks at."""

    d: Dependencies
    istanze: Istanze
    deposito: Deposito
    firma: FintaFirma
    documenti: FintiDocumenti
    acquisizione: FintaAcquisizione
    orologio: Orologio
    store: SqliteStore
    blobs: FilesystemBlobStore
    transfer: FilesystemBlobStore

    async def caso(self, istanza_id: str = "istanza-1") -> Istanza:
        return await self.store.run(lambda tx: Archivio(tx).prendi(istanza_id))

    async def copia(self, ordine: str = "DEMO") -> ImpostazioniOrdine | None:
        return await self.store.run(lambda tx: CopiaImpostazioni(tx).leggi(ordine))

    async def imposta(self, impostazioni: ImpostazioniOrdine = IMPOSTAZIONI) -> None:
        """Give the service a read copy, as the owner's announcement would."""
        await self.store.run(lambda tx: CopiaImpostazioni(tx).sostituisci(impostazioni))

    async def carica(self, data: bytes, key: str) -> Any:
        """Leave ``data`` in the transfer area, as the gateway does with an upload."""
        await self.transfer.put(key, one_chunk(data), max_size=len(data))
        return ref(data, key)

    async def uscita(self) -> list[dict[str, Any]]:
        """The messages staged for publication, oldest first, as the relay would send them."""
        return await in_uscita(self.store)


@pytest.fixture
async def servizio(tmp_path: Path) -> AsyncIterator[Servizio]:
    async with locali(tmp_path, "istanze", INDEXES) as stores:
        yield servizio_su(stores)


def servizio_su(stores: Locali, pagopa: PagoPA | None = None) -> Servizio:
    store, blobs, transfer = stores.store, stores.blobs, stores.transfer
    firma, documenti = FintaFirma(blobs, transfer), FintiDocumenti()
    acquisizione, orologio = FintaAcquisizione(), Orologio(ORA)
    d = Dependencies(
        store=store,
        consumer=stores.consumer,
        istanze=Archivio,
        impostazioni=CopiaImpostazioni,
        avvisi=PreferenzeAvvisi,
        pagopa=pagopa or SenzaPagoPA(),
        blobs=blobs,
        area="istanze",
        transfer=transfer,
        firme=firma,
        documenti=documenti,
        controllo_pdf=check_pdf,
        acquisizione=acquisizione,
        codici=lambda ordine, anno: nuovo_codice(SECRET, ordine, anno),
        ora=orologio,
        firma_demo=True,
    )
    return Servizio(
        d=d,
        istanze=Istanze(d),
        deposito=Deposito(d),
        firma=firma,
        documenti=documenti,
        acquisizione=acquisizione,
        orologio=orologio,
        store=store,
        blobs=blobs,
        transfer=transfer,
    )
