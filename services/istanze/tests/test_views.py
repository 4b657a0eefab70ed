"""Between contracts and domain: messages become domain values without loss, the Ordine's
settings become the domain's rules, and views show what the aggregate knows, with what the
asking user may do now."""

from dataclasses import replace
from datetime import UTC, datetime
from decimal import Decimal
from typing import get_args

import pytest
from hypothesis import given

from istanze import views
from istanze.domain.azioni import Azione
from istanze.domain.contenuto import ContenutoIstanza, Indirizzo, Voce
from istanze.domain.errori import FirmaNonValidaError
from istanze.domain.regole import RegoleOrdine
from istanze.ports import FiltroElenco
from parcelle_contracts import istanze as contratti
from parcelle_contracts.common import Attore
from parcelle_contracts.firma import EsitoVerifica, Problema
from parcelle_contracts.ordini import ImpostazioniOrdine, RegoleIstanze
from parcelle_kit.store.codec import encode

from .domain.fabbrica import (
    CONTENUTO,
    DOPO_DEPOSITO,
    SEGRETERIA,
    TITOLARE,
    bozza,
    depositata,
    pronta,
)
from .finti import AVVOCATO
from .strategie import contenuti_ammessi

# --- contracts <-> domain -----------------------------------------------------------------------


def test_a_message_content_becomes_domain_content_and_back() -> None:
    messaggio = contratti.ContenutoIstanza.model_validate(
        {
            "cliente": {
                "tipo": "persona_giuridica",
                "denominazione": "Alfa S.r.l.",
                "partita_iva": "06363391001",
                "indirizzo": {"via": "Corso Italia 10", "cap": "20122", "comune": "Milano"},
            },
            "pratica": {"procedimento": "stragiudiziale", "periodo_dal": "2024-01-15"},
            "voci": [{"fase": "altro", "importo": "120.5", "descrizione": "Trasferta"}],
            "spese": "30",
            "note": "Nota",
        }
    )
    contenuto = views.contenuto(messaggio)
    assert contenuto.voci == (
        Voce(fase="altro", importo=Decimal("120.5"), descrizione="Trasferta"),
    )
    assert contenuto.cliente is not None
    assert contenuto.cliente.indirizzo == Indirizzo(
        via="Corso Italia 10", cap="20122", comune="Milano"
    )
    assert contenuto.spese_generali_percentuale == Decimal("15")
    assert nel_messaggio(contenuto) == messaggio


@given(contenuti_ammessi)
def test_any_content_the_contracts_allow_crosses_them_unchanged(
    contenuto: ContenutoIstanza,
) -> None:
    messaggio = nel_messaggio(contenuto)
    assert views.contenuto(messaggio) == contenuto
    riletto = contratti.ContenutoIstanza.model_validate_json(messaggio.model_dump_json())
    assert views.contenuto(riletto) == contenuto


def test_an_empty_message_content_is_an_empty_draft() -> None:
    contenuto = views.contenuto(contratti.ContenutoIstanza())
    assert contenuto == ContenutoIstanza()


def test_the_complete_sample_content_survives_the_contracts() -> None:
    assert views.contenuto(nel_messaggio(CONTENUTO)) == CONTENUTO


def test_users_come_from_the_authenticated_actor() -> None:
    attore = Attore(
        username="gbianchi",
        ruolo="avvocato",
        ordine="DEMO",
        nome="Giulia",
        cognome="Bianchi",
        codice_fiscale="BNCGLI85M41H501Y",
        pec="g@pec.example.it",
    )
    avvocato = views.avvocato(attore)
    assert (avvocato.username, avvocato.codice_fiscale, avvocato.pec) == (
        "gbianchi",
        "BNCGLI85M41H501Y",
        "g@pec.example.it",
    )
    utente = views.utente(attore)
    assert (utente.username, utente.ruolo, utente.ordine) == ("gbianchi", "avvocato", "DEMO")
    assert (utente.tramite, utente.stazione) == ("area_web", None)
    stazione = Attore(
        username="segreteria1",
        ruolo="segreteria",
        ordine="DEMO",
        tramite="stazione",
        stazione="Sportello 2",
    )
    assert (views.utente(stazione).tramite, views.utente(stazione).stazione) == (
        "stazione",
        "Sportello 2",
    )


