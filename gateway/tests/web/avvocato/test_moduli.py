"""The steps' forms read into exactly their parts, keeping what was typed, errors by field."""

from decimal import Decimal

from gateway.web.avvocato.moduli import (
    errori_servizio,
    leggi_cliente,
    leggi_importi,
    leggi_pratica,
)
from gateway.web.avvocato.salvati import importi_salvati, valori_importi
from parcelle_contracts.istanze import CampoNonLetto, ContenutoIstanza, Voce


def test_client_form_fills_only_the_client_part() -> None:
    lettura = leggi_cliente(
        {
            "cliente.tipo": "persona_fisica",
            "cliente.nome": " Mario ",
            "cliente.cognome": "Rossi",
            "cliente.denominazione": "ignored for a person",
            "cliente.codice_fiscale": "rssmra80a01h501u",
            "cliente.indirizzo.via": "Via Roma 1",
            "cliente.indirizzo.cap": "00187",
            "cliente.indirizzo.comune": "Roma",
            "cliente.indirizzo.provincia": "rm",
            "cliente.indirizzo.nazione": "",
            "cliente.pec": "mario.rossi@pec.example.it",
        }
    )
    assert lettura.errori == {}
    assert lettura.parti == ["cliente"]
    assert lettura.contenuto is not None
    assert lettura.contenuto.model_fields_set == {"cliente"}
    cliente = lettura.contenuto.cliente
    assert cliente is not None
    assert (cliente.nome, cliente.codice_fiscale, cliente.denominazione) == (
        "Mario",
        "RSSMRA80A01H501U",
        None,
    )
    assert cliente.indirizzo is not None
    assert (cliente.indirizzo.provincia, cliente.indirizzo.nazione) == ("RM", "IT")
    assert lettura.valori["cliente.nome"] == " Mario "  # shown again exactly as typed


def test_client_form_sends_every_readable_value_for_the_service_to_check_all_at_once() -> None:
    lettura = leggi_cliente(
        {
            "cliente.tipo": "persona_fisica",
            "cliente.codice_fiscale": "RSSMRA80",
            "cliente.indirizzo.cap": "187",
            "cliente.indirizzo.provincia": "Rm",
            "cliente.pec": "non-una-pec",
        }
    )
    # No check of its own that would answer before the service's: nothing is held back.
    assert lettura.errori == {}
    assert lettura.contenuto is not None
    cliente = lettura.contenuto.cliente
    assert cliente is not None
    assert cliente.indirizzo is not None
    assert (cliente.codice_fiscale, cliente.indirizzo.cap, cliente.pec) == (
        "RSSMRA80",
        "187",
        "non-una-pec",
    )


def test_client_fields_the_contract_refuses_are_kept_as_typed_and_the_rest_is_sent() -> None:
    lettura = leggi_cliente(
        {
            "cliente.tipo": "persona_fisica",
            "cliente.nome": "Mario",
            "cliente.indirizzo.cap": "00187",
            "cliente.indirizzo.provincia": "Roma",
            "cliente.codice_fiscale": "X" * 40,
        }
    )
    assert set(lettura.errori) == {"cliente.indirizzo.provincia", "cliente.codice_fiscale"}
    assert {c.campo: c.valore for c in lettura.da_inviare()} == {
        "cliente.indirizzo.provincia": "Roma",
        "cliente.codice_fiscale": "X" * 40,
    }
    assert lettura.contenuto is not None
    assert lettura.contenuto.cliente is not None
    assert lettura.contenuto.cliente.nome == "Mario"
    assert lettura.contenuto.cliente.indirizzo is not None
    assert lettura.contenuto.cliente.indirizzo.cap == "00187"


