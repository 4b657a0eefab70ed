"""The print-center simulator: one mailing per idempotency key, its acceptance slip and the
scan of the return receipt marked SIMULAZIONE, the course on its time scale, the failures its
rules and chances give (the same every run), and a course that goes on after a restart."""

import re
from collections.abc import AsyncIterator, Callable
from pathlib import Path

import pytest
import pytest_asyncio

from parcelle_kit.bus.retry import is_transient
from parcelle_kit.pdf import PdfRenderer
from parcelle_kit.store.sqlite import SqliteStore
from postale.adapters import simulatore
from postale.adapters.simulatore import (
    CONSEGNA,
    GIACENZA,
    IRREPERIBILE,
    CentroStampaNonDisponibileError,
    CentroStampaSimulato,
    percorso,
)
from postale.domain.errori import SpedizioneRifiutataError
from postale.ports import Spedizione

from ..finti import Orologio

pytestmark = pytest.mark.asyncio(loop_scope="session")
SETTIMANA_IN_30_S = 20160.0


def spedizione(chiave: str = "cmd-1", nome: str = "Mario Rossi") -> Spedizione:
    return Spedizione(
        chiave=chiave,
        ordine="DEMO",
        mittente="Ordine degli Avvocati di Demo\nPiazza della Giustizia 1",
        nome=nome,
        indirizzo="Via Roma 10\n00100 Roma RM",
        pdf=b"%PDF plico",
        fogli=2,
    )


@pytest_asyncio.fixture(loop_scope="session")
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    store = SqliteStore(tmp_path / "postale.sqlite")
    await store.open(simulatore.INDEXES)
    yield store
    await store.close()


def centro(
    store: SqliteStore, renderer: PdfRenderer, orologio: Orologio, **opzioni: float
) -> CentroStampaSimulato:
    return CentroStampaSimulato(
        store, renderer, orologio, accelerazione=SETTIMANA_IN_30_S, **opzioni
    )


async def test_the_recipient_s_name_picks_the_course() -> None:
    assert percorso("k", "Mario Rossi", probabilita_giacenza=0) == CONSEGNA
    assert percorso("k", "Ditta GIACENZA srl", probabilita_giacenza=0) == GIACENZA
    assert percorso("k", "Sig. Irreperibile", probabilita_giacenza=0) == IRREPERIBILE
    assert percorso("k", "Mario Rossi", probabilita_giacenza=1) == GIACENZA
    drawn = [percorso(f"k{n}", "M", probabilita_giacenza=0.5) for n in range(40)]
    assert drawn == [percorso(f"k{n}", "M", probabilita_giacenza=0.5) for n in range(40)]
    assert GIACENZA in drawn
    assert CONSEGNA in drawn


async def test_one_mailing_per_key_with_a_marked_slip(
    store: SqliteStore, renderer: PdfRenderer, testo: Callable[[bytes], str]
) -> None:
    orologio = Orologio()
    sim = centro(store, renderer, orologio)
    prima = await sim.invia(spedizione())
    orologio.avanti(seconds=5)
    ancora = await sim.invia(spedizione())
    assert (ancora.numero, ancora.il) == (prima.numero, prima.il)
    assert re.fullmatch(r"SIM\d{12}", prima.numero)
    assert len(await store.run(lambda tx: tx.find(simulatore.SPEDIZIONI))) == 1
    text = testo(prima.distinta)
    for atteso in ("SIMULAZIONE", "Simulatore del centro stampa", "Distinta di accettazione"):
        assert atteso in text, atteso
    assert prima.numero in text
    assert "Mario Rossi" in text


async def test_the_course_on_its_time_scale_to_the_scanned_receipt(
    store: SqliteStore, renderer: PdfRenderer, testo: Callable[[bytes], str]
) -> None:
    orologio = Orologio()
    sim = centro(store, renderer, orologio)
    numero = (await sim.invia(spedizione())).numero
    assert await sim.aggiornamenti(numero) == []
    orologio.avanti(seconds=5)  # 5 s at this scale is about 28 hours
    assert [a.stato for a in await sim.aggiornamenti(numero)] == ["stampata", "spedita"]
    orologio.avanti(seconds=25)  # the week is over
    passi = await sim.aggiornamenti(numero)
    assert [a.stato for a in passi] == ["stampata", "spedita", "consegnata", "ricevuta_ritorno"]
    assert [a.scansione is not None for a in passi] == [False, False, False, True]
    assert passi == sorted(passi, key=lambda a: a.il)
    scansione = passi[-1].scansione
    assert scansione is not None
    text = testo(scansione)
    for atteso in ("SIMULAZIONE", "AVVISO DI RICEVIMENTO", numero, "Mario Rossi"):
        assert atteso in text, atteso
    assert await sim.aggiornamenti("SIM000000000000") == []


async def test_held_and_undeliverable_by_the_recipient_s_name(
    store: SqliteStore, renderer: PdfRenderer
) -> None:
    orologio = Orologio()
    sim = centro(store, renderer, orologio)
    tenuta = (await sim.invia(spedizione("a", "GIACENZA Spa"))).numero
    persa = (await sim.invia(spedizione("b", "Luigi IRREPERIBILE"))).numero
    orologio.avanti(seconds=200)
    assert [a.stato for a in await sim.aggiornamenti(tenuta)][-2:] == [
        "in_giacenza",
        "restituita",
    ]
    assert [a.stato for a in await sim.aggiornamenti(persa)][-2:] == [
        "non_recapitabile",
        "restituita",
    ]


async def test_submission_failures_pass_or_refuse(
    store: SqliteStore, renderer: PdfRenderer
) -> None:
    orologio = Orologio()
    sim = centro(store, renderer, orologio)
    with pytest.raises(CentroStampaNonDisponibileError) as guasto:
        await sim.invia(spedizione("g", "GUASTO snc"))
    assert is_transient(guasto.value)
    assert (await sim.invia(spedizione("g", "GUASTO snc"))).numero  # the retry goes through
    with pytest.raises(SpedizioneRifiutataError):
        await sim.invia(spedizione("r", "RIFIUTA tutto"))
    sempre = centro(store, renderer, orologio, probabilita_guasto=1.0)
    for _ in range(3):
        with pytest.raises(CentroStampaNonDisponibileError):
            await sempre.invia(spedizione("p"))
