"""The secretariat's area in Debian's Chromium against the whole system started by
``parcelle up``: the demo lawyer deposits two applications through the REST API; the demo
scanner station acquires one (``POST /api/v1/scanner/eventi`` with the key in
``var/demo/stazione.key``); the demo clerk logs in and, as a 2D scanner gun does, types the
other's code and Enter into the scan field: the case opens acquired, with its protocol number
and relatore; scanning it again opens it and says so; a forged code gets the red banner; the
notice of start of proceedings can be downloaded; the lawyer then sees the case acquired, and
the relatore finds it among the cases assigned to them.

The time from Enter to the case page (first paint, and DOMContentLoaded) is recorded as the
test's properties ``invio_pagina_ms``/``invio_dcl_ms`` and written on standard error: a figure
to read (``pytest -rP``), never an assertion.
"""

import json
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import BrowserContext, Page, expect, sync_playwright

from parcelle_kit import demo
from parcelle_testing.codici import forgiato

from .aiuti import (
    accedi,
    chromium,
    con_chromium,
    controlla_accessibilita,
    deposita_come_avvocato,
    scansiona,
)

pytestmark = [pytest.mark.browser, con_chromium]
PROTOCOLLO = re.compile(r"\b20\d\d/\d{6}\b")
RELATORE = f"{demo.CONSIGLIERE.nome} {demo.CONSIGLIERE.cognome}"


def finche(page: Page, condizione: Callable[[], bool], secondi: float = 30) -> None:
    """Reload the page until ``condizione`` holds (what other services do arrives later)."""
    limite = time.monotonic() + secondi
    while not condizione():
        assert time.monotonic() < limite, f"not within {secondi} s: {page.url}"
        time.sleep(0.5)
        page.reload()


def lo_scanner_della_stazione(base: str, var_dir: Path, codice: str) -> dict[str, str]:
    chiave = (demo.directory(var_dir) / "stazione.key").read_text().strip()
    letto = {"codice": codice, "letto_il": "2026-03-02T09:15:30+01:00"}
    with httpx.Client(base_url=base, timeout=30) as http:
        senza = http.post("/api/v1/scanner/eventi", json=letto)
        assert senza.status_code == 401
        risposta = http.post(
            "/api/v1/scanner/eventi", headers={"X-Station-Key": chiave}, json=letto
        )
    assert risposta.status_code == 202, risposta.text
    corpo: dict[str, str] = risposta.json()
    return corpo


def contesto(browser_ctx: Callable[..., BrowserContext]) -> Page:
    page = browser_ctx(
        viewport={"width": 1280, "height": 900},
        locale="it-IT",
        timezone_id="Europe/Rome",
        accept_downloads=True,
        bypass_csp=True,  # only so that the test can inject axe-core
    ).new_page()
    page.set_default_timeout(20_000)
    return page