def test_matter_form_reads_yes_no_dates_and_an_italian_value() -> None:
    lettura = leggi_pratica(
        {
            "pratica.autorita": "Tribunale di Roma",
            "pratica.procedimento": "tribunale_cognizione",
            "pratica.numero_rg": "123/2023",
            "pratica.valore": "35.000,00",
            "pratica.numero_parti": "2",
            "pratica.periodo_dal": "2023-01-10",
            "pratica.periodo_al": "15/06/2024",
            "pratica.mandato_concluso": "si",
            "pratica.difesa_ufficio": "no",
        }
    )
    assert lettura.errori == {}
    assert lettura.contenuto is not None
    pratica = lettura.contenuto.pratica
    assert pratica is not None
    assert pratica.valore == Decimal("35000.00")
    assert (pratica.mandato_concluso, pratica.difesa_ufficio, pratica.equo_compenso_art7) == (
        True,
        False,
        None,
    )
    assert pratica.valore_indeterminabile is False
    assert str(pratica.periodo_al) == "2024-06-15"


def test_matter_form_keeps_what_it_cannot_read_and_sends_contradictions_to_the_service() -> None:
    lettura = leggi_pratica(
        {
            "pratica.valore": "1000",
            "pratica.valore_indeterminabile": "si",
            "pratica.periodo_dal": "2024-02-01",
            "pratica.periodo_al": "2024-01-01",
            "pratica.procedimento": "inventato",
            "pratica.numero_parti": "0",
            "pratica.autorita": "Tribunale di Roma",
        }
    )
    assert set(lettura.errori) == {"pratica.procedimento", "pratica.numero_parti"}
    assert {c.campo: c.valore for c in lettura.da_inviare()} == {
        "pratica.procedimento": "inventato",
        "pratica.numero_parti": "0",
    }
    pratica = lettura.contenuto.pratica if lettura.contenuto else None
    assert pratica is not None
    assert (pratica.valore, pratica.valore_indeterminabile) == (Decimal("1000.00"), True)
    assert pratica.autorita == "Tribunale di Roma"
    assert pratica.periodo_al is not None
    assert pratica.periodo_dal is not None


def _righe(**righe: tuple[str, str, str, str]) -> dict[str, str]:
    form = {}
    for n, (fase, importo, descrizione, motivazione) in righe.items():
        indice = n.removeprefix("r")
        form[f"voci.{indice}.fase"] = fase
        form[f"voci.{indice}.importo"] = importo
        form[f"voci.{indice}.descrizione"] = descrizione
        form[f"voci.{indice}.motivazione"] = motivazione
    return form


def test_amounts_form_skips_empty_rows_and_remembers_which_row_each_item_came_from() -> None:
    form = _righe(
        r0=("studio", "", "", ""),
        r1=("introduttiva", "1.204,00", "", ""),
        r2=("istruttoria", "", "", ""),
        r3=("decisionale", "2905", "", "Udienze numerose"),
        r4=("altro", "300,5", "Fase cautelare", ""),
    )
    form |= {"spese_generali_percentuale": "12,5", "spese": "", "note": " "}
    lettura = leggi_importi(form)
    assert lettura.errori == {}
    assert lettura.parti == ["voci", "spese", "spese_generali_percentuale", "note"]
    assert lettura.contenuto is not None
    assert lettura.contenuto.voci == [
        Voce(fase="introduttiva", importo=Decimal("1204.00")),
        Voce(fase="decisionale", importo=Decimal("2905.00"), motivazione="Udienze numerose"),
        Voce(fase="altro", importo=Decimal("300.50"), descrizione="Fase cautelare"),
    ]
    assert lettura.voci_righe == [1, 3, 4]
    assert lettura.contenuto.spese_generali_percentuale == Decimal("12.50")
    # The service says voci.1 is wrong: that is the second item sent, the row 3 of the form.
    assert errori_servizio({"contenuto.voci.1.importo": "Troppo alto"}, lettura.voci_righe) == {
        "voci.3.importo": "Troppo alto"
    }


