"""Sending the signed order to the client, in Debian's Chromium against the whole system of
``parcelle up``: a case deposited, acquired and decided (through the API, as other tests walk
those pages), then the demo lawyer, on their case page, sends the order to the client by PEC
and to another obligor by raccomandata A/R; a mistake in the address comes back with what was
typed; the deliveries' status follows by itself from the simulated PEC provider's receipts and
the print-center simulator's steps, whose receipts both download from the case, and the
secretariat sees the same deliveries, the council fee and the mail sent to the lawyer with the
signed order attached."""

import asyncio
import os
from email import policy
from email.parser import BytesParser
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import expect, sync_playwright

from parcelle_kit import demo
from parcelle_testing.avvocato import SAMPLE, token

from .aiuti import accedi, chromium, con_chromium, controlla_accessibilita, deposita_come_avvocato
from .test_segreteria import contesto, finche, lo_scanner_della_stazione

pytestmark = [pytest.mark.browser, con_chromium]
SCHERMATE = os.environ.get("PARCELLE_SCREENSHOTS")


def decidi(base: str, istanza_id: str) -> None:
    """The demo relatore liquidates every item as requested, through the REST API."""
    voci = [
        {"fase": v["fase"], "importo_liquidato": v["importo"], "motivazione": "Congruo"}
        for v in SAMPLE["voci"]
    ]

    async def decide() -> None:
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            relatore = {"Authorization": f"Bearer {await token(http, demo.CONSIGLIERE.username)}"}
            pratica = f"/api/v1/revisione/pratiche/{istanza_id}"
            for _ in range(120):  # revisione hears the acquired case
                if (await http.get(pratica, headers=relatore)).status_code == 200:
                    break
                await asyncio.sleep(0.5)
            corpo: dict[str, Any] = {"esito": "liquidata", "voci": voci}
            decisa = await http.post(f"{pratica}/decisione", json=corpo, headers=relatore)
            assert decisa.status_code == 200, decisa.text

    asyncio.run(decide())


def schermata(page: Any, nome: str) -> None:
    if SCHERMATE:
        Path(SCHERMATE).mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(Path(SCHERMATE) / f"{nome}.png"), full_page=True)


def test_the_lawyer_sends_the_order_to_the_client_and_follows_each_delivery(
    sistema: str, tmp_path: Path
) -> None:
    istanza = deposita_come_avvocato(sistema)
    lo_scanner_della_stazione(sistema, tmp_path / "var", istanza["codice"])
    decidi(sistema, istanza["id"])
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        page = contesto(browser.new_context)
        try:
            accedi(page, sistema, demo.AVVOCATO.username)
            page.goto(f"{sistema}/avvocato/istanze/{istanza['id']}")
            modulo = page.locator("#titolo-invio")
            finche(page, lambda: modulo.count() > 0, secondi=120)  # signed, kept, released
            cliente = page.get_by_label("Nome e cognome o denominazione", exact=True)
            expect(cliente).to_have_value("Mario Rossi")
            altro = "(altro obbligato 1)"
            page.get_by_label(f"Nome e cognome o denominazione {altro}").fill("Anna Verdi")
            page.get_by_label(f"Mezzo di invio {altro}").select_option("raccomandata")
            indirizzo = page.get_by_label(
                f"Indirizzo PEC o e-mail, oppure indirizzo postale su due righe {altro}"
            )
            indirizzo.fill("Via Po 2")  # one line only: not an address a letter can go to
            page.get_by_role("button", name="Invia il provvedimento").click()
            riepilogo = page.locator("#riepilogo-errori")
            expect(riepilogo).to_contain_text("indirizzo postale")
            expect(page.get_by_label(f"Nome e cognome o denominazione {altro}")).to_have_value(
                "Anna Verdi"
            )
            controlla_accessibilita(page, "invio del provvedimento con errori")

            page.get_by_label(
                f"Indirizzo PEC o e-mail, oppure indirizzo postale su due righe {altro}"
            ).fill("Via Po 2\n00198 Roma (RM)")
            page.get_by_role("button", name="Invia il provvedimento").click()
            expect(page.locator("#esito")).to_contain_text("Provvedimento in partenza")
            invii = page.locator("#provvedimento table")
            expect(invii).to_contain_text("Mario Rossi")
            expect(invii).to_contain_text("Anna Verdi")

            def consegnati() -> bool:
                return (
                    page.locator("#provvedimento table")
                    .get_by_text("Consegnata", exact=True)
                    .count()
                    == 2
                )

            finche(page, consegnati, secondi=150)  # PEC receipts; the simulated letter's course
            expect(invii).to_contain_text("Ricevuta di avvenuta consegna PEC (simulata)")
            # The receipts are the lawyer's proof of service: the PEC's delivery receipt as the
            # provider signed it, the letter's scanned return receipt.
            ricevute = invii.get_by_role("link")
            with page.expect_download() as pec:
                ricevute.filter(has_text="avvenuta consegna").first.click()
            assert b"X-Ricevuta: avvenuta-consegna" in Path(pec.value.path()).read_bytes()
            cartoline = ricevute.filter(has_text="ricevimento")
            finche(page, lambda: cartoline.count() == 1, secondi=60)  # comes after delivery
            with page.expect_download() as cartolina:
                cartoline.click()
            assert Path(cartolina.value.path()).read_bytes().startswith(b"%PDF")
            schermata(page, "avvocato-invii")
            controlla_accessibilita(page, "invii del provvedimento")

            segreteria = contesto(browser.new_context)
            accedi(segreteria, sistema, demo.SEGRETERIA.username)
            segreteria.goto(f"{sistema}/segreteria/pratiche/{istanza['id']}/esito")
            expect(segreteria.locator("#provvedimento")).to_contain_text("Diritti di opinamento")
            expect(segreteria.locator("#provvedimento table")).to_contain_text("Anna Verdi")
            with segreteria.expect_download() as ricevuta:
                segreteria.locator("#provvedimento table").get_by_role("link").filter(
                    has_text="avvenuta consegna"
                ).first.click()
            assert b"X-Ricevuta" in Path(ricevuta.value.path()).read_bytes()
            schermata(segreteria, "segreteria-esito")
            controlla_accessibilita(segreteria, "provvedimento, diritti e invii")
        except Exception:
            page.screenshot(path=str(tmp_path / "fallimento.png"), full_page=True)
            raise
        finally:
            browser.close()

    # The lawyer's own mail carries the signed order, kept by the local SMTP sink.
    posta = tmp_path / "var" / "mail"
    allegati = []
    for file in posta.rglob("*.eml"):
        messaggio = BytesParser(policy=policy.default).parsebytes(file.read_bytes())
        destinatario = str(messaggio["To"])
        if any(a and a in destinatario for a in (demo.AVVOCATO.email, demo.AVVOCATO.pec)):
            allegati += [a.get_filename() or "" for a in messaggio.iter_attachments()]
    assert any(nome.startswith("provvedimento") for nome in allegati), allegati
