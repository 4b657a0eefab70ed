"""Receipts read from a real IMAP server (dovecot): the Ordine's mailbox holds receipts put
there by IMAP APPEND; `notifiche` reads them, verifies, matches, keeps and announces them;
kept receipts move to the archive folder, refused ones (tampered, not a receipt) get a keyword
and stay in the inbox unread; a receipt of a message not recorded yet waits; none is read
twice."""

import imaplib
import re
import time

import pytest

from notifiche.adapters.casella_imap import ARCHIVIO, SCARTATA
from notifiche.handlers.caselle import Giro, leggi_casella
from parcelle_contracts.ordini import ImpostazioniOrdine, ImpostazioniPosta
from parcelle_testing.locali import in_uscita

from ..pec import ORDINE, Banco, altera_daticert, invio, messaggio_pec
from .dovecot import Dovecot

pytestmark = pytest.mark.integration


def imap(server: Dovecot) -> imaplib.IMAP4:
    client = imaplib.IMAP4(server.host, server.porta)
    client.login(server.utente, server.password)
    return client


def metti(server: Dovecot, *messaggi: bytes) -> None:
    client = imap(server)
    for messaggio in messaggi:
        assert (
            client.append("INBOX", None, imaplib.Time2Internaldate(time.time()), messaggio)[0]
            == "OK"
        )
    client.logout()


def cartella(server: Dovecot, nome: str) -> list[tuple[bytes, bytes]]:
    """(flags, Message-ID header line) of each message in ``nome``."""
    client = imap(server)
    client.select(f'"{nome}"', readonly=True)
    _, dati = client.uid("FETCH", "1:*", "(FLAGS BODY.PEEK[HEADER.FIELDS (MESSAGE-ID)])")
    client.logout()
    return [
        (re.search(rb"FLAGS \(([^)]*)\)", p[0]).group(1), p[1].strip())  # type: ignore[union-attr]
        for p in dati
        if isinstance(p, tuple)
    ]


@pytest.fixture
def casella(pec: Banco, dovecot: Dovecot) -> Dovecot:
    pec.chiavi["PEC_DEMO"] = dovecot.password
    pec.impostazioni[ORDINE] = ImpostazioniOrdine(
        codice=ORDINE,
        posta=ImpostazioniPosta(
            pec_imap_host=dovecot.host,
            pec_imap_porta=dovecot.porta,
            pec_utente=dovecot.utente,
            pec_segreto="PEC_DEMO",
        ),
    )
    return dovecot


async def ricevute_di(pec: Banco) -> list[bytes]:
    return [p.read_bytes() for p in sorted((pec.cartella / "ricevute").iterdir())]


async def test_receipts_in_the_mailbox_are_read_once_and_kept(pec: Banco, casella: Dovecot) -> None:
    messaggio = messaggio_pec()
    await pec.registra_invio(invio(messaggio))
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.chiudi()  # its receipts reach the intake through the mailbox only
    accettazione, consegna = await ricevute_di(pec)
    contraffatta = altera_daticert(consegna, b"<consegna>cliente@", b"<consegna>altro@")
    posta_ordinaria = b"Message-ID: <ordinaria@example.it>\r\nSubject: Buongiorno\r\n\r\nTesto\r\n"
    metti(casella, accettazione, consegna, contraffatta, posta_ordinaria)

    assert await leggi_casella(pec.ricevute, ORDINE) == Giro(archiviate=2, scartate=2)

    eventi = await in_uscita(pec.stores.store)
    assert [e["tipo"] for e in eventi] == ["accettazione", "avvenuta-consegna"]
    assert {e["destinatario"] for e in eventi} == {"cliente@pec.example.it"}
    rimaste = cartella(casella, "INBOX")
    assert len(rimaste) == 2
    assert all(SCARTATA.encode() in flags and b"\\Seen" not in flags for flags, _ in rimaste)
    assert b"ordinaria@example.it" in b"".join(m for _, m in rimaste)
    assert len(cartella(casella, ARCHIVIO)) == 2

    assert await leggi_casella(pec.ricevute, ORDINE) == Giro()
    assert len(await in_uscita(pec.stores.store)) == 2


async def test_a_receipt_overtaking_its_message_s_record_waits_for_it(
    pec: Banco, casella: Dovecot
) -> None:
    messaggio = messaggio_pec()
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.chiudi()
    accettazione, _ = await ricevute_di(pec)
    metti(casella, accettazione)

    assert await leggi_casella(pec.ricevute, ORDINE) == Giro(rimaste=1)
    assert cartella(casella, "INBOX")[0][0] == b""  # untouched: read again next round

    await pec.registra_invio(invio(messaggio))
    assert await leggi_casella(pec.ricevute, ORDINE) == Giro(archiviate=1)
    assert [e["tipo"] for e in await in_uscita(pec.stores.store)] == ["accettazione"]


async def test_an_ordine_without_a_mailbox_is_skipped(pec: Banco) -> None:
    assert await leggi_casella(pec.ricevute, ORDINE) == Giro()
