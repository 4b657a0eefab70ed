"""The words of a timeline: who acted and through what, said once and in words that fit the
role; and the order of the lines, the latest first, ties in the order they were caused."""

from datetime import UTC, datetime, timedelta

from gateway.web.etichette import autore, recenti_prima, via
from parcelle_contracts.acquisizione import Passo
from parcelle_contracts.istanze import Evento

ORA = datetime(2026, 12, 6, 13, 29, tzinfo=UTC)


def passo(descrizione: str, quando: datetime = ORA, **campi: str) -> Passo:
    return Passo.model_validate({"quando": quando, "descrizione": descrizione, "chi": "", **campi})


def test_the_lawyers_own_deposit_names_the_lawyers_area_not_the_secretariats() -> None:
    deposito = passo(
        "Istanza depositata con firma digitale PAdES (PDF firmato)",
        chi="Giulia Bianchi",
        ruolo="avvocato",
        tramite="area_web",
    )
    assert autore(deposito) == "Giulia Bianchi, Area riservata dell'avvocato"
    acquisizione = passo(
        "Istanza acquisita", chi="Sara Neri", ruolo="segreteria", tramite="area_web"
    )
    assert autore(acquisizione) == "Sara Neri, Area web della segreteria"
    assert via(acquisizione) == "Area web della segreteria"


def test_a_scan_names_its_station_and_parcelles_own_steps_no_one() -> None:
    scansione = passo("Istanza acquisita", chi="stazione", tramite="stazione", stazione="Banco 1")
    assert autore(scansione) == "Stazione di scansione «Banco 1»"
    regola = passo("Relatore assegnato: Marco Verdi (assegnazione automatica)", tramite="sistema")
    assert autore(regola) == ""
    assert via(regola) == "Automaticamente"  # the registration block still says how


def test_a_line_without_a_channel_names_only_who() -> None:
    evento = Evento(quando=ORA, stato="depositata", descrizione="Rinuncia", chi="Giulia Bianchi")
    assert autore(evento) == "Giulia Bianchi"
    assert autore(Evento(quando=ORA, stato="acquisita", descrizione="Provvedimento emesso")) == ""


def test_the_latest_first_and_ties_in_the_order_they_were_caused() -> None:
    deposito = passo("depositata", ORA - timedelta(minutes=5))
    acquisita = passo("acquisita")
    relatore = passo("relatore assegnato")  # the same instant, caused by the acquisition
    avviso = passo("avviso generato")  # and this by the relatore
    dopo = passo("osservazioni", ORA + timedelta(days=1))
    ordinate = recenti_prima([deposito, acquisita, relatore, avviso, dopo])
    assert [p.descrizione for p in ordinate] == [
        "osservazioni",
        "avviso generato",
        "relatore assegnato",
        "acquisita",
        "depositata",
    ]


def test_the_order_is_by_time_even_when_a_step_was_heard_late() -> None:
    # istanze hears of the acquisition after its own later step: the time decides.
    tardi = passo("acquisita", ORA)
    prima = passo("integrazione chiesta", ORA + timedelta(hours=1))
    assert [p.descrizione for p in recenti_prima([prima, tardi])] == [
        "integrazione chiesta",
        "acquisita",
    ]
