"""The decision per item: confirmed, raised or reduced with a reason, the totals computed again
(DM 147/2022 worked example), warnings outside the range, and items named by id or phase."""

from datetime import UTC, datetime
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from parcelle_compensi import calcola_totali, parametri
from revisione.domain.decisione import (
    Richiesta,
    VoceDecisa,
    VoceRichiesta,
    liquida,
)
from revisione.domain.diritti import RegoleDiritti
from revisione.domain.errori import DatiNonValidiError

ORA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)
VALORE = Decimal("30000")
IMPORTI = {
    "studio": Decimal("1701.00"),
    "introduttiva": Decimal("1204.00"),
    "istruttoria": Decimal("1806.00"),
    "decisionale": Decimal("2905.00"),
}
RICHIESTA = Richiesta(
    voci=tuple(
        VoceRichiesta(
            id=fase,
            fase=fase,  # type: ignore[arg-type]  # the four fixed phases
            importo=importo,
            parametri=parametri("tribunale_cognizione", VALORE, fase),
        )
        for fase, importo in IMPORTI.items()
    )
)
BRESCIA = RegoleDiritti(percentuale=Decimal("2"))


def conferma_tutto() -> list[VoceDecisa]:
    return [VoceDecisa(fase=f, importo_liquidato=i) for f, i in IMPORTI.items()]  # type: ignore[arg-type]


def test_confirming_every_item_gives_the_worked_example() -> None:
    decisione = liquida(
        RICHIESTA,
        conferma_tutto(),
        esito="liquidata",
        regole=BRESCIA,
        relatore="consigliere",
        relatore_nome="Anna Verdi",
        ora=ORA,
    )
    assert decisione.totali is not None
    assert decisione.totali.compenso == Decimal("7616.00")
    assert decisione.totali.spese_generali == Decimal("1142.40")
    assert decisione.totali.cpa == Decimal("350.34")
    assert decisione.totali.iva == Decimal("2003.92")
    assert decisione.totali.totale == Decimal("11112.66")
    assert decisione.diritti == Decimal("152.32")
    assert {v.variazione for v in decisione.voci} == {"confermata"}
    assert decisione.avvisi == ()


def test_a_reduction_with_a_reason_is_recomputed_and_warned_outside_the_range() -> None:
    voci = conferma_tutto()
    voci[0] = VoceDecisa(id="studio", importo_liquidato=Decimal("800.00"), motivazione="Semplice")
    decisione = liquida(
        RICHIESTA,
        voci,
        esito="liquidata",
        regole=BRESCIA,
        relatore="consigliere",
        relatore_nome="Anna Verdi",
        ora=ORA,
    )
    studio = decisione.voci[0]
    assert (studio.variazione, studio.motivazione, studio.fuori_parametri) == (
        "ridotta",
        "Semplice",
        True,
    )
    assert decisione.totali is not None
    assert decisione.totali.compenso == Decimal("6715.00")
    assert decisione.avvisi == (
        "Fase di studio della controversia: importo liquidato 800,00 fuori dai parametri "
        "(da 850,50 a 2.551,50)",
    )


def test_a_raise_is_called_so() -> None:
    voci = conferma_tutto()
    voci[3] = VoceDecisa(
        fase="decisionale", importo_liquidato=Decimal("3000"), motivazione="Complessità"
    )
    decisione = liquida(
        RICHIESTA,
        voci,
        esito="liquidata",
        regole=BRESCIA,
        relatore="c",
        relatore_nome="c",
        ora=ORA,
    )
    assert decisione.voci[3].variazione == "aumentata"
    assert decisione.voci[3].importo_liquidato == Decimal("3000.00")


def test_a_change_without_a_reason_is_refused() -> None:
    voci = conferma_tutto()
    voci[1] = VoceDecisa(fase="introduttiva", importo_liquidato=Decimal("1000"))
    with pytest.raises(DatiNonValidiError) as refused:
        liquida(
            RICHIESTA,
            voci,
            esito="liquidata",
            regole=BRESCIA,
            relatore="c",
            relatore_nome="c",
            ora=ORA,
        )
    assert "voci.1.motivazione" in refused.value.campi


