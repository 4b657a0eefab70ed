"""The simulated PEC provider: every message and receipt kept as .eml (the message byte for
byte as sent, the original in the delivery receipt with its attachment intact), the receipts
in the real format and marked SIMULAZIONE."""

from email import message_from_bytes, policy
from email.message import EmailMessage

from ..pec import PDF, Banco, messaggio_pec


async def test_message_and_receipts_are_kept_as_eml(pec: Banco) -> None:
    messaggio = messaggio_pec(("a@pec.example.it", "b@pec.example.it"))
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.chiudi()
    (inviato,) = (pec.cartella / "inviati").iterdir()
    assert inviato.read_bytes() == messaggio.as_bytes(policy=policy.SMTP)
    ricevute = [p.read_bytes() for p in sorted((pec.cartella / "ricevute").iterdir())]
    assert len(ricevute) == 3  # acceptance, then a delivery for each recipient
    tipi = [message_from_bytes(r, policy=policy.default)["X-Ricevuta"] for r in ricevute]
    assert tipi == ["accettazione", "avvenuta-consegna", "avvenuta-consegna"]
    for grezza in ricevute:
        letta = message_from_bytes(grezza, policy=policy.default)
        assert "SIMULAZIONE" in str(letta["X-Simulazione"])
        assert str(letta["Subject"]).startswith("SIMULAZIONE")
        assert letta.get_content_type() == "multipart/signed"
        assert b"SIMULAZIONE - Messaggio emesso dal gestore PEC simulato" in grezza
        assert letta["X-Riferimento-Message-ID"] == messaggio["Message-ID"]


async def test_the_original_travels_byte_for_byte_in_the_delivery_receipt(pec: Banco) -> None:
    messaggio = messaggio_pec()
    await pec.trasporto.invia(messaggio)
    await pec.trasporto.chiudi()
    consegna = sorted((pec.cartella / "ricevute").iterdir())[1].read_bytes()
    assert messaggio.as_bytes(policy=policy.SMTP) in consegna
    firmato = message_from_bytes(consegna, policy=policy.default)
    contenuto = next(firmato.iter_parts())
    assert isinstance(contenuto, EmailMessage)
    (postacert,) = [p for p in contenuto.iter_parts() if p.get_filename() == "postacert.eml"]
    originale = next(postacert.iter_parts())
    assert isinstance(originale, EmailMessage)
    (allegato,) = originale.iter_attachments()
    assert allegato.get_content() == PDF
