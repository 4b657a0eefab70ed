"""The secretariat's acquisition reaches the case: ``PraticaAcquisita`` makes it ``acquisita``
with its protocol number, once, and the public status event goes out with the change."""

from collections.abc import AsyncIterator
from datetime import timedelta
from pathlib import Path
from typing import Any

import pytest

from istanze.acquisizione import registra_acquisizione
from istanze.adapters.archivio import INDEXES, Archivio
from istanze.domain.errori import StatoNonValidoError
from istanze.domain.istanza import Istanza
from parcelle_contracts.acquisizione import PraticaAcquisita
from parcelle_contracts.common import Attore
from parcelle_kit.bus.outgoing import Outgoing
from parcelle_kit.consumer import IdempotentConsumer
from parcelle_kit.outbox import OUTBOX, OutboxRelay
from parcelle_kit.store.ports import ASCENDING
from parcelle_kit.store.sqlite import SqliteStore

from .domain.fabbrica import ORA, TITOLARE, depositata

ACQUISITA_IL = ORA + timedelta(days=1)
CLERK = Attore(
    username="segreteria1", ruolo="segreteria", ordine="DEMO", nome="Anna", cognome="Neri"
)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    store = SqliteStore(tmp_path / "istanze.sqlite")
    await store.open(INDEXES)
    yield store
    await store.close()


@pytest.fixture
def consumer(store: SqliteStore) -> IdempotentConsumer:
    async def send(_: Outgoing) -> None:
        raise AssertionError("nothing is published in these tests")

    return IdempotentConsumer(store, OutboxRelay(store, send))


async def salva(store: SqliteStore, istanza: Istanza) -> None:
    await store.run(lambda tx: Archivio(tx).aggiungi(istanza))


async def leggi(store: SqliteStore, istanza_id: str = "istanza-1") -> Istanza:
    return await store.run(lambda tx: Archivio(tx).prendi(istanza_id))


async def uscita(store: SqliteStore) -> list[Outgoing]:
    documenti = await store.run(
        lambda tx: tx.find(OUTBOX, sort=[("staged_at", ASCENDING), ("position", ASCENDING)])
    )
    return [Outgoing.from_document(d) for d in documenti]


def acquisita(protocollo: str = "2026/000001", **altro: Any) -> PraticaAcquisita:
    valori: dict[str, Any] = {
        "correlation_id": "corr-istanza-1",
        "ordine": "DEMO",
        "istanza_id": "istanza-1",
        "codice": "DEMO-26-7K3Q9XAB-4FZP",
        "protocollo": protocollo,
        "acquisita_il": ACQUISITA_IL,
        "acquisita_da": CLERK,
        "stazione": "banco-1",
        **altro,
    }
    return PraticaAcquisita.model_validate(valori)


async def test_the_case_becomes_acquired_with_its_number_and_the_public_hears_it(
    store: SqliteStore, consumer: IdempotentConsumer
) -> None:
    await salva(store, depositata())
    await registra_acquisizione(consumer, acquisita())

    istanza = await leggi(store)
    assert (istanza.stato, istanza.protocollo) == ("acquisita", "2026/000001")
    ultimo = istanza.cronologia[-1]
    assert ultimo.descrizione == "Istanza acquisita con protocollo n. 2026/000001"
    assert (ultimo.chi, ultimo.quando) == ("Anna Neri", ACQUISITA_IL)
    (pubblico,) = await uscita(store)
    assert (pubblico.exchange, pubblico.routing_key) == ("public", "pratica.DEMO.acquisita")
    corpo = pubblico.payload()
    assert (corpo["stato"], corpo["stato_precedente"], corpo["protocollo"]) == (
        "acquisita",
        "depositata",
        "2026/000001",
    )
    assert corpo["correlation_id"] == "corr-istanza-1"


async def test_the_same_acquisition_twice_has_one_effect(
    store: SqliteStore, consumer: IdempotentConsumer
) -> None:
    await salva(store, depositata())
    evento = acquisita()
    await registra_acquisizione(consumer, evento)
    await registra_acquisizione(consumer, evento)  # redelivered
    await registra_acquisizione(consumer, acquisita())  # published again by a relay
    assert len(await uscita(store)) == 1
    assert [e.stato for e in (await leggi(store)).cronologia].count("acquisita") == 1


async def test_a_case_withdrawn_meanwhile_stays_withdrawn(
    store: SqliteStore, consumer: IdempotentConsumer
) -> None:
    istanza = depositata()
    istanza.rinuncia("Accordo con il cliente", ORA + timedelta(hours=1), TITOLARE)
    await salva(store, istanza)
    await registra_acquisizione(consumer, acquisita())
    assert (await leggi(store)).stato == "rinunciata"
    assert await uscita(store) == []


async def test_another_number_for_a_registered_case_is_an_inconsistency(
    store: SqliteStore, consumer: IdempotentConsumer
) -> None:
    await salva(store, depositata())
    await registra_acquisizione(consumer, acquisita())
    with pytest.raises(StatoNonValidoError):
        await registra_acquisizione(consumer, acquisita("2026/000002"))
    assert (await leggi(store)).protocollo == "2026/000001"
