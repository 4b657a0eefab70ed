"""The one intake: a receipt verified, read, matched to the sent message, kept write-once
with its SHA-256, recorded once however often it comes, and announced through the outbox."""

import hashlib

import pytest

from notifiche.domain.errori import (
    FirmaNonValidaError,
    InvioNonTrovatoError,
    NonAutorizzataError,
    NonTrovataError,
)
from parcelle_contracts.common import Attore, BlobRef
from parcelle_contracts.comunicazioni import FileRicevutaPec, RegistraRicevutaPec
from parcelle_kit.blob.writes import one_chunk
from parcelle_testing.locali import in_uscita

from ..pec import ORDINE, Banco, altera_daticert, invio, messaggio_pec

SEGRETERIA = Attore(username="segreteria.demo", ruolo="segreteria", ordine=ORDINE)


async def ricevute_file(pec: Banco) -> list[bytes]:
    return [p.read_bytes() for p in sorted((pec.cartella / "ricevute").iterdir())]


async def test_the_simulator_s_receipts_are_kept_and_announced(pec: Banco) -> None:
    messaggio = messaggio_pec()
    await pec.registra_invio(invio(messaggio))
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.attendi()
    eventi = await in_uscita(pec.stores.store)
    assert [e["routing_key"] for e in eventi] == ["notifiche.event.ricevuta_pec_registrata"] * 2
    assert [e["tipo"] for e in eventi] == ["accettazione", "avvenuta-consegna"]
    consegna = eventi[1]
    assert consegna["istanza_id"] == "istanza-1"
    assert consegna["correlation_id"] == "pratica-1"
    assert consegna["destinatario"] == "cliente@pec.example.it"
    assert consegna["simulata"] is True
    assert pec.risvegli == [1, 1]
    file = await pec.ricevute.file(
        FileRicevutaPec(
            correlation_id="c",
            ordine=ORDINE,
            attore=SEGRETERIA,
            ricevuta_id=consegna["ricevuta_id"],
        )
    )
    grezza = await pec.stores.blobs.get(file.blob.key)
    assert grezza == (await ricevute_file(pec))[1]
    assert file.blob.sha256 == hashlib.sha256(grezza).hexdigest()
    assert file.content_type == "message/rfc822"


async def test_a_receipt_arriving_twice_is_kept_once(pec: Banco) -> None:
    messaggio = messaggio_pec()
    await pec.registra_invio(invio(messaggio))
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.attendi()
    accettazione = (await ricevute_file(pec))[0]
    di_nuovo = await pec.ricevute.accogli(accettazione, fonte="imap")
    assert di_nuovo.duplicata
    assert len(await in_uscita(pec.stores.store)) == 2


async def test_a_receipt_of_no_sent_message_is_not_kept(pec: Banco) -> None:
    await pec.trasporto.invia(messaggio_pec())
    await pec.trasporto.chiudi()
    with pytest.raises(InvioNonTrovatoError):
        await pec.ricevute.accogli((await ricevute_file(pec))[0], fonte="imap")
    assert await in_uscita(pec.stores.store) == []


async def test_a_receipt_of_another_ordine_s_message_is_not_found(pec: Banco) -> None:
    messaggio = messaggio_pec()
    await pec.registra_invio(invio(messaggio, ordine="ROMA"))
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.chiudi()
    with pytest.raises(InvioNonTrovatoError):
        await pec.ricevute.accogli((await ricevute_file(pec))[0], fonte="api", ordine=ORDINE)


async def test_a_tampered_receipt_is_refused_and_not_kept(pec: Banco) -> None:
    messaggio = messaggio_pec()
    await pec.registra_invio(invio(messaggio))
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.chiudi()
    consegna = altera_daticert(
        (await ricevute_file(pec))[1], b"<consegna>cliente@", b"<consegna>altro@"
    )
    with pytest.raises(FirmaNonValidaError):
        await pec.ricevute.accogli(consegna, fonte="imap")
    assert await in_uscita(pec.stores.store) == []
    assert not list((pec.cartella.parent.parent / "blobs" / "notifiche").rglob("*.eml*"))


async def test_a_pushed_receipt_is_taken_from_the_transfer_area(pec: Banco) -> None:
    messaggio = messaggio_pec()
    await pec.registra_invio(invio(messaggio))
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.chiudi()
    grezza = (await ricevute_file(pec))[0]
    await pec.stores.transfer.put("uploads/r1", one_chunk(grezza), max_size=len(grezza))
    ref = BlobRef(
        area="transfer",
        key="uploads/r1",
        sha256=hashlib.sha256(grezza).hexdigest(),
        size=len(grezza),
    )
    accolta = await pec.ricevute.registra(
        RegistraRicevutaPec(correlation_id="c", ordine=ORDINE, ricevuta=ref)
    )
    assert accolta.tipo == "accettazione"
    assert not accolta.duplicata
    assert await pec.stores.transfer.stat("uploads/r1") is None


async def test_only_the_secretariat_of_the_ordine_downloads_a_receipt(pec: Banco) -> None:
    messaggio = messaggio_pec()
    await pec.registra_invio(invio(messaggio))
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.attendi()
    ricevuta_id = (await in_uscita(pec.stores.store))[0]["ricevuta_id"]

    def domanda(attore: Attore) -> FileRicevutaPec:
        return FileRicevutaPec(
            correlation_id="c", ordine=attore.ordine, attore=attore, ricevuta_id=ricevuta_id
        )

    altro_ordine = SEGRETERIA.model_copy(update={"ordine": "ROMA"})
    avvocato = SEGRETERIA.model_copy(update={"ruolo": "avvocato"})
    with pytest.raises(NonTrovataError):
        await pec.ricevute.file(domanda(altro_ordine))
    with pytest.raises(NonAutorizzataError):
        await pec.ricevute.file(domanda(avvocato))


async def test_a_mailbox_the_provider_does_not_find_gets_a_non_delivery(pec: Banco) -> None:
    messaggio = messaggio_pec(("cliente@pec.example.it", "inesistente@pec.example.it"))
    await pec.registra_invio(invio(messaggio))
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.attendi()
    eventi = await in_uscita(pec.stores.store)
    assert [(e["tipo"], e["destinatario"]) for e in eventi] == [
        ("accettazione", "cliente@pec.example.it"),
        ("avvenuta-consegna", "cliente@pec.example.it"),
        ("errore-consegna", "inesistente@pec.example.it"),
    ]
    assert eventi[0]["errore"] is None
    assert eventi[2]["errore"].startswith("no-dest - 5.1.1")
    mancata = (await ricevute_file(pec))[2]
    assert b"Subject: SIMULAZIONE AVVISO DI MANCATA CONSEGNA:" in mancata
