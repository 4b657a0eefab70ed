"""A raccomandata's course, its cost at the Ordine's tariffs and its receipts."""

from dataclasses import replace
from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from parcelle_contracts.vocabolario import STATI_RACCOMANDATA, StatoRaccomandata
from postale.domain.raccomandata import (
    FINALI,
    SEGUENTI,
    Plico,
    Raccomandata,
    Ricevuta,
    Tariffe,
    costo,
    fogli,
    nuova,
    raggiungibile,
)

ORA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
TARIFFE = Tariffe(raccomandata_ar=Decimal("6.50"), foglio=Decimal("0.15"), busta=Decimal("0.30"))
PLICO = Plico(key="plichi/1.pdf", sha256="0" * 64, size=10, pagine=3, fogli=3)


def accettata() -> Raccomandata:
    return nuova(
        id="r1",
        istanza_id="i1",
        comunicazione_id="c1",
        ordine="DEMO",
        correlation_id="i1",
        messaggio="avvio_procedimento",
        nome="Mario Rossi",
        indirizzo="Via Roma 10\n00100 Roma",
        plico=PLICO,
        tariffe=TARIFFE,
        simulata=True,
        stato="accettata",
        il=ORA,
        numero="RR1",
    )


def test_every_state_has_its_words_and_its_way_on() -> None:
    assert set(SEGUENTI) == set(STATI_RACCOMANDATA)
    assert {"ricevuta_ritorno", "restituita", "rifiutata"} == FINALI


def test_the_cost_is_postage_envelope_and_every_sheet_to_the_cent() -> None:
    assert costo(TARIFFE, 3) == Decimal("7.25")
    assert costo(Tariffe(Decimal("5"), Decimal("0.125"), Decimal("0")), 1) == Decimal("5.13")
    assert accettata().costo == Decimal("7.25")


@pytest.mark.parametrize(
    ("pagine", "fronte_retro", "attesi"), [(1, False, 1), (3, False, 3), (3, True, 2), (4, True, 2)]
)
def test_sheets_follow_the_printing(pagine: int, fronte_retro: bool, attesi: int) -> None:
    assert fogli(pagine, fronte_retro=fronte_retro) == attesi


def test_sheets_of_nothing_are_refused() -> None:
    with pytest.raises(ValueError, match="at least one page"):
        fogli(0, fronte_retro=False)


def test_the_whole_course_to_the_return_receipt() -> None:
    r = accettata()
    ar = Ricevuta("r1-ricevuta_ritorno", "ricevuta_ritorno", "k", "0" * 64, 1, "ar.pdf", ORA)
    course: tuple[StatoRaccomandata, ...] = ("stampata", "spedita", "consegnata")
    for n, stato in enumerate(course):
        assert r.avanza(stato, ORA + timedelta(hours=n + 1))
        assert r.attiva
    assert r.avanza("ricevuta_ritorno", ORA + timedelta(days=7), ricevuta=ar)
    assert not r.attiva
    assert [p.stato for p in r.passi] == [
        "accettata",
        "stampata",
        "spedita",
        "consegnata",
        "ricevuta_ritorno",
    ]
    assert r.ricevuta("r1-ricevuta_ritorno") == ar
    assert r.aggiornata_il == ORA + timedelta(days=7)


def test_a_report_twice_or_backwards_changes_nothing() -> None:
    r = accettata()
    assert r.avanza("spedita", ORA)  # a poll may miss "stampata"
    assert not r.avanza("spedita", ORA)
    assert not r.avanza("stampata", ORA)
    assert not r.avanza("accettata", ORA)
    assert len(r.passi) == 2


def test_held_then_returned_or_delivered() -> None:
    assert raggiungibile("spedita", "restituita")
    assert raggiungibile("in_giacenza", "ricevuta_ritorno")
    assert not raggiungibile("consegnata", "in_giacenza")
    assert not raggiungibile("ricevuta_ritorno", "restituita")
    assert not raggiungibile("non_recapitabile", "consegnata")


def test_a_refused_mailing_costs_nothing_and_is_final() -> None:
    r = nuova(
        id="r2",
        istanza_id="i1",
        comunicazione_id="c1",
        ordine="DEMO",
        correlation_id="i1",
        messaggio="avvio_procedimento",
        nome="X",
        indirizzo="",
        plico=None,
        tariffe=TARIFFE,
        simulata=False,
        stato="rifiutata",
        il=ORA,
        numero=None,
        dettaglio="Indirizzo mancante",
    )
    assert r.costo == Decimal("0.00")
    assert not r.attiva
    assert r.passi[0].dettaglio == "Indirizzo mancante"


def test_who_reads_the_receipts() -> None:
    raccomandata = replace(accettata(), lettori=("avv.bianchi",))
    assert raccomandata.leggibile_da("DEMO", "segreteria", "chiunque")
    assert raccomandata.leggibile_da("DEMO", "avvocato", "avv.bianchi")
    assert not raccomandata.leggibile_da("DEMO", "avvocato", "avv.verdi")
    assert not raccomandata.leggibile_da("ROMA", "avvocato", "avv.bianchi")
    assert not raccomandata.leggibile_da("ROMA", "segreteria", "segreteria")
    assert not raccomandata.leggibile_da("DEMO", "consigliere", "avv.bianchi")
