"""The case's life at the secretariat: deposit, acquisition, assignment, notice, observations,
withdrawal; who may do what, and the timeline of it all."""

from dataclasses import replace
from datetime import date, timedelta

import pytest

from acquisizione.domain.comunicazioni import Comunicazione, Documento
from acquisizione.domain.ordine import ImpostazioniOrdine
from acquisizione.domain.persone import Utente
from acquisizione.domain.pratica import Osservazione, Pratica
from acquisizione.domain.sportello import ORIGINALE_MANCANTE, Ricevuti

from ..fabbrica import (
    ACQUISITA,
    ALTRA_SEGRETERIA,
    AVVOCATO_UTENTE,
    CONSIGLIERE,
    MINUTO,
    NERI,
    REGOLE,
    SEGRETERIA,
    VERDI,
    acquisita,
    assegnata,
    pendente,
    rifiutata,
)

DOCUMENTO = Documento(blob_key="avvisi/1.pdf", sha256="a" * 64, dimensione=1000, nome_file="a.pdf")


def acquisisci(
    pratica: Pratica,
    chi: Utente = SEGRETERIA,
    originale: bool = False,
    *,
    bollo: bool = False,
    impostazioni: ImpostazioniOrdine = REGOLE,
) -> None:
    pratica.acquisisci(
        protocollo="2026/000007",
        ora=ACQUISITA,
        chi=chi,
        letto_il=None,
        ricevuti=Ricevuti(originale=originale, bollo=bollo),
        impostazioni=impostazioni,
    )


def test_a_deposit_is_pending_with_its_first_timeline_line() -> None:
    pratica = pendente()
    assert pratica.stato == "depositata"
    assert not pratica.gia_acquisita
    (passo,) = pratica.cronologia
    assert passo.descrizione == "Istanza depositata con firma digitale PAdES (PDF firmato)"
    assert (passo.chi, passo.ruolo, passo.tramite, passo.stazione) == (
        "Giulia Bianchi",
        "avvocato",
        "area_web",
        None,
    )


def test_a_deposit_through_the_api_says_so() -> None:
    pratica = pendente(tramite="api")
    assert pratica.cronologia[0].tramite == "api"


def test_acquisition_registers_number_time_clerk_station_and_the_ordine_s_terms() -> None:
    pratica = acquisita()
    registrazione = pratica.registrazione
    assert registrazione is not None
    assert pratica.stato == "acquisita"
    assert (
        registrazione.protocollo,
        registrazione.da,
        registrazione.tramite,
        registrazione.stazione,
    ) == ("2026/000001", "segreteria.demo", "stazione", "banco-1")
    assert (registrazione.termine_giorni, registrazione.giorni_osservazioni) == (60, 15)
    passo = pratica.cronologia[-1]
    assert passo.descrizione == "Istanza acquisita con protocollo n. 2026/000001"
    assert (passo.chi, passo.ruolo, passo.tramite, passo.stazione, passo.quando) == (
        "Sara",
        "segreteria",
        "stazione",
        "banco-1",
        ACQUISITA,
    )


def test_without_a_station_the_acquisition_comes_from_the_clerk_s_web_area() -> None:
    pratica = pendente()
    acquisisci(pratica)
    assert pratica.registrazione is not None
    assert (pratica.registrazione.tramite, pratica.registrazione.stazione) == ("area_web", None)
    assert pratica.cronologia[-1].tramite == "area_web"


def test_a_hand_signed_deposit_needs_the_original_at_the_counter() -> None:
    pratica = pendente("autografa")
    with rifiutata(pratica, "originale_mancante") as errori:
        acquisisci(pratica)
    assert errori[0].messaggio == ORIGINALE_MANCANTE
    assert set(errori[0].campi) == {"originale_ricevuto"}
    acquisisci(pratica, originale=True)
    assert pratica.registrazione is not None
    assert pratica.registrazione.originale_ricevuto
    assert not pratica.registrazione.bollo_ricevuto
    assert "originale con firma autografa ricevuto" in pratica.cronologia[-1].descrizione


