"""Protocol numbers, Ordine settings, delivery channels and the pending list's search keys."""

from dataclasses import replace
from datetime import UTC, datetime

import pytest
from hypothesis import given
from hypothesis import strategies as st

from acquisizione.domain.comunicazioni import Recapito, invii_avvio
from acquisizione.domain.elenco import Ricerca, chiavi, ricerca
from acquisizione.domain.errori import (
    CODICE_NON_AUTENTICO,
    CodiceNonValidoError,
    RelatoreNonValidoError,
)
from acquisizione.domain.protocollo import NumeroProtocollo, anno_del_registro, contatore
from acquisizione.domain.tipi_file import e_pdf, nome_pdf

from ..fabbrica import REGOLE, pendente

numeri = st.builds(NumeroProtocollo, st.integers(1000, 9999), st.integers(1, 10**7))


def test_a_protocol_number_reads_year_slash_six_digits() -> None:
    assert str(NumeroProtocollo(2026, 123)) == "2026/000123"
    assert str(NumeroProtocollo(2026, 1_234_567)) == "2026/1234567"
    assert NumeroProtocollo.leggi("2026/000123") == NumeroProtocollo(2026, 123)
    for sbagliato in ("2026/123", "26/000123", "2026-000123", ""):
        with pytest.raises(ValueError, match="not a protocol number"):
            NumeroProtocollo.leggi(sbagliato)
    with pytest.raises(ValueError, match="start from 1"):
        NumeroProtocollo(2026, 0)


@given(numero=numeri)
def test_protocol_numbers_read_back_as_written(numero: NumeroProtocollo) -> None:
    assert NumeroProtocollo.leggi(str(numero)) == numero


@given(a=st.integers(1, 999_999), b=st.integers(1, 999_999))
def test_within_a_year_the_text_sorts_as_the_numbers(a: int, b: int) -> None:
    assert (str(NumeroProtocollo(2026, a)) < str(NumeroProtocollo(2026, b))) == (a < b)


def test_the_register_s_year_is_rome_s_and_each_ordine_year_has_its_counter() -> None:
    capodanno = datetime(2026, 12, 31, 23, 30, tzinfo=UTC)  # 00:30 on 1 January in Rome
    assert anno_del_registro(capodanno) == 2027
    assert contatore("DEMO", 2027) != contatore("ROMA", 2027) != contatore("DEMO", 2026)


def test_the_check_element_message_is_the_one_the_clerk_must_read() -> None:
    errore = CodiceNonValidoError("controllo")
    assert errore.codice == "codice_non_valido"
    assert errore.messaggio == CODICE_NON_AUTENTICO
    assert "potrebbe essere stato letto o digitato male" in errore.messaggio
    assert CodiceNonValidoError("formato").messaggio != errore.messaggio


def test_only_the_ordine_s_councillors_are_relatori() -> None:
    # Defaults and validation of the settings belong to the contracts: see test_views and
    # handlers/test_ordini.
    assert REGOLE.relatore("consigliere.neri").nome == "Anna Neri"
    with pytest.raises(RelatoreNonValidoError) as errore:
        REGOLE.relatore("sconosciuto")
    assert errore.value.campi == {"relatore": errore.value.messaggio}


AVVOCATO = Recapito(nome="Giulia Bianchi", pec="g@pec.example.it", email="g@example.it")


def test_the_client_by_pec_if_any_else_by_registered_mail_the_lawyer_by_pec() -> None:
    con_pec = Recapito(nome="Mario Rossi", pec="m@pec.example.it", indirizzo=("Via Roma 1",))
    invii, problemi = invii_avvio(con_pec, AVVOCATO)
    assert [(i.ruolo, i.canale) for i in invii] == [("cliente", "pec"), ("avvocato", "pec")]
    assert not problemi
    senza_pec = Recapito(nome="Mario Rossi", indirizzo=("Via Roma 1", "00184 Roma (RM)"))
    invii, _ = invii_avvio(senza_pec, AVVOCATO)
    assert [(i.ruolo, i.canale) for i in invii] == [
        ("cliente", "raccomandata"),
        ("avvocato", "pec"),
    ]
    assert invii[0].destinatario() == "Mario Rossi (cliente, controinteressato)"


def test_who_cannot_be_reached_is_reported() -> None:
    irraggiungibile = Recapito(nome="Mario Rossi")
    solo_email = Recapito(nome="Giulia Bianchi", email="g@example.it")
    invii, problemi = invii_avvio(irraggiungibile, solo_email)
    assert [(i.ruolo, i.canale) for i in invii] == [("avvocato", "email")]
    assert problemi == [
        "Il cliente Mario Rossi non ha PEC né indirizzo: l'avviso va inviato a mano"
    ]
    _, problemi = invii_avvio(None, Recapito(nome="X"))
    assert len(problemi) == 2


def test_a_search_with_a_digit_is_a_code_any_other_the_lawyers_family_name() -> None:
    assert ricerca(None) == ricerca("  ") == Ricerca()
    assert ricerca("demo-26-7k3q") == Ricerca(codice="DEMO267K3Q")
    assert ricerca("DEMO 26 7K3Q9XAB 4FZP") == Ricerca(codice="DEMO267K3Q9XAB4FZP")
    assert ricerca("Bianchi G") == Ricerca(avvocato="bianchi g")


def test_a_case_is_found_by_its_compact_code_and_family_name_without_accents() -> None:
    pratica = pendente()
    assert chiavi(pratica) == {"codice": "DEMO267K3Q9XAB4FZP", "avvocato": "bianchi giulia"}
    pratica.avvocato = replace(pratica.avvocato, cognome="Niccolò")
    assert chiavi(pratica)["avvocato"].startswith(ricerca("niccolo").avvocato or "?")


@given(st.integers(min_value=1, max_value=21))
def test_every_start_of_a_code_with_a_digit_finds_it(lunghezza: int) -> None:
    pratica = pendente()
    inizio = pratica.codice[:lunghezza]
    cercata = ricerca(inizio).codice
    if cercata is not None:
        assert chiavi(pratica)["codice"].startswith(cercata)


def test_a_pdf_is_known_by_its_content() -> None:
    assert e_pdf(b"%PDF-1.7\n...")
    assert e_pdf(b"\xef\xbb\xbf  %PDF-1.4")
    assert not e_pdf(b"PK\x03\x04 a zip called file.pdf")
    assert not e_pdf(b" " * 2000 + b"%PDF-1.4")
    assert nome_pdf("osservazioni", "x.pdf") == "osservazioni.pdf"
    assert nome_pdf("Memoria.PDF", "x.pdf") == "Memoria.PDF"
    assert nome_pdf("  ", "x.pdf") == "x.pdf"
