"""What a deposit still needs, as the lawyer reads it, and how an Ordine changes the list."""

from dataclasses import replace

from istanze.domain.contenuto import Cliente, ContenutoIstanza, Indirizzo
from istanze.domain.persone import Avvocato
from istanze.domain.regole import RegoleOrdine
from istanze.domain.requisiti import ETICHETTE
from parcelle_contracts.vocabolario import REQUISITI_PREDEFINITI

from .fabbrica import CLIENTE, CONTENUTO, PRATICA, allega, bozza


def test_an_empty_draft_needs_everything_the_ordine_requires() -> None:
    assert bozza(ContenutoIstanza()).mancanti() == [
        "cliente (nome e cognome, o denominazione)",
        "codice fiscale o partita IVA del cliente",
        "indirizzo di residenza o sede del cliente",
        "autorità giudiziaria o ufficio",
        "tipo di procedimento",
        "valore della pratica, o «valore indeterminabile»",
        "risposta alla domanda «il mandato è concluso?»",
        "risposta alla domanda «difesa d'ufficio o patrocinio a spese dello Stato?»",
        "risposta alla domanda «si chiede la procedura dell'art. 7 L. 49/2023 (equo compenso)?»",
        "almeno una voce di compenso",
        "allegato: parcella (notula)",
        "allegato: prova dell'invio della parcella al cliente (ricevute PEC o della "
        "raccomandata A/R)",
    ]


def test_a_complete_application_with_its_attachments_needs_nothing() -> None:
    istanza = bozza()
    assert istanza.mancanti() == [ETICHETTE["allegato_parcella"], ETICHETTE["allegato_prova_invio"]]
    allega(istanza, "parcella")
    assert istanza.mancanti() == [ETICHETTE["allegato_prova_invio"]]
    allega(istanza, "atti")  # another kind of attachment does not stand for it
    assert istanza.mancanti() == [ETICHETTE["allegato_prova_invio"]]
    allega(istanza, "prova_invio")
    assert istanza.mancanti() == []


def test_the_docket_number_is_needed_only_for_proceedings_that_have_one() -> None:
    istanza = bozza(replace(CONTENUTO, pratica=replace(PRATICA, numero_rg=None)))
    assert ETICHETTE["numero_rg"] in istanza.mancanti()
    stragiudiziale = replace(PRATICA, numero_rg=None, autorita=None, procedimento="stragiudiziale")
    istanza = bozza(replace(CONTENUTO, pratica=stragiudiziale))
    assert ETICHETTE["numero_rg"] not in istanza.mancanti()
    assert ETICHETTE["autorita"] not in istanza.mancanti()


def test_a_false_answer_is_an_answer() -> None:
    pratica = replace(PRATICA, mandato_concluso=False, difesa_ufficio=False)
    mancanti = bozza(replace(CONTENUTO, pratica=pratica)).mancanti()
    assert ETICHETTE["mandato_concluso"] not in mancanti
    assert ETICHETTE["difesa_ufficio"] not in mancanti
    pratica = replace(PRATICA, mandato_concluso=None)
    assert ETICHETTE["mandato_concluso"] in bozza(replace(CONTENUTO, pratica=pratica)).mancanti()


def test_an_indeterminable_value_stands_for_the_value() -> None:
    pratica = replace(PRATICA, valore=None, valore_indeterminabile=True)
    assert ETICHETTE["valore"] not in bozza(replace(CONTENUTO, pratica=pratica)).mancanti()


def test_a_foreign_address_needs_no_postcode_or_province() -> None:
    estero = Indirizzo(via="Rue de Rivoli 1", comune="Paris", nazione="FR")
    istanza = bozza(replace(CONTENUTO, cliente=replace(CLIENTE, indirizzo=estero)))
    assert ETICHETTE["indirizzo_cliente"] not in istanza.mancanti()
    senza_cap = Indirizzo(via="Via Roma 1", comune="Roma", provincia="RM")
    istanza = bozza(replace(CONTENUTO, cliente=replace(CLIENTE, indirizzo=senza_cap)))
    assert ETICHETTE["indirizzo_cliente"] in istanza.mancanti()


def test_equo_compenso_needs_the_clients_residence_or_pec() -> None:
    cliente = Cliente(
        tipo="persona_fisica", nome="Mario", cognome="Rossi", codice_fiscale="RSSMRA80A01H501U"
    )
    art7 = replace(PRATICA, equo_compenso_art7=True)
    regole = RegoleOrdine(requisiti=("recapito_art7",))  # only this, to see it alone
    assert bozza(replace(CONTENUTO, cliente=cliente, pratica=art7)).mancanti(regole) == [
        ETICHETTE["recapito_art7"]
    ]
    con_pec = replace(cliente, pec="mario.rossi@pec.example.it")
    assert bozza(replace(CONTENUTO, cliente=con_pec, pratica=art7)).mancanti(regole) == []
    assert bozza(replace(CONTENUTO, cliente=cliente)).mancanti(regole) == []


def test_blank_text_is_missing_text() -> None:
    cliente = replace(CLIENTE, nome="  ", cognome="Rossi")
    assert ETICHETTE["cliente"] in bozza(replace(CONTENUTO, cliente=cliente)).mancanti()


def test_the_lawyers_tax_code_and_pec_come_from_the_account() -> None:
    istanza = bozza()
    istanza.avvocato = Avvocato(username="gbianchi", nome="Giulia", cognome="Bianchi")
    assert istanza.mancanti()[0] == ETICHETTE["avvocato"]


def test_an_ordine_can_ask_for_more_or_less() -> None:
    istanza = bozza()
    allega(istanza, "parcella")
    allega(istanza, "prova_invio")
    piu = RegoleOrdine(requisiti=(*REQUISITI_PREDEFINITI, "allegato_procura", "periodo"))
    assert istanza.mancanti(piu) == [ETICHETTE["allegato_procura"], ETICHETTE["periodo"]]
    meno = RegoleOrdine(requisiti=("cliente", "voci"))
    assert bozza(replace(CONTENUTO, pratica=None)).mancanti(meno) == []
