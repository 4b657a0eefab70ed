"""The cases in the document store (real SQLite): a case reads back exactly as written, a
document this code did not write is refused, and a case stored with the first schema (one word
``dove`` for where) is read with who acted through what."""

import json
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import pytest

from acquisizione.adapters.registro import INDEXES, PRATICHE, StoreRegistroRepository
from acquisizione.domain.pratica import Pratica
from parcelle_kit.store.codec import decode, encode
from parcelle_kit.store.ports import Transaction
from parcelle_kit.store.sqlite import SqliteStore

from ..fabbrica import assegnata, completa, pendente


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    store = SqliteStore(tmp_path / "acquisizione.sqlite")
    await store.open(INDEXES)
    yield store
    await store.close()


@pytest.mark.parametrize("pratica", [pendente(), pendente("autografa"), completa()])
async def test_a_stored_case_reads_back_exactly(store: SqliteStore, pratica: Pratica) -> None:
    await store.run(lambda tx: StoreRegistroRepository(tx).aggiungi(pratica))
    letta = await store.run(lambda tx: StoreRegistroRepository(tx).trova(pratica.istanza_id))
    assert letta == pratica
    testo = json.dumps(encode(pratica))  # what the store keeps is plain JSON
    assert decode(Pratica, json.loads(testo)) == pratica


def test_what_this_code_did_not_write_is_refused() -> None:
    dati = encode(pendente())
    with pytest.raises(ValueError, match="unknown fields"):
        decode(Pratica, {**dati, "altro": 1})
    with pytest.raises(ValueError, match="missing field"):
        decode(Pratica, {k: v for k, v in dati.items() if k != "codice"})
    with pytest.raises(ValueError, match="is not one of"):
        decode(Pratica, {**dati, "stato": "bozza"})
    with pytest.raises(ValueError, match="without its offset"):
        decode(Pratica, {**dati, "depositata_il": "2026-03-02T09:30:00"})


def _schema_1(pratica: Pratica) -> dict[str, Any]:
    """``pratica`` as schema 1 stored it: ``dove`` where schema 2 says ruolo/tramite/stazione."""
    dati: dict[str, Any] = encode(pratica)
    for passo in dati["cronologia"]:
        tramite, stazione = passo.pop("tramite"), passo.pop("stazione")
        del passo["ruolo"]
        passo["dove"] = {"area_web": "web", "api": "api", "stazione": stazione}.get(tramite)
    registrazione = dati["registrazione"]
    registrazione["dove"] = registrazione.pop("stazione") or "web"
    del registrazione["tramite"]
    return dati


async def test_a_case_of_schema_1_is_read_with_who_acted_through_what(store: SqliteStore) -> None:
    pratica = assegnata()
    documento = {
        "_id": pratica.istanza_id,
        "schema": 1,
        "ordine": pratica.ordine,
        "codice": pratica.codice,
        "stato": pratica.stato,
        "depositata_il": encode(pratica.depositata_il),
        "relatore": "consigliere.demo",
        "pratica": _schema_1(pratica),
    }
    await store.run(lambda tx: tx.insert(PRATICHE, documento))
    letta = await store.run(lambda tx: StoreRegistroRepository(tx).prendi(pratica.istanza_id))
    deposito, acquisizione, assegnazione = letta.cronologia
    assert deposito.tramite == "area_web"
    assert (acquisizione.tramite, acquisizione.stazione) == ("stazione", "banco-1")
    assert (assegnazione.chi, assegnazione.tramite) == ("sistema", "sistema")
    assert letta.registrazione is not None
    assert (letta.registrazione.tramite, letta.registrazione.stazione) == ("stazione", "banco-1")
    # Saved again, it is schema 2.
    await store.run(lambda tx: _salva(tx, letta))
    (salvata,) = await store.run(lambda tx: tx.find(PRATICHE))
    assert salvata["schema"] == 2


async def _salva(tx: Transaction, pratica: Pratica) -> None:
    registro = StoreRegistroRepository(tx)
    await registro.prendi(pratica.istanza_id)
    await registro.salva(pratica)
