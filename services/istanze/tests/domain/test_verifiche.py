"""What is present but wrong, field by field, as the lawyer's form shows it."""

from dataclasses import replace
from datetime import date
from decimal import Decimal

import pytest

from istanze.domain.contenuto import Cliente, ContenutoIstanza, DatiPratica, Indirizzo, Voce

from .fabbrica import CLIENTE, CONTENUTO, PRATICA, VOCI, bozza

SOCIETA = Cliente(
    tipo="persona_giuridica",
    denominazione="Alfa S.r.l.",
    partita_iva="06363391001",
    indirizzo=Indirizzo(via="Corso Italia 10", cap="20122", comune="Milano", provincia="mi"),
)


def campi(contenuto: ContenutoIstanza) -> dict[str, str]:
    return bozza(contenuto).verifica_campi()


def test_a_complete_correct_application_has_nothing_wrong() -> None:
    assert campi(CONTENUTO) == {}
    assert campi(replace(CONTENUTO, cliente=SOCIETA)) == {}


def test_an_empty_draft_has_nothing_wrong() -> None:
    assert campi(ContenutoIstanza()) == {}
    assert campi(ContenutoIstanza(cliente=Cliente(), pratica=DatiPratica(), voci=())) == {}


def test_tax_code_and_vat_check_digits_are_verified() -> None:
    cliente = replace(CLIENTE, codice_fiscale="RSSMRA80A01H501V", partita_iva="06363391002")
    errori = campi(replace(CONTENUTO, cliente=cliente))
    assert errori == {
        "cliente.codice_fiscale": (
            "Il carattere di controllo non corrisponde: controlla il codice fiscale"
        ),
        "cliente.partita_iva": "La cifra di controllo non corrisponde: controlla la partita IVA",
    }


def test_a_lower_case_tax_code_is_fine() -> None:
    minuscolo = replace(CLIENTE, codice_fiscale="rssmra80a01h501u")
    assert campi(replace(CONTENUTO, cliente=minuscolo)) == {}
    assert (
        campi(replace(CONTENUTO, cliente=replace(CLIENTE, codice_fiscale=" rssmra80a01h501u")))
        == {}
    )


def test_a_person_needs_name_surname_and_tax_code() -> None:
    cliente = Cliente(tipo="persona_fisica", denominazione="Rossi")
    assert campi(ContenutoIstanza(cliente=cliente)) == {
        "cliente.nome": "Indica il nome del cliente",
        "cliente.cognome": "Indica il cognome del cliente",
        "cliente.codice_fiscale": "Indica il codice fiscale del cliente",
    }


def test_a_company_needs_its_name_and_a_vat_number_or_numeric_tax_code() -> None:
    errori = campi(ContenutoIstanza(cliente=Cliente(tipo="persona_giuridica", nome="Alfa")))
    assert set(errori) == {"cliente.denominazione", "cliente.partita_iva"}
    solo_codice = replace(SOCIETA, partita_iva=None, codice_fiscale="00950501007")
    assert campi(ContenutoIstanza(cliente=solo_codice)) == {}
    codice_persona = replace(SOCIETA, partita_iva=None, codice_fiscale="RSSMRA80A01H501U")
    assert campi(ContenutoIstanza(cliente=codice_persona)) == {
        "cliente.codice_fiscale": "Per una società o un ente il codice fiscale è di 11 cifre"
    }


def test_a_client_without_a_kind_is_asked_for_it() -> None:
    errori = campi(ContenutoIstanza(cliente=Cliente(nome="Mario")))
    assert list(errori) == ["cliente.tipo"]


@pytest.mark.parametrize(
    "indirizzo", ["mario.rossi", "mario@", "@pec.it", "mario rossi@pec.it", "m@pec", "m@@pec.it"]
)
def test_email_and_pec_syntax(indirizzo: str) -> None:
    cliente = replace(CLIENTE, pec=indirizzo, email=indirizzo)
    errori = campi(replace(CONTENUTO, cliente=cliente))
    assert errori == {
        "cliente.pec": "L'indirizzo PEC non è valido",
        "cliente.email": "L'indirizzo e-mail non è valido",
    }