def test_where_the_ordine_asks_for_it_the_stamp_duty_too() -> None:
    con_bollo = replace(REGOLE, marca_da_bollo=True)
    pratica = pendente("autografa")
    with rifiutata(pratica, "originale_mancante") as errori:
        acquisisci(pratica, impostazioni=con_bollo)
    assert "marca da bollo" in errori[0].messaggio
    assert set(errori[0].campi) == {"originale_ricevuto", "bollo_ricevuto"}
    with rifiutata(pratica, "originale_mancante") as errori:
        acquisisci(pratica, originale=True, impostazioni=con_bollo)
    assert set(errori[0].campi) == {"bollo_ricevuto"}
    assert not pratica.gia_acquisita

    acquisisci(pratica, originale=True, bollo=True, impostazioni=con_bollo)
    assert pratica.registrazione is not None
    assert pratica.registrazione.bollo_ricevuto
    assert "e marca da bollo ricevuti" in pratica.cronologia[-1].descrizione


def test_a_digitally_signed_deposit_needs_neither() -> None:
    pratica = pendente("pades")
    acquisisci(pratica, impostazioni=replace(REGOLE, marca_da_bollo=True))
    assert pratica.registrazione is not None
    assert not pratica.registrazione.originale_ricevuto


@pytest.mark.parametrize(
    ("chi", "codice"),
    [(AVVOCATO_UTENTE, "non_autorizzata"), (ALTRA_SEGRETERIA, "non_autorizzata")],
)
def test_only_the_ordine_s_secretariat_acquires(chi: Utente, codice: str) -> None:
    pratica = pendente()
    with rifiutata(pratica, codice):
        acquisisci(pratica, chi)


def test_a_withdrawn_case_cannot_be_acquired_nor_acquired_twice() -> None:
    pratica = pendente()
    pratica.registra_rinuncia("Accordo con il cliente", ACQUISITA)
    with rifiutata(pratica, "stato_non_valido") as errori:
        acquisisci(pratica)
    assert "rinunciato" in errori[0].messaggio
    gia = acquisita()
    with rifiutata(gia, "stato_non_valido"):
        acquisisci(gia)


def test_withdrawal_of_an_acquired_case_keeps_its_number() -> None:
    pratica = acquisita()
    assert pratica.registra_rinuncia("Pagato", ACQUISITA + MINUTO)
    assert not pratica.registra_rinuncia("Pagato", ACQUISITA + MINUTO)  # known already
    assert pratica.stato == "rinunciata"
    assert pratica.registrazione is not None
    assert pratica.registrazione.protocollo == "2026/000001"
    assert pratica.cronologia[-1].descrizione == "Rinuncia dell'avvocato: Pagato"


def test_assignment_needs_an_acquired_case() -> None:
    pratica = pendente()
    with rifiutata(pratica, "stato_non_valido"):
        pratica.assegna(VERDI, ora=ACQUISITA, da=SEGRETERIA)


def test_automatic_assignment_then_a_reassignment_with_its_reason_keep_the_history() -> None:
    pratica = acquisita()
    prima = pratica.assegna(VERDI, ora=ACQUISITA)
    assert prima is not None
    assert prima.da == "automatica"
    assert pratica.cronologia[-1].descrizione == (
        "Relatore assegnato: Marco Verdi (assegnazione automatica)"
    )
    with rifiutata(pratica, "dati_non_validi"):
        pratica.assegna(NERI, ora=ACQUISITA + MINUTO, da=SEGRETERIA, motivo="  ")
    pratica.assegna(NERI, ora=ACQUISITA + MINUTO, da=SEGRETERIA, motivo="Conflitto di interessi")
    assert [a.relatore for a in pratica.assegnazioni] == [VERDI.username, NERI.username]
    assert pratica.relatore is not None
    assert pratica.relatore.motivo == "Conflitto di interessi"
    passo = pratica.cronologia[-1]
    assert passo.descrizione == (
        "Pratica riassegnata da Marco Verdi a Anna Neri. Motivo: Conflitto di interessi"
    )
    assert (passo.chi, passo.ruolo, passo.tramite) == ("Sara", "segreteria", "area_web")
    automatica = pratica.cronologia[-2]
    assert (automatica.chi, automatica.ruolo, automatica.tramite) == ("sistema", None, "sistema")


def test_assigning_the_same_councillor_again_changes_nothing() -> None:
    pratica = assegnata()
    cronologia = pratica.cronologia
    assert pratica.assegna(VERDI, ora=ACQUISITA + MINUTO, da=SEGRETERIA) is None
    assert pratica.cronologia == cronologia


