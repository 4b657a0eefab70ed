"""Reading PEC receipts from their real format: examples written as providers write them, and
properties over receipts of any content, over any bytes and over damaged ones."""

from datetime import UTC, datetime, timedelta, timezone
from email.message import EmailMessage

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from notifiche.domain.errori import RicevutaNonValidaError
from notifiche.domain.ricevute import (
    ERRORI,
    TIPI,
    Destinatario,
    RicevutaPec,
    leggi_daticert,
    leggi_ricevuta,
    normalizza_msgid,
    scrivi_daticert,
)

DATICERT = b"""<?xml version="1.0" encoding="UTF-8"?>
<postacert tipo="avvenuta-consegna" errore="nessuno">
  <intestazione>
    <mittente>segreteria@pec.ordine-demo.example.it</mittente>
    <destinatari tipo="certificato">cliente@pec.example.it</destinatari>
    <risposte>segreteria@pec.ordine-demo.example.it</risposte>
    <oggetto>Avvio del procedimento</oggetto>
  </intestazione>
  <dati>
    <gestore-emittente>Gestore PEC S.p.A.</gestore-emittente>
    <data zona="+0100">
      <giorno>02/03/2026</giorno>
      <ora>11:30:05</ora>
    </data>
    <identificativo>opec21012.20260302113005.12345.01.1.6@pec.gestore.example</identificativo>
    <msgid>&lt;177.1.parcelle@parcelle.example.it&gt;</msgid>
    <ricevuta tipo="completa" />
    <consegna>cliente@pec.example.it</consegna>
  </dati>
</postacert>
"""


def contenuto(daticert: bytes, *, originale: bytes | None = None) -> bytes:
    """A receipt's signed content as providers lay it out: the text (plain and HTML), then the
    original (``postacert.eml``), then ``daticert.xml``."""
    messaggio = EmailMessage()
    messaggio.set_content("Ricevuta di avvenuta consegna\nIl giorno 02/03/2026 ...")
    messaggio.add_alternative("<p>Ricevuta di avvenuta consegna</p>", subtype="html")
    messaggio.make_mixed()
    if originale is not None:
        allegato = EmailMessage()
        allegato.set_payload(originale.decode("ascii", "surrogateescape"))
        allegato["Content-Type"] = "message/rfc822"
        allegato["Content-Disposition"] = 'attachment; filename="postacert.eml"'
        messaggio.attach(allegato)
    dati = EmailMessage()
    dati.set_content(
        daticert,
        maintype="application",
        subtype="xml",
        disposition="attachment",
        filename="daticert.xml",
    )
    messaggio.attach(dati)
    return messaggio.as_bytes()


def test_a_complete_delivery_receipt_says_what_it_certifies() -> None:
    originale = b"Message-ID: <177.1.parcelle@parcelle.example.it>\r\nSubject: x\r\n\r\nTesto\r\n"
    ricevuta = leggi_ricevuta(contenuto(DATICERT, originale=originale))
    assert ricevuta.tipo == "avvenuta-consegna"
    assert ricevuta.errore == "nessuno"
    assert ricevuta.msgid == "<177.1.parcelle@parcelle.example.it>"
    assert ricevuta.consegna == "cliente@pec.example.it"
    assert ricevuta.ricevuta == "completa"
    assert ricevuta.destinatari == (Destinatario("cliente@pec.example.it", "certificato"),)
    assert ricevuta.data == datetime(2026, 3, 2, 10, 30, 5, tzinfo=UTC)
    assert ricevuta.data.utcoffset() == timedelta(hours=1)
    assert ricevuta.con_originale
    assert not ricevuta.simulata
    assert ricevuta.chiave.endswith("|avvenuta-consegna|cliente@pec.example.it")


def test_the_original_s_own_daticert_is_not_taken_for_the_receipt_s() -> None:
    altro = DATICERT.replace(b"177.1.parcelle", b"altro-messaggio")
    originale = EmailMessage()
    originale["Message-ID"] = "<inoltrata@example.it>"
    originale.set_content("Una PEC inoltrata")
    originale.add_attachment(altro, maintype="application", subtype="xml", filename="daticert.xml")
    ricevuta = leggi_ricevuta(contenuto(DATICERT, originale=originale.as_bytes()))
    assert ricevuta.msgid == "<177.1.parcelle@parcelle.example.it>"


