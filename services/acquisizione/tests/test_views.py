"""Between contracts and domain: the views show what the aggregate knows, the domain reads the
Ordine's settings (and its defaults) as the contracts define them."""

from datetime import date

from acquisizione.domain.assegnazione import Relatore
from acquisizione.ports import RigaAttesa
from acquisizione.views import impostazioni, in_attesa, utente, vista
from parcelle_contracts import ordini

from .fabbrica import IMPOSTAZIONI, NERI, SEGRETERIA, completa, pendente
from .finti import STAZIONE


def test_the_rules_read_the_ordine_s_settings_and_its_defaults() -> None:
    regole = impostazioni(IMPOSTAZIONI)
    assert (regole.codice, regole.nome, regole.termine_giorni) == (
        "DEMO",
        "Ordine degli Avvocati di Demo",
        60,
    )
    assert regole.relatori[1] == Relatore(username="consigliere.neri", nome="Anna Neri", peso=2)
    predefinite = impostazioni(ordini.ImpostazioniOrdine(codice="ROMA"))
    assert predefinite.nome == "Ordine degli Avvocati (ROMA)"  # the name documents print
    assert (predefinite.termine_giorni, predefinite.giorni_osservazioni) == (90, 10)
    assert not predefinite.assegnazione_automatica


def test_the_user_acts_through_what_the_gateway_says() -> None:
    clerk = utente(STAZIONE)
    assert (clerk.username, clerk.ruolo, clerk.tramite, clerk.stazione) == (
        "segreteria.demo",
        "segreteria",
        "stazione",
        "banco-1",
    )


def test_the_view_carries_numbers_people_deadline_and_claim_checks() -> None:
    pratica = completa()
    view = vista(pratica, area="acquisizione", oggi=date(2026, 4, 1))
    assert view.protocollo == "2026/000001"
    assert view.stato == "rinunciata"
    assert view.avvocato == "Giulia Bianchi"
    assert view.relatore is not None
    assert (view.relatore.relatore, view.relatore.da) == (NERI.username, SEGRETERIA.username)
    assert [a.da for a in view.assegnazioni] == ["automatica", SEGRETERIA.username]
    # 60 days from 3 March is 2 May, plus 6 days closed and 9 days (to 1 April) open.
    assert view.scadenza is not None
    assert view.scadenza.date() == date(2026, 5, 17)
    assert view.comunicazioni[0].documento.blob.area == "acquisizione"
    assert view.osservazioni[0].nome_file == "avvio.pdf"
    assert view.giorni_osservazioni == 15
    assert not view.gia_acquisita
    acquisizione = view.cronologia[1]
    assert (acquisizione.chi, acquisizione.tramite, acquisizione.stazione) == (
        "Sara",
        "stazione",
        "banco-1",
    )
    assert view.comunicazioni[0].canale == "pec"


def test_a_pending_case_s_view_and_its_line() -> None:
    view = vista(pendente(), area="acquisizione", oggi=date(2026, 3, 3))
    assert (view.protocollo, view.acquisita_il, view.scadenza, view.relatore) == (
        None,
        None,
        None,
        None,
    )
    assert (view.originale_ricevuto, view.bollo_ricevuto, view.giorni_osservazioni) == (
        False,
        False,
        None,
    )
    pratica = pendente()
    riga = in_attesa(
        RigaAttesa(
            istanza_id=pratica.istanza_id,
            codice=pratica.codice,
            avvocato=pratica.avvocato.nome_completo(),
            cliente=pratica.cliente,
            importo_richiesto=pratica.importo_richiesto,
            firma=pratica.firma,
            depositata_il=pratica.depositata_il,
        )
    )
    assert (riga.codice, riga.avvocato, riga.firma) == (
        "DEMO-26-7K3Q9XAB-4FZP",
        "Giulia Bianchi",
        "pades",
    )
