"""``/segreteria/posta``: the mail kept by the development sink, newest first, a page at a
time, each readable as text and downloadable as its ``.eml``; not available without the sink.
And the alert of ``/segreteria`` for messages ``notifiche`` could not send."""

import os
from datetime import UTC, datetime
from email.message import EmailMessage
from pathlib import Path

import pytest

from gateway.config import GatewaySettings
from parcelle_contracts.comunicazioni import InvioNonRecapitato
from parcelle_kit import demo

from ...fake_notifiche import FakeNotifiche
from ..pagine import Browser

PDF = b"%PDF-1.7 allegato\x00\x01\x02"


@pytest.fixture
def gateway_settings(tmp_path: Path) -> GatewaySettings:
    return GatewaySettings(
        env="development",
        var_dir=tmp_path / "var",
        store="sqlite",
        blob="filesystem",
        log_format="json",
        posta_locale=tmp_path / "var" / "mail",
    )


def conserva(cartella: Path, nome: str, oggetto: str, a: str, quando: int) -> bytes:
    mail = EmailMessage()
    mail["From"] = "Ordine <segreteria@ordine.example>"
    mail["To"] = a
    mail["Subject"] = oggetto
    mail["Date"] = "Mon, 02 Mar 2026 10:30:00 +0100"
    mail["Message-ID"] = f"<{nome}@ordine.example>"
    mail.set_content(f"Gentile destinatario,\n\ntesto di {oggetto}.\n")
    mail.add_attachment(PDF, maintype="application", subtype="pdf", filename="avvio.pdf")
    dati = bytes(mail)
    percorso = cartella / f"{nome}.eml"
    percorso.parent.mkdir(parents=True, exist_ok=True)
    percorso.write_bytes(dati)
    os.utime(percorso, (quando, quando))
    return dati


async def test_the_kept_mail_is_listed_newest_first_read_and_downloaded(
    segreteria: Browser, gateway_settings: GatewaySettings
) -> None:
    cartella = gateway_settings.posta_locale
    assert cartella is not None
    conserva(cartella, "vecchio", "Ricevuta di deposito", "avv@example.it", 1_000)
    dati = conserva(cartella / "pec", "nuovo", "Avvio <procedimento>", "c@pec.example", 2_000)

    pagina = await segreteria.pagina("/segreteria/posta")
    testo = pagina.testo
    assert testo.index("Avvio <procedimento>") < testo.index("Ricevuta di deposito")
    assert "c@pec.example" in testo
    assert "<procedimento>" not in pagina.html  # escaped

    letto = await segreteria.pagina(pagina.link("Avvio <procedimento>"))
    assert "testo di Avvio <procedimento>." in letto.testo
    assert "avvio.pdf" in letto.testo
    scaricato = await segreteria.get("/segreteria/posta/messaggio/pec/nuovo.eml?scarica=1")
    assert scaricato.status_code == 200
    assert scaricato.content == dati
    assert scaricato.headers["content-type"].startswith("message/rfc822")


async def test_the_list_is_paged(segreteria: Browser, gateway_settings: GatewaySettings) -> None:
    cartella = gateway_settings.posta_locale
    assert cartella is not None
    for i in range(30):
        conserva(cartella, f"m{i:02d}", f"Messaggio {i:02d}", "a@example.it", 1_000 + i)
    prima = await segreteria.pagina("/segreteria/posta")
    assert "Messaggio 29" in prima.testo
    assert "Messaggio 04" not in prima.testo
    seconda = await segreteria.pagina(prima.link("Meno recenti"))
    assert "Messaggio 04" in seconda.testo
    assert "Messaggio 05" not in seconda.testo


async def test_nothing_outside_the_sink_s_directory_is_served(
    segreteria: Browser, gateway_settings: GatewaySettings
) -> None:
    cartella = gateway_settings.posta_locale
    assert cartella is not None
    cartella.mkdir(parents=True)
    (cartella.parent / "segreto.eml").write_bytes(b"Subject: no\n\nno")
    for percorso in ("../segreto.eml", "..%2Fsegreto.eml", "%2e%2e/segreto.eml"):
        risposta = await segreteria.get(f"/segreteria/posta/messaggio/{percorso}")
        assert risposta.status_code == 404


async def test_the_undelivered_messages_are_an_alert_of_the_secretariat(
    segreteria: Browser, notifiche: FakeNotifiche
) -> None:
    notifiche.non_recapitati[demo.ORDINE] = [
        InvioNonRecapitato(
            istanza_id="istanza-1",
            comunicazione_id="c1",
            messaggio="avvio_procedimento",
            canale="pec",
            destinatario="Bianchi S.r.l.",
            indirizzo="bianchi@pec.example",
            protocollo="2026/000123",
            motivo="Il server di posta ha rifiutato il messaggio: 550 5.1.1",
            il=datetime(2026, 3, 2, 9, 30, tzinfo=UTC),
        )
    ]
    pagina = await segreteria.pagina("/segreteria")
    avviso = pagina.testo_di("non-recapitate")
    assert "Comunicazione di avvio del procedimento, prot. n. 2026/000123" in avviso
    assert "Bianchi S.r.l. (PEC bianchi@pec.example)" in avviso
    assert "550 5.1.1" in avviso

    notifiche.muto = True
    assert not (await segreteria.pagina("/segreteria")).ha_id("non-recapitate")


async def test_no_alert_when_everything_was_delivered(segreteria: Browser) -> None:
    assert not (await segreteria.pagina("/segreteria")).ha_id("non-recapitate")