def test_the_notice_is_due_once_when_acquired_and_assigned() -> None:
    pratica = acquisita()
    assert not pratica.richiedi_avvio()  # no relatore yet: nobody to name as responsible
    pratica.assegna(VERDI, ora=ACQUISITA)
    assert pratica.richiedi_avvio()
    assert not pratica.richiedi_avvio()


def test_the_notice_s_deliveries_are_recorded_waiting_and_only_once() -> None:
    pratica = assegnata()
    comunicazione = Comunicazione(
        id="c1",
        tipo="avvio_procedimento",
        ruolo="cliente",
        destinatario="Mario Rossi (cliente, controinteressato)",
        canale="raccomandata",
        stato="in_attesa",
        documento=DOCUMENTO,
        aggiornata_il=ACQUISITA,
    )
    pratica.registra_avvio([comunicazione], ["L'avv. X non ha PEC né e-mail"], ACQUISITA)
    descrizioni = [p.descrizione for p in pratica.cronologia[-3:]]
    assert descrizioni == [
        "Comunicazione di avvio del procedimento generata",
        "Avviso per Mario Rossi (cliente, controinteressato): in attesa di invio "
        "(Raccomandata A/R)",
        "L'avv. X non ha PEC né e-mail",
    ]
    with rifiutata(pratica, "stato_non_valido"):
        pratica.registra_avvio([comunicazione], [], ACQUISITA)


def test_observations_are_added_once_by_the_secretariat_of_an_acquired_case() -> None:
    osservazione = Osservazione(
        id="o1", documento=DOCUMENTO, aggiunte_il=ACQUISITA, da=SEGRETERIA.username
    )
    pendente_ = pendente()
    with rifiutata(pendente_, "stato_non_valido"):
        pendente_.aggiungi_osservazioni(osservazione, SEGRETERIA)
    pratica = acquisita()
    with rifiutata(pratica, "non_autorizzata"):
        pratica.aggiungi_osservazioni(osservazione, CONSIGLIERE)
    pratica.aggiungi_osservazioni(osservazione, SEGRETERIA)
    pratica.aggiungi_osservazioni(osservazione, SEGRETERIA)
    assert pratica.osservazioni == (osservazione,)
    assert pratica.cronologia[-1].descrizione == "Osservazioni del cliente aggiunte: a.pdf"


def test_the_secretariat_and_the_assigned_councillor_see_the_case_nobody_else() -> None:
    pratica = assegnata()
    pratica.verifica_lettura(SEGRETERIA)
    pratica.verifica_lettura(CONSIGLIERE)
    altro = Utente(username=NERI.username, ruolo="consigliere", ordine="DEMO")
    for estraneo in (altro, ALTRA_SEGRETERIA, AVVOCATO_UTENTE):
        with rifiutata(pratica, "non_trovata"):
            pratica.verifica_lettura(estraneo)


def test_the_deadline_runs_from_acquisition_and_stops_while_suspended() -> None:
    pratica = pendente()
    assert pratica.scadenza(date(2026, 3, 3)) is None
    acquisisci(pratica)  # 3 March, 60 days: 2 May
    assert pratica.scadenza(date(2026, 3, 3)) == date(2026, 5, 2)
    pratica.sospendi(ACQUISITA + timedelta(days=10), "Integrazioni richieste")
    with rifiutata(pratica, "stato_non_valido"):
        pratica.sospendi(ACQUISITA + timedelta(days=11), "Di nuovo")
    assert pratica.scadenza(date(2026, 3, 20)) == date(2026, 5, 9)  # 7 days suspended so far
    pratica.riprendi(ACQUISITA + timedelta(days=30))
    assert pratica.scadenza(date(2026, 6, 1)) == date(2026, 5, 22)
    assert pratica.stato_termine(date(2026, 5, 15), 10) == "vicino"
    assert pratica.stato_termine(date(2026, 5, 23), 10) == "scaduto"
    with rifiutata(pratica, "stato_non_valido"):
        pratica.riprendi(ACQUISITA + timedelta(days=31))


def test_naive_times_are_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone"):
        pendente().acquisisci(
            protocollo="2026/000001",
            ora=ACQUISITA.replace(tzinfo=None),
            chi=SEGRETERIA,
            letto_il=None,
            ricevuti=Ricevuti(),
            impostazioni=REGOLE,
        )
