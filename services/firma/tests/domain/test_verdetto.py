"""The rules, with hand-made facts: one cause gives one problem, with its own code."""

import dataclasses
from datetime import UTC, datetime, timedelta
from typing import Any, get_args

import pytest

from firma.domain.esame import Catena, Certificato, Documento, EsameFirma, Impronta
from firma.domain.verdetto import CodiceProblema, valuta
from parcelle_contracts.firma import ProblemaFirma

CF = "RSSMRA80A01H501U"
ORA = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)
GIORNO = timedelta(days=1)
CERTIFICATO = Certificato(
    nome="Mario Rossi",
    serial_number=f"TINIT-{CF}",
    emittente="Test CA",
    valido_dal=ORA - 100 * GIORNO,
    valido_al=ORA + 100 * GIORNO,
)
VALIDA = EsameFirma(
    tipo="pades",
    firmata=True,
    firma_integra=True,
    contenuto_integro=True,
    certificato=CERTIFICATO,
    catena=Catena.ATTENDIBILE,
    verificata_al=ORA,
    dichiarata_il=ORA - GIORNO,
    documento=Documento.ORIGINALE,
)


def codici(esame: EsameFirma, atteso: str = CF) -> list[str]:
    return [problema.codice for problema in valuta(esame, atteso).problemi]


def con(**cambi: Any) -> EsameFirma:
    return dataclasses.replace(VALIDA, **cambi)


def certificato(**cambi: Any) -> Certificato:
    return dataclasses.replace(CERTIFICATO, **cambi)


def test_the_codes_are_the_contracts() -> None:
    assert get_args(CodiceProblema) == get_args(ProblemaFirma)


def test_a_valid_signature_has_no_problems_and_says_who_signed() -> None:
    verdetto = valuta(VALIDA, "rssmra80a01h501u")  # the expected code as typed, normalised
    assert verdetto.valida
    assert verdetto.problemi == []
    assert (verdetto.tipo, verdetto.firmatario, verdetto.codice_fiscale) == (
        "pades",
        "Mario Rossi",
        CF,
    )
    assert verdetto.emittente == "Test CA"
    assert verdetto.firmato_il == ORA - GIORNO


@pytest.mark.parametrize(
    ("esame", "atteso"),
    [
        (EsameFirma(tipo=None), ["formato_non_riconosciuto"]),
        (EsameFirma(tipo="cades", formato_dettaglio="detached"), ["formato_non_riconosciuto"]),
        (EsameFirma(tipo="pades"), ["firma_assente"]),
        (con(certificato=None), ["firma_non_valida"]),
        # A broken signature proves nothing else: no chain, date or signer problems on top.
        (
            con(firma_integra=False, catena=Catena.NON_VERIFICATA, documento=Documento.IGNOTO),
            ["firma_non_valida"],
        ),
        (con(contenuto_integro=False, documento=Documento.IGNOTO), ["modificato_dopo_la_firma"]),
        (con(modificata_dopo=True), ["modificato_dopo_la_firma"]),
        (con(documento=Documento.DIVERSO), ["documento_diverso"]),
        (con(documento=Documento.IGNOTO), ["documento_diverso"]),
        (con(catena=Catena.NON_ATTENDIBILE), ["certificato_non_attendibile"]),
        (con(catena=Catena.REVOCA_NON_VERIFICABILE), ["certificato_non_attendibile"]),
        (con(catena=Catena.USO_NON_CONSENTITO), ["certificato_non_attendibile"]),
        (con(catena=Catena.ALTRO), ["certificato_non_attendibile"]),
        (con(catena=Catena.REVOCATO), ["certificato_revocato"]),
        (
            con(certificato=certificato(valido_al=ORA - GIORNO), catena=Catena.FUORI_VALIDITA),
            ["certificato_scaduto"],
        ),
        (
            con(
                certificato=certificato(valido_dal=ORA + GIORNO),
                catena=Catena.FUORI_VALIDITA,
                dichiarata_il=ORA + 2 * GIORNO,
            ),
            ["certificato_non_ancora_valido"],
        ),
        # The signer's certificate is in force, so an out-of-date CA is the chain's problem.
        (con(catena=Catena.FUORI_VALIDITA), ["certificato_non_attendibile"]),
        (
            con(certificato=certificato(serial_number="TINIT-VRDMRC70A01H501Q")),
            ["firmatario_diverso"],
        ),
        (con(certificato=certificato(serial_number=None)), ["firmatario_diverso"]),
        (con(certificato=certificato(serial_number="VATIT-12345678901")), ["firmatario_diverso"]),
    ],
)
def test_each_cause_gives_its_own_problem(esame: EsameFirma, atteso: list[str]) -> None:
    assert codici(esame) == atteso


def test_a_claimed_signing_time_proves_nothing_but_can_condemn() -> None:
    scaduto = certificato(valido_al=ORA - 10 * GIORNO)
    # The signer claims a time when the certificate was valid: without a timestamp the
    # certificate is judged at the reference time, and it has expired.
    assert codici(con(certificato=scaduto, dichiarata_il=ORA - 20 * GIORNO)) == [
        "certificato_scaduto"
    ]
    # A claim before the certificate existed is an inconsistency, whatever else holds.
    assert codici(con(dichiarata_il=ORA - 200 * GIORNO)) == ["certificato_non_ancora_valido"]
    assert codici(con(dichiarata_il=ORA + 200 * GIORNO)) == ["certificato_scaduto"]


def test_a_trusted_timestamp_moves_the_reference_time() -> None:
    scaduto = certificato(valido_al=ORA - 10 * GIORNO)
    stamped = con(
        certificato=scaduto,
        verificata_al=ORA - 20 * GIORNO,
        marca_temporale=ORA - 20 * GIORNO,
        dichiarata_il=ORA - 20 * GIORNO - timedelta(minutes=1),
    )
    verdetto = valuta(stamped, CF)
    assert verdetto.problemi == []
    assert verdetto.firmato_il == ORA - 20 * GIORNO  # the timestamp, not the claim


def test_messages_say_when_in_rome_time_and_why() -> None:
    scaduto = certificato(valido_al=datetime(2026, 1, 31, 23, 30, tzinfo=UTC))
    (problema,) = valuta(con(certificato=scaduto), CF).problemi
    assert "01/02/2026 00:30" in problema.messaggio  # Europe/Rome, UTC+1 in winter
    assert "marca temporale" in problema.messaggio


def test_another_signer_is_named_in_the_message() -> None:
    altro = certificato(nome="Marco Verdi", serial_number="VRDMRC70A01H501Q")
    (problema,) = valuta(con(certificato=altro), CF).problemi
    assert "Marco Verdi" in problema.messaggio
    assert "VRDMRC70A01H501Q" in problema.messaggio
    assert CF in problema.messaggio


def test_several_independent_problems_are_all_reported() -> None:
    esame = con(
        documento=Documento.DIVERSO,
        catena=Catena.NON_ATTENDIBILE,
        certificato=certificato(serial_number="VRDMRC70A01H501Q"),
    )
    assert codici(esame) == [
        "documento_diverso",
        "certificato_non_attendibile",
        "firmatario_diverso",
    ]


def test_impronta() -> None:
    impronta = Impronta("9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08", 4)
    assert impronta.corrisponde(b"test")
    assert not impronta.corrisponde(b"test!")
    assert impronta.inizia(b"test and more")
    assert not impronta.inizia(b"tes")
    assert not impronta.inizia(b"Test and more")
