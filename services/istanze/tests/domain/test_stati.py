"""The states of a case and the moves the procedure allows."""

import pytest

from istanze.domain.errori import StatoNonValidoError
from istanze.domain.stati import (
    FINALI,
    RINUNCIABILI,
    TRANSIZIONI,
    ammessa,
    verifica_transizione,
)
from parcelle_contracts.vocabolario import STATI


def test_every_state_of_the_vocabulary_has_its_moves() -> None:
    assert set(TRANSIZIONI) == set(STATI)


def test_withdrawal_is_allowed_only_before_a_decision() -> None:
    assert sorted(RINUNCIABILI) == ["acquisita", "depositata", "integrazione_richiesta"]


def test_a_draft_can_only_be_deposited_and_a_closed_case_goes_nowhere() -> None:
    assert TRANSIZIONI["bozza"] == {"depositata"}
    assert sorted(FINALI) == ["chiusa"]


def _raggiungibili(da: str) -> set[str]:
    visti = {da}
    frontiera = [da]
    while frontiera:
        for successivo in TRANSIZIONI[frontiera.pop()]:  # type: ignore[index]
            if successivo not in visti:
                visti.add(successivo)
                frontiera.append(successivo)
    return visti


def test_every_state_is_reachable_from_a_draft_and_every_case_can_be_closed() -> None:
    assert _raggiungibili("bozza") == set(STATI)
    for stato in STATI:
        assert "chiusa" in _raggiungibili(stato), stato


def test_no_way_back_to_a_draft_or_out_of_a_decision_but_closing() -> None:
    for stato in STATI:
        assert not ammessa(stato, "bozza")
    for decisione in ("provvedimento_emesso", "non_liquidabile", "rinunciata"):
        assert TRANSIZIONI[decisione] == {"chiusa"}


def test_an_answered_integration_puts_the_case_back_under_examination() -> None:
    assert ammessa("integrazione_richiesta", "acquisita")
    assert ammessa("acquisita", "integrazione_richiesta")


def test_a_forbidden_move_is_refused_in_italian() -> None:
    with pytest.raises(StatoNonValidoError) as rifiuto:
        verifica_transizione("chiusa", "acquisita")
    assert rifiuto.value.messaggio == (
        "Un'istanza nello stato «Chiusa» non può passare allo stato «Acquisita dalla segreteria»"
    )
    assert rifiuto.value.codice == "stato_non_valido"
