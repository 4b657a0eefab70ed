"""The application aggregate: creation, who may see and change it, the draft, its amounts;
each refusal with its code, its Italian message, and nothing changed."""

from dataclasses import replace
from datetime import datetime, timedelta, timezone
from decimal import Decimal

import pytest

from istanze.domain.contenuto import Cliente, ContenutoIstanza, Voce
from istanze.domain.istanza import Istanza
from istanze.domain.persone import Utente

from .fabbrica import (
    ALTRO_AVVOCATO,
    ALTRO_ORDINE,
    AVVOCATO,
    CONSIGLIERE,
    CONTENUTO,
    DOPO,
    ORA,
    SEGRETERIA,
    TITOLARE,
    allega,
    bozza,
    depositata,
    pronta,
    rifiutata,
)

# --- creation and access ----------------------------------------------------------------------


def test_a_new_application_is_a_draft_with_its_first_timeline_line() -> None:
    roma = timezone(timedelta(hours=1))
    istanza = Istanza.crea(
        id="i1",
        codice="DEMO-26-7K3Q9XAB-4FZP",
        ordine="DEMO",
        avvocato=AVVOCATO,
        ora=datetime(2026, 3, 2, 10, 30, tzinfo=roma),
    )
    assert istanza.stato == "bozza"
    assert istanza.contenuto == ContenutoIstanza()
    assert istanza.creata_il == istanza.aggiornata_il == ORA
    assert istanza.creata_il.utcoffset() == timedelta(0)
    [evento] = istanza.cronologia
    assert (evento.stato, evento.descrizione, evento.chi) == (
        "bozza",
        "Bozza creata",
        "Giulia Bianchi",
    )


def test_a_naive_time_is_a_programming_error() -> None:
    with pytest.raises(ValueError, match="timezone-aware"):
        bozza().aggiorna([], CONTENUTO, datetime(2026, 3, 2, 9, 30))


def test_the_owner_sees_and_changes_the_case() -> None:
    istanza = bozza()
    istanza.verifica_lettura(TITOLARE)
    istanza.verifica_titolare(TITOLARE)


@pytest.mark.parametrize("estraneo", [ALTRO_AVVOCATO, ALTRO_ORDINE, SEGRETERIA, CONSIGLIERE])
def test_nobody_else_learns_that_a_draft_exists(estraneo: Utente) -> None:
    istanza = bozza()
    with rifiutata(istanza, "non_trovata") as errori:
        istanza.verifica_lettura(estraneo)
    assert errori[0].messaggio == "Istanza non trovata"


def test_the_ordines_staff_see_a_deposited_case_but_cannot_change_it() -> None:
    istanza = depositata()
    istanza.verifica_lettura(SEGRETERIA)
    istanza.verifica_lettura(CONSIGLIERE)
    with rifiutata(istanza, "non_autorizzata"):
        istanza.verifica_titolare(SEGRETERIA)
    with rifiutata(istanza, "non_trovata"):
        istanza.verifica_lettura(ALTRO_AVVOCATO)
    with rifiutata(istanza, "non_trovata"):
        istanza.verifica_lettura(replace(SEGRETERIA, ordine="ROMA"))


# --- the draft --------------------------------------------------------------------------------


def test_an_update_replaces_only_the_named_parts() -> None:
    istanza = bozza()
    nuovo = ContenutoIstanza(note="Nota nuova", voci=(Voce(fase="studio", importo=Decimal(1)),))
    istanza.aggiorna(["note"], nuovo, DOPO)
    assert istanza.contenuto == replace(CONTENUTO, note="Nota nuova")
    assert istanza.aggiornata_il == DOPO
    istanza.aggiorna(["cliente", "pratica"], ContenutoIstanza(), DOPO)
    assert istanza.contenuto.cliente is None
    assert istanza.contenuto.pratica is None
    assert istanza.contenuto.voci == CONTENUTO.voci


def test_an_unknown_part_is_refused() -> None:
    istanza = bozza()
    with rifiutata(istanza, "dati_non_validi"):
        istanza.aggiorna(["cliente", "avvocato"], CONTENUTO, DOPO)  # type: ignore[list-item]


def test_a_content_change_invalidates_the_document_and_the_signed_file() -> None:
    istanza = pronta()
    assert istanza.documento_pronto
    istanza.aggiorna(["note"], CONTENUTO, DOPO)  # the same note: nothing changes
    assert None not in (istanza.documento, istanza.firmato)
    istanza.aggiorna(["note"], replace(CONTENUTO, note="Aggiunta"), DOPO)
    assert istanza.documento is None
    assert istanza.firmato is None
    assert not istanza.documento_pronto


def test_a_deposited_application_cannot_be_changed() -> None:
    istanza = depositata()
    with rifiutata(istanza, "stato_non_valido") as errori:
        istanza.aggiorna(["note"], replace(CONTENUTO, note="tardi"), DOPO)
    assert errori[0].messaggio == "L'istanza è già stata depositata: non si può più modificare"


def test_the_fingerprint_follows_what_the_document_shows() -> None:
    istanza = bozza()
    impronta = istanza.fingerprint()
    assert len(impronta) == 64
    assert bozza().fingerprint() == impronta  # stable: same data, same fingerprint
    stessi_importi = tuple(replace(v, importo=v.importo.normalize()) for v in CONTENUTO.voci or ())
    assert bozza(replace(CONTENUTO, voci=stessi_importi)).fingerprint() == impronta
    istanza.aggiornata_il = DOPO
    assert istanza.fingerprint() == impronta  # bookkeeping is not content
    assert bozza(replace(CONTENUTO, note="x")).fingerprint() != impronta
    allega(istanza)
    assert istanza.fingerprint() != impronta  # the document lists the attachments


def test_the_fingerprint_is_stable_across_releases() -> None:
    # A change here makes every stored application PDF look stale: do it only on purpose,
    # with a new version prefix in impronta.py.
    assert bozza().fingerprint() == (
        "f200a20562b7939dcc4f8f7d9c282f9fab79d16b666a5f0e168ff99ff7c00044"
    )


# --- amounts and names ------------------------------------------------------------------------


def test_totals_and_the_requested_amount() -> None:
    istanza = bozza()
    totali = istanza.totali()
    assert totali is not None
    assert totali.totale == Decimal("11112.66")
    assert istanza.importo_richiesto() == Decimal("7616.00")


def test_no_totals_without_valid_items() -> None:
    assert bozza(replace(CONTENUTO, voci=None)).totali() is None
    assert bozza(replace(CONTENUTO, voci=())).importo_richiesto() is None
    negativa = (Voce(fase="studio", importo=Decimal("-1")),)
    assert bozza(replace(CONTENUTO, voci=negativa)).totali() is None


def test_the_clients_name_as_lists_show_it() -> None:
    assert bozza().nome_cliente() == "Mario Rossi"
    societa = Cliente(tipo="persona_giuridica", denominazione=" Alfa S.r.l. ", nome="Mario")
    assert bozza(replace(CONTENUTO, cliente=societa)).nome_cliente() == "Alfa S.r.l."
    assert bozza(ContenutoIstanza()).nome_cliente() is None
    assert bozza(ContenutoIstanza(cliente=Cliente(tipo="persona_fisica"))).nome_cliente() is None
