"""The provider's signature, checked by OpenSSL against the trusted CAs only: a receipt of the
simulated provider verifies and gives back exactly what was signed; a changed byte, another
provider's signature or no signature at all does not count."""

from email.message import EmailMessage
from pathlib import Path

import pytest

from notifiche.adapters.firma_smime import VerificaSmime
from notifiche.adapters.pki_simulata import pki_simulata
from notifiche.domain.errori import FirmaNonValidaError
from notifiche.domain.ricevute import leggi_ricevuta

from ..pec import Banco, altera_daticert, messaggio_pec


async def ricevute_di(pec: Banco) -> list[bytes]:
    await pec.trasporto.invia(messaggio_pec())
    await pec.trasporto.chiudi()  # nothing matches them here: keep the files only
    return [p.read_bytes() for p in sorted((pec.cartella / "ricevute").iterdir())]


async def test_a_receipt_of_a_trusted_provider_verifies(pec: Banco) -> None:
    accettazione, consegna = await ricevute_di(pec)
    verifica = VerificaSmime(pec.gestore.ca)
    assert leggi_ricevuta(await verifica.verifica(accettazione)).tipo == "accettazione"
    letta = leggi_ricevuta(await verifica.verifica(consegna))
    assert letta.tipo == "avvenuta-consegna"
    assert letta.simulata


async def test_a_changed_byte_breaks_the_signature(pec: Banco) -> None:
    _, consegna = await ricevute_di(pec)
    alterata = altera_daticert(consegna, b"cliente@pec.example.it</consegna>", b"x@y.it</consegna>")
    with pytest.raises(FirmaNonValidaError, match="alterato"):
        await VerificaSmime(pec.gestore.ca).verifica(alterata)


async def test_another_provider_s_signature_does_not_count(pec: Banco, tmp_path: Path) -> None:
    accettazione, _ = await ricevute_di(pec)
    estraneo = pki_simulata(tmp_path / "altra-pki", "Gestore sconosciuto")
    with pytest.raises(FirmaNonValidaError, match="fiducia"):
        await VerificaSmime(estraneo.ca).verifica(accettazione)


async def test_an_unsigned_message_does_not_count(pec: Banco) -> None:
    messaggio = EmailMessage()
    messaggio.set_content("ACCETTAZIONE")
    with pytest.raises(FirmaNonValidaError, match="non è firmato"):
        await VerificaSmime(pec.gestore.ca).verifica(messaggio.as_bytes())


async def test_without_trusted_cas_nothing_counts(pec: Banco, tmp_path: Path) -> None:
    accettazione, _ = await ricevute_di(pec)
    with pytest.raises(FirmaNonValidaError, match="nessuna autorità"):
        await VerificaSmime(tmp_path / "assente.pem").verifica(accettazione)


async def test_the_headers_outside_the_signature_are_not_what_is_read(pec: Banco) -> None:
    accettazione, _ = await ricevute_di(pec)
    cambiata = accettazione.replace(b"X-Ricevuta: accettazione", b"X-Ricevuta: avvenuta-consegna")
    assert cambiata != accettazione
    letta = leggi_ricevuta(await VerificaSmime(pec.gestore.ca).verifica(cambiata))
    assert letta.tipo == "accettazione"
