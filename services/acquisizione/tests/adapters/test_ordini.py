"""The Ordini's settings in the document store (real SQLite): stored whole and read back, a
replacement only of what was read in the same unit of work, and settings stored before they had
a version or application rules read with version 0 and the default rules."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from acquisizione.adapters.ordini import ORDINI, StoreImpostazioniRepository
from parcelle_contracts.ordini import ImpostazioniOrdine, RegoleIstanze
from parcelle_kit.store.ports import DuplicateKeyError, Transaction
from parcelle_kit.store.sqlite import SqliteStore

from ..fabbrica import IMPOSTAZIONI


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    store = SqliteStore(tmp_path / "acquisizione.sqlite")
    await store.open()
    yield store
    await store.close()


async def leggi(store: SqliteStore, ordine: str = "DEMO") -> ImpostazioniOrdine | None:
    return await store.run(lambda tx: StoreImpostazioniRepository(tx).leggi(ordine))


async def test_settings_are_stored_whole_and_replaced_after_a_read(store: SqliteStore) -> None:
    assert await leggi(store) is None
    await store.run(lambda tx: StoreImpostazioniRepository(tx).salva(IMPOSTAZIONI))
    assert await leggi(store) == IMPOSTAZIONI
    # Stored again without reading them first: the unit of work did not know they existed.
    with pytest.raises(DuplicateKeyError):
        await store.run(lambda tx: StoreImpostazioniRepository(tx).salva(IMPOSTAZIONI))
    dopo = IMPOSTAZIONI.model_copy(update={"versione": 1, "pec": "altra@pec.it"})

    async def sostituisci(tx: Transaction) -> None:
        repository = StoreImpostazioniRepository(tx)
        await repository.leggi("DEMO")
        await repository.salva(dopo)

    await store.run(sostituisci)
    assert await leggi(store) == dopo


async def test_settings_stored_before_versions_read_as_version_0(store: SqliteStore) -> None:
    vecchie = {
        "_id": "DEMO",
        "codice": "DEMO",
        "nome": "Ordine degli Avvocati di Demo",
        "indirizzo": "",
        "pec": "",
        "termine_giorni": 60,
        "giorni_osservazioni": 15,
        "assegnazione_automatica": True,
        "relatori": [{"username": "consigliere.demo", "nome": "Marco Verdi", "peso": 1}],
        "marca_da_bollo": False,
    }
    await store.run(lambda tx: tx.insert(ORDINI, vecchie))
    letto = await leggi(store)
    assert letto is not None
    assert (letto.versione, letto.termine_giorni, letto.istanze) == (0, 60, RegoleIstanze())