def test_amounts_rows_that_cannot_be_read_are_kept_whole_and_the_rest_is_sent() -> None:
    form = _righe(
        r0=("studio", "mille", "", "Causa complessa"),
        r1=("introduttiva", "", "", "un motivo senza importo"),
        r2=("istruttoria", "1.806,00", "", ""),
        r4=("altro", "100", "", ""),
    )
    form |= {"spese_generali_percentuale": "20", "spese": "1,2,3"}
    lettura = leggi_importi(form)
    assert set(lettura.errori) == {
        "voci.0.importo",
        "voci.1.importo",
        "spese_generali_percentuale",
        "spese",
    }
    assert lettura.contenuto is not None
    # The readable rows are sent, the "altro" without description too (the service says it).
    assert lettura.contenuto.voci == [
        Voce(fase="istruttoria", importo=Decimal("1806.00")),
        Voce(fase="altro", importo=Decimal("100.00")),
    ]
    tenuti = {c.campo: (c.valore, c.errore) for c in lettura.da_inviare()}
    assert tenuti["voci.riga0.importo"][0] == "mille"
    assert (tenuti["voci.riga0.importo"][1] or "").startswith("Importo non valido")
    assert tenuti["voci.riga0.motivazione"] == ("Causa complessa", None)
    assert tenuti["voci.riga1.motivazione"] == ("un motivo senza importo", None)
    assert tenuti["spese_generali_percentuale"][0] == "20"
    assert [riga.n for riga in lettura.righe] == [0, 1, 2, 4]


def test_saved_rows_come_back_where_they_were_typed() -> None:
    contenuto = ContenutoIstanza(voci=[Voce(fase="altro", importo=Decimal(5), descrizione="X")])
    non_letti = {
        c.campo: c
        for c in [
            CampoNonLetto(campo="voci.riga0.importo", valore="mille", errore="Importo non valido."),
            CampoNonLetto(campo="voci.riga0.fase", valore="studio"),
            CampoNonLetto(campo="voci.riga5.fase", valore="altro"),
            CampoNonLetto(campo="voci.riga5.descrizione", valore="Trasferta"),
            CampoNonLetto(campo="voci.riga5.importo", valore="", errore="Indica l'importo."),
        ]
    }
    importi = importi_salvati(contenuto, non_letti)
    assert importi.valori["voci.0.importo"] == "mille"
    assert importi.valori["voci.4.descrizione"] == "X"  # the saved item
    assert importi.valori["voci.5.descrizione"] == "Trasferta"  # the kept row after it
    assert importi.rinominati["voci.riga5.importo"] == "voci.5.importo"
    assert importi.riga_della_voce == [4]
    assert [(r.n, r.fase) for r in importi.righe][-2:] == [(5, "altro"), (6, "altro")]


def test_saved_amounts_show_one_row_per_phase_then_the_others_then_an_empty_one() -> None:
    contenuto = ContenutoIstanza(
        voci=[
            Voce(fase="decisionale", importo=Decimal("2905")),
            Voce(fase="altro", importo=Decimal("10"), descrizione="Trasferta"),
            Voce(fase="studio", importo=Decimal("1701")),
            Voce(fase="studio", importo=Decimal("5")),
        ]
    )
    valori, righe = valori_importi(contenuto)
    assert [(r.n, r.fase, r.fissa) for r in righe] == [
        (0, "studio", True),
        (1, "introduttiva", True),
        (2, "istruttoria", True),
        (3, "decisionale", True),
        (4, "altro", False),
        (5, "studio", False),
        (6, "altro", False),
    ]
    assert valori["voci.0.importo"] == "1.701,00"
    assert valori["voci.3.importo"] == "2.905,00"
    assert valori["voci.4.descrizione"] == "Trasferta"
    assert valori["voci.6.importo"] == ""
    assert valori["spese_generali_percentuale"] == "15"
    # Reading the same values back gives the same items: nothing is lost by a save.
    rilette = leggi_importi({**valori, "spese_generali_percentuale": "15"})
    assert rilette.contenuto is not None
    assert sorted(v.importo for v in rilette.contenuto.voci or []) == sorted(
        v.importo for v in contenuto.voci or []
    )