@pytest.mark.parametrize(
    ("daticert", "motivo"),
    [
        (DATICERT.replace(b'tipo="avvenuta-consegna"', b'tipo="posta-certificata"'), "non è una"),
        (DATICERT.replace(b'tipo="avvenuta-consegna"', b'tipo="presa-in-carico"'), "non è una"),
        (DATICERT.replace(b'tipo="avvenuta-consegna"', b'tipo="consegnata"'), "sconosciuto"),
        (DATICERT.replace(b'errore="nessuno"', b'errore="boh"'), "errore sconosciuto"),
        (DATICERT.replace(b"<msgid>", b"<x>").replace(b"</msgid>", b"</x>"), "manca msgid"),
        (DATICERT.replace(b"02/03/2026", b"31/02/2026"), "data o ora"),
        (DATICERT.replace(b'zona="+0100"', b'zona="ora legale"'), "zona"),
        (DATICERT.replace(b"</postacert>", b""), "ben formato"),
        (
            b'<?xml version="1.0"?><!DOCTYPE p [<!ENTITY a "aaaa">]><postacert tipo="x">'
            b"&a;</postacert>",
            "entità",
        ),
    ],
)
def test_what_is_not_a_receipt_is_refused_with_its_reason(daticert: bytes, motivo: str) -> None:
    with pytest.raises(RicevutaNonValidaError, match=motivo):
        leggi_ricevuta(contenuto(daticert))


def test_a_message_without_daticert_is_not_a_receipt() -> None:
    messaggio = EmailMessage()
    messaggio.set_content("Buongiorno")
    with pytest.raises(RicevutaNonValidaError, match=r"manca daticert\.xml"):
        leggi_ricevuta(messaggio.as_bytes())


def test_a_message_id_is_read_with_or_without_its_brackets() -> None:
    assert normalizza_msgid(" abc@x ") == normalizza_msgid("<abc@x>") == "<abc@x>"


testi = st.text(
    st.characters(categories=("L", "N", "P", "S", "Zs"), exclude_characters="\x85"),
    min_size=1,
    max_size=40,
).filter(lambda s: s == s.strip() and bool(s))
zone = st.integers(min_value=-719, max_value=839).map(lambda m: timezone(timedelta(minutes=m)))
date = st.builds(
    lambda d, z: d.replace(tzinfo=z),
    st.datetimes(min_value=datetime(2000, 1, 1), max_value=datetime(2099, 12, 31)).map(
        lambda d: d.replace(microsecond=0)
    ),
    zone,
)
ricevute = st.builds(
    RicevutaPec,
    tipo=st.sampled_from(TIPI),
    errore=st.sampled_from(ERRORI),
    mittente=testi,
    destinatari=st.lists(
        st.builds(Destinatario, indirizzo=testi, tipo=st.sampled_from(("certificato", "esterno"))),
        max_size=3,
    ).map(tuple),
    risposte=testi,
    oggetto=testi,
    gestore=testi,
    data=date,
    identificativo=testi,
    msgid=testi.map(normalizza_msgid),
    ricevuta=st.none() | st.sampled_from(("completa", "breve", "sintetica")),
    consegna=st.none() | testi,
    errore_esteso=st.none() | testi,
)


@given(ricevute)
@settings(max_examples=150, suppress_health_check=[HealthCheck.too_slow])
def test_every_receipt_written_to_the_rules_reads_back_the_same(ricevuta: RicevutaPec) -> None:
    letta = leggi_ricevuta(contenuto(scrivi_daticert(ricevuta)))
    assert letta == ricevuta
    assert letta.data.utcoffset() == ricevuta.data.utcoffset()


@given(st.binary(max_size=2000))
def test_any_bytes_are_read_or_refused_never_a_crash(dati: bytes) -> None:
    motivo = "letta"
    try:
        leggi_ricevuta(dati)
    except RicevutaNonValidaError as errore:
        motivo = errore.motivo
    assert motivo


@given(st.binary(max_size=2000))
def test_any_xml_is_read_or_refused_never_a_crash(dati: bytes) -> None:
    motivo = "letta"
    try:
        leggi_daticert(dati)
    except RicevutaNonValidaError as errore:
        motivo = errore.motivo
    assert motivo


@given(st.data())
def test_a_damaged_receipt_is_read_or_refused_never_a_crash(data: st.DataObject) -> None:
    originale = bytearray(contenuto(DATICERT))
    for _ in range(data.draw(st.integers(1, 8))):
        posizione = data.draw(st.integers(0, len(originale) - 1))
        azione = data.draw(st.sampled_from(("cambia", "togli", "tronca")))
        if azione == "cambia":
            originale[posizione] = data.draw(st.integers(0, 255))
        elif azione == "togli":
            del originale[posizione]
        else:
            del originale[posizione:]
        if not originale:
            break
    try:
        ricevuta = leggi_ricevuta(bytes(originale))
    except RicevutaNonValidaError:
        return
    assert ricevuta.tipo in TIPI
