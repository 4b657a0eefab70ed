"""The cases in the store: the stored document round-trips exactly, looks as documented, and
a document this code did not write is refused rather than half-read; the repository keeps a
case across transactions."""

import json
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given

from istanze.adapters.archivio import INDEXES, Archivio, da_dizionario, in_dizionario
from istanze.domain.istanza import Istanza
from istanze.ports import FiltroElenco, PaginaElenco, RigaElenco
from parcelle_kit.store.ports import InvalidCursorError, Transaction
from parcelle_kit.store.sqlite import SqliteStore

from ..domain.fabbrica import bozza, depositata, pronta
from ..strategie import istanze


@given(istanze)
def test_the_stored_document_round_trips_exactly(istanza: Istanza) -> None:
    documento = in_dizionario(istanza)
    testo = json.dumps(documento)  # JSON-compatible with no help
    riletto = da_dizionario(json.loads(testo))
    assert riletto == istanza
    assert in_dizionario(riletto) == documento
    assert riletto.fingerprint() == istanza.fingerprint()


def test_the_stored_document_looks_as_documented() -> None:
    istanza = depositata()
    documento = in_dizionario(istanza)
    assert documento["_id"] == documento["id"] == istanza.id
    assert documento["schema"] == 1
    assert documento["stato"] == "depositata"
    assert documento["creata_il"] == "2026-03-02T09:30:00.000000+00:00"
    assert documento["contenuto"]["voci"][0] == {
        "fase": "studio",
        "importo": "1701.00",
        "descrizione": None,
        "motivazione": None,
    }
    assert documento["contenuto"]["spese_generali_percentuale"] == "15"
    assert documento["deposito"]["firma"]["tipo"] == "pades"
    assert documento["allegati"][0]["tipo"] == "PDF"


def test_keys_of_the_store_and_the_repository_are_ignored() -> None:
    documento = in_dizionario(depositata())
    documento |= {"_v": 7, "_outbox": [{"evento": "x"}]}
    assert da_dizionario(documento) == depositata()


def test_times_are_read_back_in_utc_whatever_offset_they_carry() -> None:
    documento = in_dizionario(bozza())
    documento["creata_il"] = "2026-03-02T10:30:00+01:00"
    istanza = da_dizionario(documento)
    assert istanza.creata_il == datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
    assert istanza.creata_il.tzinfo is UTC


def _modificato(percorso: tuple[str | int, ...], valore: object) -> dict[str, Any]:
    documento = in_dizionario(pronta())
    nodo: Any = documento
    for chiave in percorso[:-1]:
        nodo = nodo[chiave]
    nodo[percorso[-1]] = valore
    return documento


@pytest.mark.parametrize(
    ("percorso", "valore"),
    [
        (("schema",), 2),
        (("stato",), "archiviata"),  # not a state
        (("contenuto", "voci", 0, "fase"), "appello"),
        (("contenuto", "voci", 0, "importo"), 1701.0),  # a float is not money
        (("contenuto", "voci", 0, "importo"), "NaN"),
        (("contenuto", "spese"), "mille"),
        (("creata_il",), "2026-03-02T09:30:00"),  # no offset
        (("allegati", 0, "dimensione"), True),  # a bool is not a size
        (("allegati", 0, "dimensione"), "1000"),
        (("contenuto", "pratica", "mandato_concluso"), "si"),
        (("contenuto", "cliente", "segreto"), "x"),  # unknown field
        (("contenuto", "voci"), {"fase": "studio"}),
    ],
)
def test_a_document_this_code_did_not_write_is_refused(
    percorso: tuple[str | int, ...], valore: object
) -> None:
    with pytest.raises(ValueError):  # noqa: PT011 -- each case has its own message
        da_dizionario(_modificato(percorso, valore))


def test_a_missing_required_field_is_refused_an_optional_one_takes_its_default() -> None:
    documento = in_dizionario(bozza())
    del documento["protocollo"]
    assert da_dizionario(documento).protocollo is None
    del documento["codice"]
    with pytest.raises(ValueError, match="codice"):
        da_dizionario(documento)


async def test_the_repository_keeps_a_case_and_finds_a_lawyers_cases(tmp_path: Path) -> None:
    store = SqliteStore(tmp_path / "istanze.sqlite")
    await store.open(INDEXES)
    try:
        istanza = bozza()
        await store.run(lambda tx: Archivio(tx).aggiungi(istanza))
        assert await store.run(lambda tx: Archivio(tx).prendi(istanza.id)) == istanza
        assert await store.run(lambda tx: Archivio(tx).trova("nessuna")) is None
        assert [r.id for r in (await elenco(store, "DEMO")).righe] == [istanza.id]
        assert (await elenco(store, "ROMA")).righe == []
    finally:
        await store.close()


async def elenco(
    store: SqliteStore,
    ordine: str,
    filtro: FiltroElenco | None = None,
    limit: int = 50,
    cursor: str | None = None,
) -> PaginaElenco:
    return await store.run(
        lambda tx: Archivio(tx).elenco_dell_avvocato(
            ordine, "gbianchi", filtro or FiltroElenco(), limit, cursor
        )
    )


async def test_a_lawyers_list_comes_in_pages_latest_change_first_with_what_it_shows(
    tmp_path: Path,
) -> None:
    store = SqliteStore(tmp_path / "istanze.sqlite")
    await store.open(INDEXES)
    try:
        casi = []
        for numero in range(7):
            caso = depositata() if numero == 3 else bozza()
            caso.id, caso.codice = f"istanza-{numero}", f"DEMO-2026-{numero:04d}-AB"
            caso.aggiornata_il = datetime(2026, 3, 2, 9, numero, tzinfo=UTC)
            casi.append(caso)

            async def aggiungi(tx: Transaction, caso: Istanza = caso) -> None:
                await Archivio(tx).aggiungi(caso)

            await store.run(aggiungi)
        pagine, cursor = [], None
        while True:
            pagina = await elenco(store, "DEMO", limit=3, cursor=cursor)
            pagine.append([riga.id for riga in pagina.righe])
            if (cursor := pagina.next) is None:
                break
        assert pagine == [
            ["istanza-6", "istanza-5", "istanza-4"],
            ["istanza-3", "istanza-2", "istanza-1"],
            ["istanza-0"],
        ]
        (riga,) = (await elenco(store, "DEMO", FiltroElenco(stato="depositata"))).righe
        assert riga == RigaElenco(
            id="istanza-3",
            codice="DEMO-2026-0003-AB",
            protocollo=None,
            cliente="Mario Rossi",
            importo_richiesto=Decimal("7616.00"),
            stato="depositata",
            aggiornata_il=casi[3].aggiornata_il,
            inviata_al_cliente_il=None,
        )
        codice = await elenco(store, "DEMO", FiltroElenco(codice="DEMO-2026-0005"))
        assert [r.id for r in codice.righe] == ["istanza-5"]
        nome = await elenco(store, "DEMO", FiltroElenco(cliente="mario r"))
        assert len(nome.righe) == 7
        assert (await elenco(store, "DEMO", FiltroElenco(cliente="luigi"))).righe == []
        with pytest.raises(InvalidCursorError):
            await elenco(store, "DEMO", FiltroElenco(stato="bozza"), cursor="AAAA")
    finally:
        await store.close()
