"""The one intake: a receipt verified, read, matched to the sent message, kept write-once
with its SHA-256, recorded once however often it comes, and announced through the outbox; a
kept receipt's file, for the secretariat and the lawyers its delivery names, not found by
anyone else."""

import hashlib
from dataclasses import replace

import pytest

from notifiche.adapters.archivio_ricevute import ArchivioRicevute
from notifiche.domain.errori import (
    FirmaNonValidaError,
    InvioNonTrovatoError,
    NonTrovataError,
)
from parcelle_contracts.common import Attore, BlobRef
from parcelle_contracts.comunicazioni import FileRicevutaPec, RegistraRicevutaPec
from parcelle_kit.blob.writes import one_chunk
from parcelle_kit.store.ports import Transaction
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


LETTORE = Attore(username="avv.rossi", ruolo="avvocato", ordine=ORDINE)


def domanda(attore: Attore, ricevuta_id: str) -> FileRicevutaPec:
    return FileRicevutaPec(
        correlation_id="c", ordine=attore.ordine, attore=attore, ricevuta_id=ricevuta_id
    )


async def ricevuta_di(pec: Banco, lettori: tuple[str, ...] = ()) -> str:
    """The id of the acceptance receipt of a PEC sent with these ``lettori``."""
    messaggio = messaggio_pec()
    await pec.registra_invio(invio(messaggio, lettori=lettori))
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.attendi()
    ricevuta_id: str = (await in_uscita(pec.stores.store))[0]["ricevuta_id"]
    return ricevuta_id


async def test_the_lawyer_the_delivery_names_downloads_its_receipt(pec: Banco) -> None:
    ricevuta_id = await ricevuta_di(pec, lettori=("avv.bianchi", LETTORE.username))
    file = await pec.ricevute.file(domanda(LETTORE, ricevuta_id))
    assert file == await pec.ricevute.file(domanda(SEGRETERIA, ricevuta_id))
    grezza = await pec.stores.blobs.get(file.blob.key)
    assert grezza == (await ricevute_file(pec))[0]
    assert file.nome_file == f"ricevuta-pec-accettazione-{ricevuta_id}.eml"


async def test_whoever_else_asks_for_a_receipt_finds_none(pec: Banco) -> None:
    ricevuta_id = await ricevuta_di(pec, lettori=(LETTORE.username,))
    estranei = [
        LETTORE.model_copy(update={"username": "avv.verdi"}),
        LETTORE.model_copy(update={"ordine": "ROMA"}),
        LETTORE.model_copy(update={"ruolo": "consigliere"}),
        SEGRETERIA.model_copy(update={"ordine": "ROMA"}),
    ]
    for attore in estranei:
        with pytest.raises(NonTrovataError) as rifiuto:
            await pec.ricevute.file(domanda(attore, ricevuta_id))
        assert rifiuto.value.messaggio == "La ricevuta non esiste."
    with pytest.raises(NonTrovataError):
        await pec.ricevute.file(domanda(SEGRETERIA, "ricevuta-inesistente"))
    assert await pec.ricevute.file(domanda(SEGRETERIA, ricevuta_id))


async def test_a_delivery_that_names_no_readers_is_for_the_secretariat_only(pec: Banco) -> None:
    ricevuta_id = await ricevuta_di(pec)
    with pytest.raises(NonTrovataError):
        await pec.ricevute.file(domanda(LETTORE, ricevuta_id))
    assert await pec.ricevute.file(domanda(SEGRETERIA, ricevuta_id))


async def test_a_receipt_matched_to_no_delivery_is_for_the_secretariat_only(pec: Banco) -> None:
    ricevuta_id = await ricevuta_di(pec, lettori=(LETTORE.username,))

    async def orfana(tx: Transaction) -> str:
        ricevute = ArchivioRicevute(tx)
        ricevuta = await ricevute.leggi(ricevuta_id)
        assert ricevuta is not None
        copia = replace(
            ricevuta, ricevuta_id="orfana", chiave="orfana", message_id_mail="<nessuno@x.example>"
        )
        await ricevute.registra(copia)
        return copia.ricevuta_id

    orfana_id = await pec.stores.store.run(orfana)
    with pytest.raises(NonTrovataError):
        await pec.ricevute.file(domanda(LETTORE, orfana_id))
    assert await pec.ricevute.file(domanda(SEGRETERIA, orfana_id))
    assert await pec.ricevute.file(domanda(LETTORE, ricevuta_id))


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
