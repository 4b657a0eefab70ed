"""The application document, the signed file and the deposit: what a deposit needs, and a
second deposit that says it was done already."""

import copy
from dataclasses import replace

from istanze.domain.contenuto import Cliente
from istanze.domain.deposito import Firma, Ricevuta
from istanze.domain.errori import (
    GiaDepositataError,
    IncompletaError,
)
from istanze.domain.istanza import Istanza
from istanze.domain.regole import RegoleOrdine
from istanze.domain.requisiti import ETICHETTE

from .fabbrica import (
    CONTENUTO,
    DOPO,
    MINUTO,
    allega,
    bozza,
    depositata,
    firma,
    firma_digitale,
    genera_documento,
    pronta,
    rifiutata,
    sha,
)

# --- document and signature -------------------------------------------------------------------


def test_a_document_made_from_older_data_is_refused() -> None:
    istanza = bozza()
    vecchia = istanza.fingerprint()
    istanza.aggiorna(["note"], replace(CONTENUTO, note="cambiata"), DOPO)
    with rifiutata(istanza, "documento_non_aggiornato"):
        istanza.registra_documento(
            blob_key="k", sha256=sha("d"), dimensione=1, fingerprint=vecchia, ora=DOPO
        )


def test_registering_the_same_document_keeps_the_signed_file_a_new_one_drops_it() -> None:
    istanza = pronta()
    firmato = istanza.firmato
    genera_documento(istanza)
    assert istanza.firmato == firmato
    genera_documento(istanza, nome="rigenerato")
    assert istanza.firmato is None
    assert istanza.documento_pronto


def test_a_signed_file_must_sign_the_current_document() -> None:
    istanza = bozza()
    allega(istanza)
    with rifiutata(istanza, "documento_non_aggiornato"):
        firma(istanza, firma_digitale_su(istanza, sha("nessun documento")))
    genera_documento(istanza)
    vecchia = firma_digitale(istanza)
    genera_documento(istanza, nome="nuovo")
    with rifiutata(istanza, "documento_non_aggiornato") as errori:
        firma(istanza, vecchia)
    assert "ultima versione" in errori[0].messaggio


def firma_digitale_su(istanza: Istanza, documento_sha256: str) -> Firma:
    genera = copy.deepcopy(istanza)
    genera_documento(genera)
    return replace(firma_digitale(genera), documento_sha256=documento_sha256)


def test_a_signed_file_must_be_signed_by_the_owner() -> None:
    istanza = bozza()
    genera_documento(istanza)
    estranea = replace(
        firma_digitale(istanza), codice_fiscale="RSSMRA80A01H501U", firmatario="Mario Rossi"
    )
    with rifiutata(istanza, "firma_non_valida") as errori:
        firma(istanza, estranea)
    assert errori[0].messaggio == (
        "Il documento è firmato da Mario Rossi, non dall'avvocato che presenta l'istanza"
    )
    firma(istanza, replace(firma_digitale(istanza), codice_fiscale="bncgli85m41h501y"))
    assert istanza.firmato is not None


def test_a_hand_signature_is_not_a_signed_file() -> None:
    istanza = bozza()
    genera_documento(istanza)
    with rifiutata(istanza, "firma_non_valida"):
        firma(istanza, replace(firma_digitale(istanza), tipo="autografa"))


# --- deposit ----------------------------------------------------------------------------------


def test_a_complete_signed_application_is_deposited() -> None:
    istanza = pronta()
    proposta = istanza.firma
    deposito = istanza.deposita(DOPO)
    assert istanza.stato == "depositata"
    assert deposito.depositata_il == DOPO
    assert deposito.firma == proposta
    assert istanza.firma == proposta
    ultimo = istanza.cronologia[-1]
    assert (ultimo.stato, ultimo.descrizione, ultimo.chi) == (
        "depositata",
        "Istanza depositata con firma digitale PAdES (PDF firmato)",
        "Giulia Bianchi",
    )  # the signer is who deposited: named once, as who acted


def test_a_second_deposit_says_it_was_done_already() -> None:
    istanza = depositata()
    with rifiutata(istanza, "gia_depositata") as errori:
        istanza.deposita(DOPO + MINUTO)
    assert isinstance(errori[0], GiaDepositataError)


def test_invalid_data_stop_a_deposit_field_by_field() -> None:
    cliente = replace(CONTENUTO.cliente or Cliente(), codice_fiscale="RSSMRA80A01H501V")
    istanza = pronta(replace(CONTENUTO, cliente=cliente))
    with rifiutata(istanza, "dati_non_validi") as errori:
        istanza.deposita(DOPO)
    assert list(errori[0].campi) == ["cliente.codice_fiscale"]


def test_an_incomplete_application_says_what_is_missing() -> None:
    istanza = bozza()
    genera_documento(istanza)
    firma(istanza)
    with rifiutata(istanza, "incompleta") as errori:
        istanza.deposita(DOPO)
    assert isinstance(errori[0], IncompletaError)
    assert errori[0].mancanti == [ETICHETTE["allegato_parcella"], ETICHETTE["allegato_prova_invio"]]
    assert errori[0].messaggio.startswith("Per depositare l'istanza mancano: allegato: parcella")


def test_a_deposit_needs_the_current_document() -> None:
    istanza = bozza()
    allega(istanza, "parcella")
    allega(istanza, "prova_invio")
    with rifiutata(istanza, "documento_non_aggiornato"):
        istanza.deposita(DOPO)


def test_a_deposit_needs_a_digital_signature_where_the_ordine_says_so() -> None:
    istanza = pronta()
    istanza.firmato = None
    with rifiutata(istanza, "firma_mancante"):
        istanza.deposita(DOPO)


def test_where_the_ordine_accepts_it_the_deposit_is_hand_signed() -> None:
    istanza = pronta()
    istanza.firmato = None
    deposito = istanza.deposita(DOPO, RegoleOrdine(firma_digitale_obbligatoria=False))
    assert deposito.firma.tipo == "autografa"
    assert istanza.documento is not None
    assert deposito.firma.documento_sha256 == istanza.documento.sha256
    assert "firma autografa va consegnato alla segreteria" in istanza.cronologia[-1].descrizione


def test_checking_a_deposit_changes_nothing() -> None:
    istanza = pronta()
    prima = copy.deepcopy(istanza)
    assert istanza.verifica_depositabile() == istanza.firma
    assert istanza == prima


def test_the_receipt_is_written_once() -> None:
    ricevuta = Ricevuta(blob_key="istanze/ricevuta.pdf", sha256=sha("r"), dimensione=100)
    istanza = pronta()
    with rifiutata(istanza, "stato_non_valido"):
        istanza.registra_ricevuta(ricevuta, DOPO)
    istanza.deposita(DOPO)
    istanza.registra_ricevuta(ricevuta, DOPO)
    istanza.registra_ricevuta(ricevuta, DOPO)  # a retry: nothing new
    assert istanza.deposito is not None
    assert istanza.deposito.ricevuta == ricevuta
    with rifiutata(istanza, "stato_non_valido"):
        istanza.registra_ricevuta(replace(ricevuta, sha256=sha("altra")), DOPO)
