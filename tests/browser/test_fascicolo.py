"""The case file in front of the staff, in Debian's Chromium against the whole system started
by ``parcelle up``: the demo lawyer deposits (signed with the demo certificate, with the fee
note and the proof of sending it); the clerk scans the code and the case page shows every
document with its SHA-256 and the signature as verified, and the amounts per phase; the notice
of start of proceedings appears without reloading the page; the relatore sees the same file,
decides, and the signed order's download appears without reloading either.

With ``PARCELLE_SCREENSHOTS=<dir>`` the test leaves full-page screenshots of both case pages
there, to look at.
"""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from parcelle_kit import demo

from .aiuti import (
    accedi,
    chromium,
    con_chromium,
    controlla_accessibilita,
    deposita_come_avvocato,
    scansiona,
)
from .test_segreteria import contesto, finche

pytestmark = [pytest.mark.browser, con_chromium]
FIRMATARIO = f"{demo.AVVOCATO.nome} {demo.AVVOCATO.cognome}"
SEGNO = "() => { window.parcelleNonRicaricata = true; }"
NON_RICARICATA = "() => window.parcelleNonRicaricata === true"


def fotografa(page: Page, nome: str) -> None:
    cartella = os.environ.get("PARCELLE_SCREENSHOTS")
    if cartella:
        page.screenshot(path=str(Path(cartella) / f"{nome}.png"), full_page=True)


def controlla_il_fascicolo(page: Page) -> None:
    fascicolo = page.locator("#fascicolo")
    for documento in (
        "Istanza firmata digitalmente",
        "Istanza (PDF generato da Parcelle)",
        "Ricevuta di deposito",
        "Parcella (notula)",
        "Prova dell'invio della parcella al cliente",
    ):
        expect(fascicolo.get_by_role("row").filter(has_text=documento)).to_have_count(1)
    firmata = fascicolo.get_by_role("row").filter(has_text="Istanza firmata digitalmente")
    expect(firmata).to_contain_text("valida")
    expect(firmata).to_contain_text(f"{FIRMATARIO} (C.F.")
    expect(firmata).to_contain_text("Firmata il")
    expect(firmata.locator(".parcelle-impronta")).to_have_text(re.compile(r"^[0-9a-f]{64}$"))
    expect(page.locator("#importi, #voci-richieste").first).to_contain_text(
        "Fase di studio della controversia"
    )


def test_the_staff_see_the_whole_file_and_what_is_prepared_appears_by_itself(
    sistema: str, tmp_path: Path
) -> None:
    istanza = deposita_come_avvocato(sistema)
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        page = contesto(browser.new_context)
        try:
            accedi(page, sistema, demo.SEGRETERIA.username)
            scansiona(page, istanza["codice"])
            expect(page.locator("#esito")).to_contain_text("Istanza acquisita")
            # The heading comes before the scan field, which keeps the focus.
            ordine = page.evaluate(
                "() => [...document.querySelectorAll('h1, #scansione')].map(e => e.tagName)"
            )
            assert ordine == ["H1", "FORM"], ordine
            expect(page.get_by_label("Codice dell'istanza")).to_be_focused()

            # The notice is being prepared: the section says it will appear, and it does,
            # without reloading the page.
            comunicazioni = page.locator("#comunicazioni")
            expect(comunicazioni.get_by_text("comparirà qui appena è pronta")).to_be_visible()
            expect(comunicazioni.get_by_text("ricarica la pagina")).to_be_hidden()
            page.evaluate(SEGNO)
            avviso = comunicazioni.get_by_role("link", name="Comunicazione di avvio", exact=False)
            expect(avviso.first).to_be_visible(timeout=60_000)
            assert page.evaluate(NON_RICARICATA)
            expect(page.get_by_label("Codice dell'istanza")).to_be_focused()

            controlla_il_fascicolo(page)
            importi = page.locator("#importi")
            expect(importi).to_contain_text("Fase decisionale")
            expect(importi).to_contain_text("Totale richiesto")
            with page.expect_download() as scaricato:
                page.get_by_role("link", name="Scarica Parcella (notula)", exact=False).click()
            salvato = tmp_path / "parcella.pdf"
            scaricato.value.save_as(salvato)
            assert salvato.read_bytes().startswith(b"%PDF")
            indirizzo = page.get_by_role(
                "link", name="Apri Istanza firmata digitalmente", exact=False
            ).get_attribute("href")
            assert indirizzo is not None
            aperto = page.request.get(sistema + indirizzo)
            assert aperto.headers["content-disposition"].startswith("inline")
            controlla_accessibilita(page, "pratica con il fascicolo")
            fotografa(page, "segreteria-pratica")

            relatore = contesto(browser.new_context)
            accedi(relatore, sistema, demo.CONSIGLIERE.username)
            relatore.goto(f"{sistema}/consigliere/pratiche/{istanza['id']}")
            modulo = relatore.locator("#decidi")
            finche(relatore, lambda: modulo.count() > 0, secondi=60)  # revisione hears it
            controlla_il_fascicolo(relatore)
            controlla_accessibilita(relatore, "pratica del relatore con il fascicolo")
            fotografa(relatore, "consigliere-pratica")

            relatore.get_by_role(
                "button", name="Registra la decisione e firma il provvedimento"
            ).click()
            expect(relatore.locator("#esito")).to_contain_text("Decisione registrata")
            relatore.evaluate(SEGNO)
            scarica = relatore.get_by_role("link", name="Scarica il provvedimento firmato (PDF)")
            expect(scarica).to_be_visible(timeout=120_000)  # signed, kept, and shown by itself
            assert relatore.evaluate(NON_RICARICATA)
            fotografa(relatore, "consigliere-decisa")

            # The clerk's case page links the signed order too.
            page.reload()
            ordine_firmato = (
                page.locator("#fascicolo")
                .get_by_role("row")
                .filter(has_text="Provvedimento firmato")
            )
            finche(page, lambda: ordine_firmato.count() > 0, secondi=60)
            with page.expect_download() as provvedimento:
                ordine_firmato.get_by_role("link", name="Scarica", exact=False).click()
            copia = tmp_path / "provvedimento.pdf"
            provvedimento.value.save_as(copia)
            assert copia.read_bytes().startswith(b"%PDF")
            fotografa(page, "segreteria-decisa")
        except Exception:
            page.screenshot(path=str(tmp_path / "fallimento.png"), full_page=True)
            raise
        finally:
            browser.close()