def test_a_valid_verification_becomes_the_signature_an_invalid_one_a_refusal() -> None:
    esito = EsitoVerifica(
        valida=True,
        tipo="cades",
        firmatario="Giulia Bianchi",
        codice_fiscale="BNCGLI85M41H501Y",
        emittente="Test CA",
        firmato_il=datetime(2026, 3, 2, 9, 0, tzinfo=UTC),
    )
    firma = views.firma_da_verifica(esito, "a" * 64)
    assert (firma.tipo, firma.codice_fiscale, firma.documento_sha256) == (
        "cades",
        "BNCGLI85M41H501Y",
        "a" * 64,
    )
    non_valida = EsitoVerifica(
        valida=False,
        problemi=[
            Problema(codice="certificato_scaduto", messaggio="Il certificato è scaduto"),
            Problema(codice="documento_diverso", messaggio="Il documento firmato è un altro"),
        ],
    )
    with pytest.raises(FirmaNonValidaError) as rifiuto:
        views.firma_da_verifica(non_valida, "a" * 64)
    assert rifiuto.value.messaggio == "Il certificato è scaduto; Il documento firmato è un altro"


# --- views --------------------------------------------------------------------------------------


def test_the_view_of_a_draft_shows_totals_what_is_missing_and_no_document() -> None:
    istanza = bozza()
    vista = views.vista(istanza, RegoleOrdine(), TITOLARE)
    assert vista.stato == "bozza"
    assert vista.avvocato.ruolo == "avvocato"
    assert vista.avvocato.ordine == "DEMO"
    assert vista.totali is not None
    assert vista.totali.totale == Decimal("11112.66")
    assert [m.etichetta for m in vista.mancanti] == istanza.mancanti()
    assert [m.requisito for m in vista.mancanti] == istanza.requisiti_mancanti()
    assert len(vista.mancanti) == 2
    assert (vista.documento_pronto, vista.documento_sha256, vista.firma) == (False, None, None)
    assert vista.firma_richiesta is True
    senza_firma_digitale = RegoleOrdine(firma_digitale_obbligatoria=False)
    assert views.vista(istanza, senza_firma_digitale, TITOLARE).firma_richiesta is False
    assert [e.descrizione for e in vista.cronologia] == ["Bozza creata"]


def test_the_view_of_a_deposited_case_shows_its_signature_and_deposit() -> None:
    istanza = depositata()
    istanza.registra_protocollo("2026/0001", DOPO_DEPOSITO, SEGRETERIA)
    vista = views.vista(istanza, RegoleOrdine(), TITOLARE)
    assert istanza.documento is not None
    assert istanza.firmato is not None
    assert istanza.deposito is not None
    assert vista.documento_pronto
    assert vista.documento_sha256 == istanza.documento.sha256
    assert vista.firma is not None
    assert vista.firma.tipo == "pades"
    assert vista.firma.sha256 == istanza.firmato.sha256
    assert vista.depositata_il == istanza.deposito.depositata_il
    assert vista.protocollo == "2026/0001"
    assert [e.stato for e in vista.cronologia] == ["bozza", "bozza", "depositata", "acquisita"]
    acquisizione = vista.cronologia[-1]
    assert (acquisizione.chi, acquisizione.ruolo, acquisizione.tramite) == (
        "Anna",
        "segreteria",
        "area_web",
    )
    assert [a.nome_file for a in vista.allegati] == ["parcella.pdf", "prova_invio.pdf"]
    assert vista.mancanti == []


def test_a_hand_signed_deposit_shows_no_signed_file() -> None:
    istanza = pronta()
    istanza.firmato = None
    istanza.deposita(DOPO_DEPOSITO, RegoleOrdine(firma_digitale_obbligatoria=False))
    firma = views.vista(istanza, RegoleOrdine(firma_digitale_obbligatoria=False), TITOLARE).firma
    assert firma is not None
    assert (firma.tipo, firma.sha256) == ("autografa", None)


