"""The review's states: decided once, integration suspends and the answer resumes, the
observations term, signed once; only the relatore."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal

import pytest

from revisione.domain.decisione import Decisione
from revisione.domain.errori import InAttesaError, NonTrovataError, StatoNonValidoError
from revisione.domain.revisione import Provvedimento, Revisione

ORA = datetime(2026, 3, 2, 9, 30, tzinfo=UTC)


def caso() -> Revisione:
    return Revisione(
        istanza_id="i",
        ordine="DEMO",
        correlation_id="c",
        codice="DEMO-1",
        protocollo="2026/000001",
        acquisita_il=ORA - timedelta(days=20),
        relatore="r",
    )


def decisione(relatore: str = "r", ora: datetime = ORA) -> Decisione:
    return Decisione(
        esito="non_liquidabile",
        voci=(),
        totali=None,
        diritti=Decimal("0.00"),
        relatore=relatore,
        relatore_nome="R",
        decisa_il=ora,
        motivi="m",
    )


def test_decided_once() -> None:
    revisione = caso()
    revisione.decidi(decisione(), attendi_osservazioni=True, giorni_osservazioni=10)
    assert revisione.stato == "in_firma"
    with pytest.raises(StatoNonValidoError):
        revisione.decidi(decisione(), attendi_osservazioni=True, giorni_osservazioni=10)


def test_only_the_relatore() -> None:
    with pytest.raises(NonTrovataError):
        caso().decidi(decisione("altro"), attendi_osservazioni=False, giorni_osservazioni=10)


def test_the_observations_term_holds_the_decision_where_the_ordine_says_so() -> None:
    revisione = caso()
    with pytest.raises(InAttesaError):
        revisione.decidi(decisione(), attendi_osservazioni=True, giorni_osservazioni=30)
    revisione.decidi(decisione(), attendi_osservazioni=False, giorni_osservazioni=30)


def test_integration_suspends_and_the_answer_resumes() -> None:
    revisione = caso()
    integrazione = revisione.richiedi_integrazione("r", "La procura", 10, ORA)
    assert integrazione.scadenza == ORA + timedelta(days=10)
    assert revisione.perche_non_decidibile(ORA, attendi_osservazioni=False, giorni_osservazioni=10)
    with pytest.raises(StatoNonValidoError):
        revisione.richiedi_integrazione("r", "Ancora", 10, ORA)
    assert revisione.integrazione_fornita("Ecco", ORA)
    assert not revisione.integrazione_fornita("Ecco", ORA)
    assert revisione.stato == "da_decidere"


def test_the_term_is_suspended_once_only() -> None:
    revisione = caso()
    revisione.richiedi_integrazione("r", "La procura", 10, ORA)
    revisione.integrazione_fornita("Ecco", ORA)
    with pytest.raises(StatoNonValidoError, match="una sola volta"):
        revisione.richiedi_integrazione("r", "Anche la notula", 10, ORA)
    assert revisione.stato == "da_decidere"
    assert len(revisione.integrazioni) == 1


def test_signed_once_and_the_relatore_kept_after_the_decision() -> None:
    revisione = caso()
    revisione.decidi(decisione(), attendi_osservazioni=False, giorni_osservazioni=10)
    assert not revisione.assegna("nuovo")
    p = Provvedimento(
        key="k", sha256="0" * 64, size=1, nome_file="p.pdf", certificato="CN=O", firmato_il=ORA
    )
    assert revisione.firmato(p)
    assert not revisione.firmato(p)
    assert revisione.stato == "decisa"


def test_the_observations_term_runs_from_the_notice_reaching_the_client() -> None:
    revisione = caso()
    assert revisione.acquisita_il is not None
    prima = revisione.osservazioni_fino_al(10)
    assert prima == revisione.acquisita_il + timedelta(days=10)  # until a delivery is known
    consegnato = revisione.acquisita_il + timedelta(days=3)
    assert revisione.avvio_notificato(consegnato)
    assert revisione.osservazioni_fino_al(10) == consegnato + timedelta(days=10)
    # A later report of the same delivery (the return receipt) changes nothing.
    assert not revisione.avvio_notificato(consegnato + timedelta(days=2))
    giorno = consegnato + timedelta(days=9)
    motivo = revisione.perche_non_decidibile(
        giorno, attendi_osservazioni=True, giorni_osservazioni=10
    )
    assert motivo is not None
    assert "non è ancora scaduto" in motivo
