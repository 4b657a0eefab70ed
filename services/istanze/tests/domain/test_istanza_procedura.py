"""After the deposit: acquisition by the secretariat, withdrawal by the lawyer, the later steps
of the procedure."""

from collections.abc import Callable

import pytest

from istanze.domain.istanza import Istanza
from istanze.domain.persone import Utente

from .fabbrica import (
    ALTRO_AVVOCATO,
    CONSIGLIERE,
    DOPO,
    MINUTO,
    SEGRETERIA,
    TITOLARE,
    bozza,
    depositata,
    rifiutata,
)


def test_the_secretariat_acquires_with_a_protocol_number() -> None:
    istanza = depositata()
    istanza.registra_protocollo(" 2026/0001 ", DOPO, SEGRETERIA)
    assert (istanza.stato, istanza.protocollo) == ("acquisita", "2026/0001")
    ultimo = istanza.cronologia[-1]
    assert (ultimo.descrizione, ultimo.chi) == (
        "Istanza acquisita con protocollo n. 2026/0001",
        "Anna",
    )
    with rifiutata(istanza, "stato_non_valido") as errori:
        istanza.registra_protocollo("2026/0002", DOPO, SEGRETERIA)
    assert "2026/0001" in errori[0].messaggio


@pytest.mark.parametrize(
    ("chi", "codice"),
    [
        (TITOLARE, "non_autorizzata"),
        (CONSIGLIERE, "non_autorizzata"),
        (ALTRO_AVVOCATO, "non_trovata"),
    ],
)
def test_only_the_secretariat_acquires(chi: Utente, codice: str) -> None:
    istanza = depositata()
    with rifiutata(istanza, codice):
        istanza.registra_protocollo("2026/0001", DOPO, chi)


def test_a_draft_cannot_be_acquired_nor_a_blank_number_registered() -> None:
    istanza = bozza()
    with rifiutata(istanza, "non_trovata"):
        istanza.registra_protocollo("1", DOPO, SEGRETERIA)
    istanza = depositata()
    with rifiutata(istanza, "dati_non_validi") as errori:
        istanza.registra_protocollo("  ", DOPO, SEGRETERIA)
    assert errori[0].campi == {"protocollo": "Indicare il numero di protocollo"}


@pytest.mark.parametrize("avanza", [lambda i: None, lambda i: acquisisci(i)])
def test_the_owner_may_withdraw_before_a_decision(avanza: Callable[[Istanza], None]) -> None:
    istanza = depositata()
    avanza(istanza)
    istanza.rinuncia("  Accordo   raggiunto con il cliente ", DOPO + MINUTO, TITOLARE)
    assert istanza.stato == "rinunciata"
    ultimo = istanza.cronologia[-1]
    assert (ultimo.descrizione, ultimo.chi) == (
        "Rinuncia all'istanza: Accordo raggiunto con il cliente",
        "Giulia",
    )
    with rifiutata(istanza, "stato_non_valido") as errori:
        istanza.rinuncia("di nuovo", DOPO, TITOLARE)
    assert errori[0].messaggio == "Si è già rinunciato a questa istanza"


def acquisisci(istanza: Istanza) -> None:
    istanza.registra_protocollo("2026/0001", DOPO, SEGRETERIA)


def test_withdrawal_is_refused_for_drafts_decisions_and_other_people() -> None:
    istanza = bozza()
    with rifiutata(istanza, "stato_non_valido"):
        istanza.rinuncia("non serve", DOPO, TITOLARE)
    istanza = depositata()
    acquisisci(istanza)
    istanza.cambia_stato("provvedimento_emesso", DOPO, "Provvedimento emesso")
    with rifiutata(istanza, "stato_non_valido") as errori:
        istanza.rinuncia("troppo tardi", DOPO, TITOLARE)
    assert "il Consiglio ha già deciso" in errori[0].messaggio
    istanza = depositata()
    with rifiutata(istanza, "non_trovata"):
        istanza.rinuncia("non mia", DOPO, ALTRO_AVVOCATO)
    with rifiutata(istanza, "non_autorizzata"):
        istanza.rinuncia("per conto suo", DOPO, SEGRETERIA)
    with rifiutata(istanza, "dati_non_validi") as errori:
        istanza.rinuncia(" x ", DOPO, TITOLARE)
    assert errori[0].campi == {"motivo": "Indica il motivo della rinuncia"}


def test_the_later_steps_follow_the_procedure() -> None:
    istanza = depositata()
    with rifiutata(istanza, "stato_non_valido"):
        istanza.cambia_stato("acquisita", DOPO, "senza protocollo")
    acquisisci(istanza)
    for stato in ("integrazione_richiesta", "acquisita", "provvedimento_emesso", "chiusa"):
        istanza.cambia_stato(stato, DOPO, f"Ora {stato}", CONSIGLIERE)
        assert istanza.stato == stato
        assert istanza.cronologia[-1].descrizione == f"Ora {stato}"
    with rifiutata(istanza, "stato_non_valido"):
        istanza.cambia_stato("acquisita", DOPO, "riaperta")


@pytest.mark.parametrize("stato", ["depositata", "rinunciata"])
def test_states_with_their_own_operation_are_not_set_directly(stato: str) -> None:
    istanza = depositata()
    acquisisci(istanza)
    with rifiutata(istanza, "stato_non_valido"):
        istanza.cambia_stato(stato, DOPO, "scorciatoia")  # type: ignore[arg-type]