def test_postcode_and_province_of_an_italian_address() -> None:
    indirizzo = Indirizzo(via="Via Roma 1", cap="0018", comune="Roma", provincia="XX")
    errori = campi(replace(CONTENUTO, cliente=replace(CLIENTE, indirizzo=indirizzo)))
    assert errori == {
        "cliente.indirizzo.cap": "Il CAP deve essere di 5 cifre",
        "cliente.indirizzo.provincia": "Indica la sigla di una provincia italiana (es. RM)",
    }


def test_a_foreign_address_is_not_held_to_italian_postcodes() -> None:
    indirizzo = Indirizzo(via="Rue de Rivoli 1", cap="75001", comune="Paris", nazione="FR")
    assert campi(replace(CONTENUTO, cliente=replace(CLIENTE, indirizzo=indirizzo))) == {}
    indirizzo = replace(indirizzo, cap="W1A 1AA", provincia="London", nazione="GB")
    assert campi(replace(CONTENUTO, cliente=replace(CLIENTE, indirizzo=indirizzo))) == {}


def test_the_activity_cannot_end_before_it_began() -> None:
    pratica = replace(PRATICA, periodo_dal=date(2024, 5, 1), periodo_al=date(2024, 4, 30))
    assert campi(replace(CONTENUTO, pratica=pratica)) == {
        "pratica.periodo_al": "La fine dell'attività non può precedere l'inizio"
    }
    stesso_giorno = replace(pratica, periodo_al=date(2024, 5, 1))
    assert campi(replace(CONTENUTO, pratica=stesso_giorno)) == {}


def test_value_and_indeterminable_value_exclude_each_other() -> None:
    pratica = replace(PRATICA, valore_indeterminabile=True)
    assert list(campi(replace(CONTENUTO, pratica=pratica))) == ["pratica.valore"]


def test_an_other_item_needs_a_description() -> None:
    voci = (*VOCI, Voce(fase="altro", importo=Decimal("100.00")))
    assert campi(replace(CONTENUTO, voci=voci)) == {
        "voci.4.descrizione": "Descrivi la voce «Altro»"
    }


def test_a_phase_may_be_asked_once_other_items_many_times() -> None:
    voci = (
        *VOCI,
        Voce(fase="studio", importo=Decimal("10.00")),
        Voce(fase="altro", importo=Decimal("1.00"), descrizione="Trasferta"),
        Voce(fase="altro", importo=Decimal("2.00"), descrizione="Copie"),
    )
    assert campi(replace(CONTENUTO, voci=voci)) == {
        "voci.4.fase": "La voce «Fase di studio della controversia» è già presente: "
        "indicala una volta sola"
    }


def test_at_least_one_amount_above_zero() -> None:
    voci = (Voce(fase="studio", importo=Decimal("0")), Voce(fase="decisionale", importo=Decimal(0)))
    assert campi(replace(CONTENUTO, voci=voci)) == {
        "voci": "Almeno un importo deve essere maggiore di zero"
    }


def test_amounts_are_euro_and_cents_and_not_negative() -> None:
    voci = (
        Voce(fase="studio", importo=Decimal("-1")),
        Voce(fase="altro", importo=Decimal("1.001"), descrizione="x"),
    )
    errori = campi(replace(CONTENUTO, voci=voci, spese=Decimal("-5")))
    assert errori["voci.0.importo"] == "L'importo non può essere negativo"
    assert errori["voci.1.importo"].startswith("Indica l'importo in euro e centesimi")
    assert errori["spese"] == "L'importo non può essere negativo"


def test_spese_generali_go_from_zero_to_fifteen_percent() -> None:
    errori = campi(replace(CONTENUTO, spese_generali_percentuale=Decimal("15.01")))
    assert list(errori) == ["spese_generali_percentuale"]
    assert campi(replace(CONTENUTO, spese_generali_percentuale=Decimal("0"))) == {}
