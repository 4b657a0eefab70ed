"""The template contexts built from the ``Istanza`` view: Italian labels, formatting, refusals.

No renderer here: these are the pure functions the documents are made from.
"""

from datetime import UTC, date, datetime
from decimal import Decimal
from typing import Any, get_args

import pytest

from istanze.adapters.contesti import contesto_istanza, contesto_ricevuta, qr_svg
from parcelle_contracts.common import FileRef
from parcelle_contracts.istanze import Firma, Istanza
from parcelle_contracts.vocabolario import (
    CATEGORIE_ALLEGATO,
    FASI,
    PROCEDIMENTI,
    TIPI_FIRMA,
    CategoriaAllegato,
    Fase,
    Procedimento,
    TipoFirma,
)

from . import campione


def _contesto(istanza: Istanza | None = None, **opzioni: Any) -> dict[str, Any]:
    return contesto_istanza(
        istanza or campione.istanza(),
        ordine_nome=campione.ORDINE_NOME,
        generata_il=campione.GENERATA_IL,
        **opzioni,
    )


def _corpo(**parti: Any) -> dict[str, Any]:
    """The sample's JSON body with some parts replaced."""
    return {**campione.CORPO, **parti}


@pytest.mark.parametrize(
    ("etichette", "valori"),
    [
        (FASI, Fase),
        (PROCEDIMENTI, Procedimento),
        (CATEGORIE_ALLEGATO, CategoriaAllegato),
        (TIPI_FIRMA, TipoFirma),
    ],
)
def test_every_enum_value_of_the_contracts_has_an_italian_label(
    etichette: dict[str, str], valori: Any
) -> None:
    # A value added to the contracts without a label would fail the render of a real case.
    assert set(etichette) == set(get_args(valori))
    assert all(etichetta.strip() for etichetta in etichette.values())


def test_phases_are_labelled_as_the_dm_names_them() -> None:
    voci = _contesto()["voci"]

    assert [voce["fase"] for voce in voci] == [
        "Fase di studio della controversia",
        "Fase introduttiva del giudizio",
        "Fase istruttoria e/o di trattazione",
        "Fase decisionale",
    ]
    assert [voce["importo"] for voce in voci] == [
        Decimal("1701.00"),
        Decimal("1204.00"),
        Decimal("1806.00"),
        Decimal("2905.00"),
    ]


def test_the_sample_totals_are_the_dm_worked_example() -> None:
    totali = _contesto()["totali"]

    assert totali["compenso"] == Decimal("7616.00")
    assert totali["spese_generali"] == Decimal("1142.40")
    assert totali["spese_generali_percentuale"] == "15%"
    assert totali["cpa"] == Decimal("350.34")
    assert totali["iva"] == Decimal("2003.92")
    assert totali["totale"] == Decimal("11112.66")


def test_a_person_client_is_named_and_addressed_the_italian_way() -> None:
    contesto = _contesto()

    assert contesto["cliente"]["nominativo"] == "Mario Rossi"
    assert contesto["cliente"]["tipo"] == "Persona fisica"
    assert contesto["cliente"]["indirizzo"] == "Via Roma 1, 00184 Roma (RM)"
    assert contesto["pratica"]["procedimento"] == "Tribunale: giudizio ordinario di cognizione"
    assert contesto["pratica"]["valore"] == Decimal("30000.00")
    assert contesto["pratica"]["mandato_concluso"] == "Sì"
    assert contesto["pratica"]["equo_compenso_art7"] == "No"
    assert contesto["luogo"] == "Roma"
    assert contesto["ordine"]["destinatario"] == "Al Consiglio dell'Ordine degli Avvocati di Roma"


def test_a_company_client_shows_its_name_and_vat_number() -> None:
    cliente = {
        "tipo": "persona_giuridica",
        "denominazione": "Edilizia La Quercia S.r.l.",
        "partita_iva": "01234567890",
        "indirizzo": {"via": "Rue de Rive 3", "cap": None, "comune": "Genève", "nazione": "CH"},
    }
    contesto = _contesto(campione.istanza(_corpo(cliente=cliente)))

    assert contesto["cliente"]["persona_giuridica"] is True
    assert contesto["cliente"]["nominativo"] == "Edilizia La Quercia S.r.l."
    assert contesto["cliente"]["partita_iva"] == "01234567890"
    assert contesto["cliente"]["indirizzo"] == "Rue de Rive 3, Genève, CH"
    assert contesto["cliente"]["pec"] == "non indicato"


def test_an_undeterminable_value_and_the_period_are_written_out() -> None:
    pratica = {
        **campione.CORPO["pratica"],
        "valore": None,
        "valore_indeterminabile": True,
        "periodo_dal": date(2024, 3, 1),
        "periodo_al": date(2025, 10, 15),
    }
    contesto = _contesto(campione.istanza(_corpo(pratica=pratica)))

    assert contesto["pratica"]["valore"] == "indeterminabile"
    assert contesto["pratica"]["periodo"] == "dal 01/03/2024 al 15/10/2025"