def test_every_item_must_be_decided_once_and_named_rightly() -> None:
    with pytest.raises(DatiNonValidiError) as manca:
        liquida(
            RICHIESTA,
            conferma_tutto()[:3],
            esito="liquidata",
            regole=BRESCIA,
            relatore="c",
            relatore_nome="c",
            ora=ORA,
        )
    assert "voci[decisionale]" in manca.value.campi
    doppia = [*conferma_tutto(), VoceDecisa(id="studio", importo_liquidato=Decimal("1701"))]
    with pytest.raises(DatiNonValidiError) as due:
        liquida(
            RICHIESTA,
            doppia,
            esito="liquidata",
            regole=BRESCIA,
            relatore="c",
            relatore_nome="c",
            ora=ORA,
        )
    assert "voci.4" in due.value.campi
    ignota = [*conferma_tutto()[:3], VoceDecisa(id="altro-9", importo_liquidato=Decimal("1"))]
    with pytest.raises(DatiNonValidiError) as sconosciuta:
        liquida(
            RICHIESTA,
            ignota,
            esito="liquidata",
            regole=BRESCIA,
            relatore="c",
            relatore_nome="c",
            ora=ORA,
        )
    assert "voci.3.id" in sconosciuta.value.campi


def test_a_phase_appearing_twice_must_be_named_by_id() -> None:
    richiesta = Richiesta(
        voci=(
            VoceRichiesta(id="altro-1", fase="altro", importo=Decimal("100"), descrizione="A"),
            VoceRichiesta(id="altro-2", fase="altro", importo=Decimal("200"), descrizione="B"),
        )
    )
    with pytest.raises(DatiNonValidiError) as ambigua:
        liquida(
            richiesta,
            [VoceDecisa(fase="altro", importo_liquidato=Decimal("100"))],
            esito="liquidata",
            regole=BRESCIA,
            relatore="c",
            relatore_nome="c",
            ora=ORA,
        )
    assert "voci.0.fase" in ambigua.value.campi
    decisione = liquida(
        richiesta,
        [
            VoceDecisa(id="altro-2", importo_liquidato=Decimal("200")),
            VoceDecisa(id="altro-1", importo_liquidato=Decimal("100")),
        ],
        esito="liquidata",
        regole=BRESCIA,
        relatore="c",
        relatore_nome="c",
        ora=ORA,
    )
    assert [v.id for v in decisione.voci] == ["altro-1", "altro-2"]


def test_not_liquidable_needs_reasons_and_owes_the_fixed_fee() -> None:
    regole = RegoleDiritti(diritto_fisso=Decimal("50"), percentuale=Decimal("3"))
    with pytest.raises(DatiNonValidiError):
        liquida(
            RICHIESTA,
            [],
            esito="non_liquidabile",
            regole=regole,
            relatore="c",
            relatore_nome="c",
            ora=ORA,
            motivi="  ",
        )
    decisione = liquida(
        RICHIESTA,
        [],
        esito="non_liquidabile",
        regole=regole,
        relatore="c",
        relatore_nome="c",
        ora=ORA,
        motivi="Mandato non concluso",
    )
    assert (decisione.totali, decisione.diritti, decisione.motivi) == (
        None,
        Decimal("50.00"),
        "Mandato non concluso",
    )


importi = st.decimals(min_value=Decimal("0"), max_value=Decimal("99999"), places=2)


@given(st.lists(importi, min_size=4, max_size=4))
def test_the_totals_are_the_fee_arithmetic_of_the_liquidated_amounts(
    liquidati: list[Decimal],
) -> None:
    voci = [
        VoceDecisa(fase=fase, importo_liquidato=importo, motivazione="Motivo")  # type: ignore[arg-type]
        for fase, importo in zip(IMPORTI, liquidati, strict=True)
    ]
    decisione = liquida(
        RICHIESTA,
        voci,
        esito="liquidata",
        regole=BRESCIA,
        relatore="c",
        relatore_nome="c",
        ora=ORA,
    )
    assert decisione.totali == calcola_totali(liquidati)
    assert sum(v.importo_liquidato for v in decisione.voci) == decisione.totali.compenso
    for voce, richiesta in zip(decisione.voci, RICHIESTA.voci, strict=True):
        assert voce.fuori_parametri == (
            richiesta.parametri is not None
            and not richiesta.parametri.minimo
            <= voce.importo_liquidato
            <= richiesta.parametri.massimo
        )
