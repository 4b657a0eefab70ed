"""Fixtures of the `istanze` use-case tests: the handlers over an embedded store and blob
directories of the test's own, with fake ``firma``, PDF maker, ``acquisizione`` and clock."""

from collections.abc import AsyncIterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from istanze.adapters.archivio import INDEXES, Archivio
from istanze.domain.istanza import Istanza
from istanze.handlers.deposito import Deposito
from istanze.handlers.istanze import Istanze
from istanze.ports import Dependencies
from parcelle_contracts.ordini import ImpostazioniOrdine
from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.blob.writes import one_chunk
from parcelle_kit.bus.outgoing import Outgoing
from parcelle_kit.codes import nuovo_codice
from parcelle_kit.consumer import IdempotentConsumer
from parcelle_kit.impostazioni import CopiaImpostazioni
from parcelle_kit.outbox import OUTBOX, OutboxRelay
from parcelle_kit.pdf.inspection import check_pdf
from parcelle_kit.store.ports import ASCENDING
from parcelle_kit.store.sqlite import SqliteStore

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
        documenti = await self.store.run(
            lambda tx: tx.find(OUTBOX, sort=[("staged_at", ASCENDING), ("position", ASCENDING)])
        )
        return [
            {"routing_key": d["routing_key"], **Outgoing.from_document(d).payload()}
            for d in documenti
        ]


@pytest.fixture
async def servizio(tmp_path: Path) -> AsyncIterator[Servizio]:
    store = SqliteStore(tmp_path / "istanze.sqlite")
    blobs = FilesystemBlobStore(tmp_path / "blobs" / "istanze")
    transfer = FilesystemBlobStore(tmp_path / "blobs" / "transfer")
    await store.open(INDEXES)
    await blobs.open()
    await transfer.open()

    async def send(_: Outgoing) -> None:
        raise AssertionError("unit tests do not publish")

    firma, documenti = FintaFirma(blobs, transfer), FintiDocumenti()
    acquisizione, orologio = FintaAcquisizione(), Orologio(ORA)
    d = Dependencies(
        store=store,
        consumer=IdempotentConsumer(store, OutboxRelay(store, send)),
        istanze=Archivio,
        impostazioni=CopiaImpostazioni,
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
    yield Servizio(
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
    await store.close()
    await blobs.close()
    await transfer.close()