def test_a_draft_with_nothing_in_it_still_makes_a_context() -> None:
    contesto = _contesto(campione.istanza({}, totali=None, allegati=[]))

    assert contesto["cliente"]["nominativo"] == "non indicato"
    assert contesto["pratica"]["valore"] == "non indicato"
    assert contesto["voci"] == []
    assert contesto["totali"] is None


def test_signature_line_follows_the_ordine_unless_told_otherwise() -> None:
    assert _contesto()["firma_autografa"] is False  # the sample Ordine requires a signature
    assert _contesto(campione.istanza(firma_richiesta=False))["firma_autografa"] is True
    assert _contesto(firma_autografa=True)["firma_autografa"] is True


def test_attachment_sizes_are_written_in_italian() -> None:
    allegati = _contesto()["allegati"]

    assert [allegato["dimensione"] for allegato in allegati] == [
        "180,0 KB",
        "59,6 KB",
        "392,7 KB",
        "3,0 MB",
        "96,0 KB",
    ]
    assert allegati[0]["categoria"] == "Parcella (notula)"
    assert allegati[0]["sha256"] == campione.ALLEGATI[0].sha256


def test_naive_times_are_refused_before_they_reach_a_worker() -> None:
    with pytest.raises(ValueError, match="timezone"):
        contesto_istanza(
            campione.istanza(), ordine_nome=campione.ORDINE_NOME, generata_il=datetime(2026, 1, 1)
        )


def test_the_receipt_lists_every_document_with_its_fingerprint() -> None:
    firmato = campione.file_firmato("istanza_firmata.pdf", "d" * 64, 2_048)
    contesto = contesto_ricevuta(
        campione.istanza(),
        ordine_nome=campione.ORDINE_NOME,
        depositata_il=campione.DEPOSITATA_IL,
        generata_il=campione.DEPOSITATA_IL,
        firma=campione.FIRMA_PADES,
        file_firmato=firmato,
    )

    impronte = [documento["sha256"] for documento in contesto["documenti"]]
    assert impronte == ["a" * 64, "d" * 64, *(allegato.sha256 for allegato in campione.ALLEGATI)]
    assert contesto["documenti"][1]["nome"] == "istanza_firmata.pdf (2,0 KB)"
    assert contesto["firma"]["tipo"] == "Firma digitale PAdES (PDF firmato)"
    assert contesto["firma"]["autografa"] is False
    assert contesto["cliente"] == "Mario Rossi"


def test_a_hand_signed_deposit_has_no_signed_file_and_a_digital_one_needs_it() -> None:
    def ricevuta(firma: Firma, firmato: FileRef | None) -> dict[str, Any]:
        return contesto_ricevuta(
            campione.istanza(),
            ordine_nome=campione.ORDINE_NOME,
            depositata_il=campione.DEPOSITATA_IL,
            generata_il=campione.DEPOSITATA_IL,
            firma=firma,
            file_firmato=firmato,
        )

    assert ricevuta(campione.FIRMA_AUTOGRAFA, None)["firma"]["autografa"] is True
    with pytest.raises(ValueError, match="signed file"):
        ricevuta(campione.FIRMA_PADES, None)
    with pytest.raises(ValueError, match="signed file"):
        ricevuta(campione.FIRMA_AUTOGRAFA, campione.file_firmato("x.pdf", "e" * 64, 1))


def test_the_receipt_needs_the_application_fingerprint_and_a_signature() -> None:
    senza = campione.istanza(documento_sha256=None)
    with pytest.raises(ValueError, match="SHA-256"):
        contesto_ricevuta(
            senza,
            ordine_nome=campione.ORDINE_NOME,
            depositata_il=campione.DEPOSITATA_IL,
            generata_il=datetime.now(UTC),
        )


def test_qr_svg_is_inline_markup_with_a_quiet_zone_and_no_url() -> None:
    svg = qr_svg(campione.CODICE)

    assert svg.startswith('<svg xmlns="http://www.w3.org/2000/svg"')
    # Version 2 (25 modules) plus 4 modules of quiet zone on each side.
    assert 'viewBox="0 0 33 33"' in svg
    assert 'fill="#fff" d="M0 0h33v33h-33z"' in svg  # the quiet zone is painted white
    body = svg.removeprefix('<svg xmlns="http://www.w3.org/2000/svg"')
    for refused in ("data:", "href", "http", "<image", "<script", "<text"):
        assert refused not in body
    # A different code is a different symbol.
    assert qr_svg("ROMA-26-7K3Q9XAB-4FZQ") != svg
