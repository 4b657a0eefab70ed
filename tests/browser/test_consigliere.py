"""The councillor's review in Debian's Chromium against the whole system started by
``parcelle up``: the demo lawyer deposits through the REST API, the demo scanner station
acquires, the demo relatore opens the case, sees each item beside its DM 147/2022 range, lowers
an amount without a reason (the error summary takes the focus and names the phase), gives the
reason and decides; the totals appear and the signed order downloads; the lawyer then finds the
order and the council fee due on their case page."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import expect, sync_playwright

from parcelle_kit import demo

from .aiuti import accedi, chromium, con_chromium, controlla_accessibilita, deposita_come_avvocato
from .test_segreteria import contesto, finche, lo_scanner_della_stazione

pytestmark = [pytest.mark.browser, con_chromium]


def test_the_relatore_decides_through_the_page_and_the_lawyer_downloads_the_order(
    sistema: str, tmp_path: Path
) -> None:
    istanza = deposita_come_avvocato(sistema)
    acquisita = lo_scanner_della_stazione(sistema, tmp_path / "var", istanza["codice"])
    protocollo = acquisita["protocollo"]
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        page = contesto(browser.new_context)
        try:
            accedi(page, sistema, demo.CONSIGLIERE.username)
            riga = page.get_by_role("row").filter(has_text=protocollo)
            riga.get_by_role("link", name=protocollo).click()
            modulo = page.locator("#decidi")
            finche(page, lambda: modulo.count() > 0, secondi=60)  # revisione hears the case
            tabella = page.locator("#voci-richieste")
            expect(tabella).to_contain_text("Fase di studio della controversia")
            expect(tabella).to_contain_text("1.701,00")
            controlla_accessibilita(page, "pratica da decidere")

            studio = page.get_by_label("Fase di studio della controversia: importo liquidato")
            avviso = page.locator("#avviso-parametri-0")
            expect(avviso).to_be_hidden()
            studio.fill("100,00")  # below the minimum: warned while typing
            expect(avviso).to_be_visible()
            studio.fill("1.701,00")
            expect(avviso).to_be_hidden()

            importo = page.get_by_label("Fase decisionale: importo liquidato")
            importo.fill("2.500,00")
            page.get_by_role(
                "button", name="Registra la decisione e firma il provvedimento"
            ).click()
            riepilogo = page.locator("#riepilogo-errori")
            expect(riepilogo).to_be_focused()
            expect(riepilogo).to_contain_text("Fase decisionale: motivazione")
            expect(importo).to_have_value("2.500,00")
            controlla_accessibilita(page, "decisione con errori")

            page.get_by_label(re.compile(r"^Fase decisionale: motivazione")).fill(
                "Fase decisionale di breve durata."
            )
            page.get_by_role(
                "button", name="Registra la decisione e firma il provvedimento"
            ).click()
            expect(page.locator("#esito")).to_contain_text("Decisione registrata")
            expect(page.locator("#totali")).to_contain_text("7.211,00")
            link = page.get_by_role("link", name="Scarica il provvedimento firmato (PDF)")
            finche(page, lambda: link.count() > 0, secondi=120)  # rendered, signed, kept
            controlla_accessibilita(page, "pratica decisa")
            with page.expect_download() as scaricato:
                link.click()
            salvato = tmp_path / "provvedimento.pdf"
            scaricato.value.save_as(salvato)
            assert salvato.read_bytes().startswith(b"%PDF")

            avvocato = contesto(browser.new_context)
            accedi(avvocato, sistema, demo.AVVOCATO.username)
            avvocato.goto(f"{sistema}/avvocato/istanze/{istanza['id']}")
            sezione = avvocato.locator("#provvedimento")
            finche(avvocato, lambda: sezione.count() > 0, secondi=60)
            expect(sezione).to_contain_text("Diritti di opinamento")
            with avvocato.expect_download() as dell_avvocato:
                sezione.get_by_role("link", name="Scarica il provvedimento firmato (PDF)").click()
            copia = tmp_path / "copia.pdf"
            dell_avvocato.value.save_as(copia)
            assert copia.read_bytes() == salvato.read_bytes()
            controlla_accessibilita(avvocato, "istanza con provvedimento")
        except Exception:
            page.screenshot(path=str(tmp_path / "fallimento.png"), full_page=True)
            raise
        finally:
            browser.close()