def nel_messaggio(contenuto: ContenutoIstanza) -> contratti.ContenutoIstanza:
    """The content as the case's view carries it."""
    # As the view carries it (the whole view would also add up amounts beyond its limits).
    return contratti.ContenutoIstanza.model_validate(encode(contenuto))


# --- what the asking user may do ----------------------------------------------------------------


def test_the_owner_edits_a_draft_and_signs_and_deposits_it_once_complete() -> None:
    incompleta = bozza()  # no attachments yet
    assert incompleta.azioni(TITOLARE) == ["modifica", "allega"]
    assert pronta().azioni(TITOLARE) == ["modifica", "allega", "firma", "deposita"]
    assert views.vista(pronta(), RegoleOrdine(), TITOLARE).azioni == [
        "modifica",
        "allega",
        "firma",
        "deposita",
    ]


def test_after_the_deposit_the_owner_may_only_withdraw_until_the_decision() -> None:
    istanza = depositata()
    assert istanza.azioni(TITOLARE) == ["rinuncia"]
    istanza.registra_protocollo("2026/0001", DOPO_DEPOSITO, SEGRETERIA)
    assert istanza.azioni(TITOLARE) == ["rinuncia"]
    istanza.cambia_stato("provvedimento_emesso", DOPO_DEPOSITO, "Provvedimento emesso")
    assert istanza.azioni(TITOLARE) == []


def test_staff_and_other_lawyers_see_none_of_the_lawyers_actions() -> None:
    istanza = depositata()
    altro = views.utente(Attore(username="mverdi", ruolo="avvocato", ordine="DEMO"))
    assert istanza.azioni(SEGRETERIA) == []
    assert istanza.azioni(altro) == []
    assert views.vista(istanza, RegoleOrdine(), SEGRETERIA).azioni == []


def test_the_domains_value_sets_are_the_contracts() -> None:
    # The pure domain may not import these contracts, so it repeats their value sets.
    assert get_args(Azione) == get_args(contratti.Azione)


def test_the_ordines_settings_become_the_domains_rules() -> None:
    assert views.regole(ImpostazioniOrdine(codice="DEMO")) == RegoleOrdine()
    regole = views.regole(
        ImpostazioniOrdine(
            codice="DEMO",
            istanze=RegoleIstanze(
                max_dimensione_file=2000,
                max_dimensione_pratica=4000,
                firma_digitale_obbligatoria=False,
                tipi_ammessi=("PDF",),
                requisiti=("cliente",),
            ),
        )
    )
    assert regole == RegoleOrdine(
        max_dimensione_file=2000,
        max_dimensione_pratica=4000,
        firma_digitale_obbligatoria=False,
        tipi_ammessi=("PDF",),
        requisiti=("cliente",),
    )


def test_a_search_with_a_digit_or_a_dash_is_a_code_else_a_clients_name() -> None:
    def filtro(cerca: str | None) -> FiltroElenco:
        return views.filtro_elenco(
            contratti.ElencoIstanze(
                correlation_id="x", ordine="DEMO", attore=AVVOCATO, cerca=cerca, stato="bozza"
            )
        )

    assert filtro("demo-2026 0001") == FiltroElenco(stato="bozza", codice="DEMO-20260001")
    assert filtro("Rossi") == FiltroElenco(stato="bozza", cliente="rossi")
    assert filtro(None) == FiltroElenco(stato="bozza")


def test_the_view_carries_the_dm_147_2022_range_of_each_phase_for_the_matter() -> None:
    parametri = views.vista(bozza(), RegoleOrdine(), TITOLARE).parametri
    # Tribunale, value 30,000: the 26,000.01-52,000 bracket of Tabella 2 (medium 1,701 etc.).
    studio = parametri["studio"]
    assert (studio.minimo, studio.medio, studio.massimo) == (
        Decimal("850.50"),
        Decimal("1701.00"),
        Decimal("2551.50"),
    )
    assert parametri["decisionale"].medio == Decimal("2905.00")
    assert CONTENUTO.pratica is not None
    senza_valore = replace(CONTENUTO, pratica=replace(CONTENUTO.pratica, valore=None))
    assert views.vista(bozza(senza_valore), RegoleOrdine(), TITOLARE).parametri == {}