def scenario(base: str, var_dir: Path, cartella: Path) -> dict[str, float | None]:
    primo = deposita_come_avvocato(base)
    secondo = deposita_come_avvocato(base)
    codice = primo["codice"]

    dalla_stazione = lo_scanner_della_stazione(base, var_dir, secondo["codice"])
    assert dalla_stazione["esito"] == "acquisita"
    assert dalla_stazione["istanza_id"] == secondo["id"]
    assert PROTOCOLLO.fullmatch(dalla_stazione["protocollo"] or "")
    assert dalla_stazione["relatore"] == demo.CONSIGLIERE.username

    with sync_playwright() as playwright:
        browser = chromium(playwright)
        page = contesto(browser.new_context)
        errori_console: list[str] = []
        page.on("console", lambda m: errori_console.append(m.text) if m.type == "error" else None)
        try:
            accedi(page, base, demo.SEGRETERIA.username)
            scansione = page.get_by_label("Codice dell'istanza")
            expect(scansione).to_be_focused()
            attesa = page.get_by_role("row").filter(has_text=codice)
            expect(attesa).to_contain_text("Firma digitale")
            expect(page.get_by_role("row").filter(has_text=secondo["codice"])).to_have_count(0)
            controlla_accessibilita(page, "istanze da acquisire")

            # The scanner gun: the code, then Enter.
            tempi = scansiona(page, codice)
            esito = page.locator("#esito")
            expect(esito).to_contain_text("Istanza acquisita")
            expect(esito).to_contain_text(RELATORE)
            expect(page).to_have_url(re.compile(rf"/segreteria/pratiche/{primo['id']}"))
            h1 = page.get_by_role("heading", level=1).inner_text()
            protocollo_trovato = PROTOCOLLO.search(h1)
            assert protocollo_trovato, h1
            protocollo = protocollo_trovato.group(0)
            registrazione = page.locator("#registrazione")
            expect(registrazione).to_contain_text("Acquisita dalla segreteria")
            expect(registrazione).to_contain_text(
                f"{demo.SEGRETERIA.nome} {demo.SEGRETERIA.cognome}"
            )
            expect(registrazione).to_contain_text("Area web della segreteria")
            expect(page.locator("#relatore")).to_contain_text(RELATORE)
            expect(page.locator("#termine")).to_contain_text("Scadenza")
            expect(scansione).to_be_focused()
            controlla_accessibilita(page, "pratica acquisita")

            # The notice of start of proceedings follows the acquisition.
            avviso = page.locator("#comunicazioni a").first
            finche(page, lambda: avviso.count() > 0)
            expect(page.locator("#comunicazioni")).to_contain_text(
                "Comunicazione di avvio del procedimento"
            )
            with page.expect_download() as scaricato:
                avviso.click()
            salvato = cartella / "avvio.pdf"
            scaricato.value.save_as(salvato)
            assert salvato.read_bytes().startswith(b"%PDF")

            # Scanned again, while a link has the focus: it opens, already acquired, unchanged.
            page.get_by_role("link", name="Scadenze").focus()
            di_nuovo = scansiona(page, codice)
            expect(esito).to_contain_text("Istanza già acquisita")
            expect(esito).to_contain_text(f"con protocollo {protocollo}")
            assert PROTOCOLLO.search(page.get_by_role("heading", level=1).inner_text())

            # A forged code: the red banner, and the field ready for the next scan.
            scansiona(page, forgiato(codice))
            banner = page.get_by_role("alert").filter(has_text="Codice non accettato")
            expect(banner).to_be_visible()
            expect(banner).to_contain_text(forgiato(codice))
            expect(scansione).to_be_focused()
            expect(scansione).to_have_value("")
            controlla_accessibilita(page, "codice rifiutato")

            page.get_by_role("link", name="Scadenze").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Scadenze")
            expect(scansione).to_be_focused()
            controlla_accessibilita(page, "scadenze")

            page.get_by_role("link", name="Stazioni di scansione").click()
            expect(page.get_by_role("row").filter(has_text="Sportello demo")).to_contain_text(
                "Attiva"
            )
            controlla_accessibilita(page, "stazioni")
            assert not [e for e in errori_console if "Content Security Policy" in e]

            # The lawyer sees the case acquired, with its protocol number.
            avvocato = contesto(browser.new_context)
            accedi(avvocato, base, demo.AVVOCATO.username)
            riga = avvocato.get_by_role("row").filter(has_text=codice)
            finche(avvocato, lambda: "Acquisita" in riga.inner_text())
            expect(riga).to_contain_text(protocollo)
            riga.get_by_role("link", name=codice).click()
            expect(avvocato.locator(".parcelle-scheda")).to_contain_text("Acquisita")
            expect(avvocato.locator(".parcelle-scheda")).to_contain_text(protocollo)

            # The relatore finds the case among theirs, with its notice.
            consigliere = contesto(browser.new_context)
            accedi(consigliere, base, demo.CONSIGLIERE.username)
            assegnata = consigliere.get_by_role("row").filter(has_text=protocollo)
            expect(assegnata).to_contain_text(demo.AVVOCATO.cognome)
            controlla_accessibilita(consigliere, "pratiche assegnate")
            assegnata.get_by_role("link", name=protocollo).click()
            expect(consigliere.locator("#comunicazioni")).to_contain_text(
                "Comunicazione di avvio del procedimento"
            )
            controlla_accessibilita(consigliere, "pratica del relatore")
        except Exception:
            page.screenshot(path=str(cartella / "fallimento.png"), full_page=True)
            raise
        finally:
            browser.close()
    return {
        "invio_pagina_ms": tempi["pagina"],
        "invio_dcl_ms": tempi["dcl"],
        "invio_risposta_ms": tempi["risposta"],
        "gia_acquisita_pagina_ms": di_nuovo["pagina"],
    }


def test_the_clerk_scans_a_deposited_application_and_it_opens_acquired(
    sistema: str, tmp_path: Path, record_property: Callable[[str, object], None]
) -> None:
    tempi = scenario(sistema, tmp_path / "var", tmp_path)
    for nome, valore in tempi.items():
        record_property(nome, valore)
    sys.stderr.write(f"Enter-to-page (ms): {json.dumps(tempi)}\n")
