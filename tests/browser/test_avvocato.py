"""The lawyer's web area in Debian's Chromium, on a phone-sized screen, against the whole system
started by ``parcelle up``: log in, fill the application, attach, sign with the demo
certificate, deposit, download the receipt; axe-core checks the main pages (WCAG 2.1 AA)."""

import os
import re
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect, sync_playwright

from parcelle_kit import demo

from .aiuti import AXE, NBSP, chromium, con_chromium, controlla_accessibilita, pdf

pytestmark = [pytest.mark.browser, con_chromium]


def scegli(ambito: Page | Locator, opzione: str) -> None:
    """Tick a radio button as a person does: Bootstrap Italia draws it on its label."""
    ambito.locator("label").filter(has_text=re.compile(f"^{re.escape(opzione)}$")).click()
    assert ambito.get_by_label(opzione, exact=True).is_checked()


def scenario(base: str, cartella: Path) -> None:
    """The whole lawyer's journey, as a person does it on a phone."""
    assert AXE.exists(), f"{AXE} is missing: run scripts/frontend.sh"
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        # bypass_csp: only so that the test can inject axe-core; the pages never need it.
        context = browser.new_context(
            viewport={"width": 360, "height": 740},
            locale="it-IT",
            timezone_id="Europe/Rome",
            accept_downloads=True,
            bypass_csp=True,
        )
        page = context.new_page()
        page.set_default_timeout(20_000)
        errori_console: list[str] = []
        page.on("console", lambda m: errori_console.append(m.text) if m.type == "error" else None)
        try:
            # Log in: the protected page sends to the login page and back.
            page.goto(f"{base}/avvocato")
            expect(page).to_have_url(f"{base}/login?next=/avvocato")
            page.keyboard.press("Tab")
            assert page.evaluate("document.activeElement.textContent").strip() == (
                "Vai al contenuto principale"
            )
            controlla_accessibilita(page, "accesso")
            page.get_by_label("Nome utente").fill(demo.AVVOCATO.username)
            page.get_by_label("Password").fill(demo.password())
            page.get_by_role("button", name="Accedi").click()
            expect(page).to_have_url(f"{base}/avvocato")
            expect(page.get_by_role("heading", level=1)).to_have_text("Le mie istanze")
            controlla_accessibilita(page, "elenco")

            # 1 Richiedente
            page.get_by_role("link", name="Nuova istanza").click()
            expect(page.get_by_text(demo.AVVOCATO.codice_fiscale or "")).to_be_visible()
            page.get_by_role("button", name="Inizia la compilazione").click()

            # 2 Cliente: a wrong CAP first; the summary says so and nothing typed is lost.
            expect(page.get_by_role("heading", level=1)).to_have_text("Cliente e controinteressato")
            scegli(page, "Persona fisica")
            page.get_by_label("Nome", exact=True).fill("Mario")
            page.get_by_label("Cognome").fill("Rossi")
            page.get_by_label("Codice fiscale").fill("RSSMRA80A01H501U")
            page.get_by_label("Indirizzo (via e numero civico)").fill("Via Roma 1")
            page.get_by_label("CAP").fill("0018")
            page.get_by_label("Comune").fill("Roma")
            page.get_by_label("Provincia (sigla)").fill("RM")
            page.get_by_label("PEC (domicilio digitale)").fill("mario.rossi@pec.example.it")
            page.get_by_role("button", name="Salva e continua").click()
            riepilogo = page.locator("#riepilogo-errori")
            expect(riepilogo).to_be_focused()
            expect(riepilogo).to_contain_text("Il CAP deve essere di 5 cifre")
            expect(page.get_by_label("Cognome")).to_have_value("Rossi")
            controlla_accessibilita(page, "cliente con errori")
            riepilogo.get_by_role("link").first.click()
            expect(page.get_by_label("CAP")).to_be_focused()
            page.get_by_label("CAP").fill("00187")
            page.get_by_role("button", name="Salva e continua").click()

            # 3 Pratica
            expect(page.get_by_role("heading", level=1)).to_have_text("Pratica")
            page.get_by_label("Autorità giudiziaria o ente").fill("Tribunale di Roma")
            page.get_by_label("Tipo di procedimento").select_option("tribunale_cognizione")
            page.get_by_label("Numero di ruolo generale (R.G.)").fill("1234/2024")
            page.get_by_label("Valore in euro").fill("30.000,00")
            page.get_by_label("Numero delle parti assistite").fill("1")
            for domanda, risposta in (
                ("Il mandato è concluso?", "Sì"),
                ("Difesa d'ufficio o patrocinio a spese dello Stato?", "No"),
                ("Chiedi la procedura dell'art. 7 L. 49/2023 (equo compenso)?", "No"),
            ):
                scegli(page.get_by_role("group", name=domanda), risposta)
            controlla_accessibilita(page, "pratica")
            page.get_by_role("button", name="Salva e continua").click()

            # 4 Importi, written the Italian way, beside each phase's DM 147/2022 range
            expect(page.get_by_role("heading", level=1)).to_have_text("Importi")
            studio = page.get_by_role("group", name="Fase di studio")
            expect(studio).to_contain_text("massimo")  # Tribunale, 30,000: 2.551,50
            avviso = studio.locator("[data-avviso]")
            studio.get_by_label("Compenso richiesto (€)").fill("9.999,00")
            expect(avviso).to_be_visible()  # while typing, before any save
            studio.get_by_label("Compenso richiesto (€)").fill("1.701,00")
            expect(avviso).to_be_hidden()
            for fase, importo in (
                ("Fase di studio", "1.701,00"),
                ("Fase introduttiva", "1204,00"),
                ("Fase istruttoria e/o di trattazione", "1806.00"),
                ("Fase decisionale", "2.905"),
            ):
                page.get_by_role("group", name=fase).get_by_label("Compenso richiesto (€)").fill(
                    importo
                )
            page.get_by_role("button", name="Salva bozza").click()
            expect(page.locator(".parcelle-totali")).to_contain_text(f"€{NBSP}7.616,00")
            controlla_accessibilita(page, "importi")
            page.get_by_role("button", name="Salva e continua").click()

            # 5 Allegati
            expect(page.get_by_role("heading", level=1)).to_have_text("Allegati")
            for categoria, testo in (("parcella", "Parcella"), ("prova_invio", "Ricevuta PEC")):
                page.get_by_label("Tipo di documento").select_option(categoria)
                page.get_by_label("File da allegare").set_input_files(pdf(testo))
                page.get_by_role("button", name="Carica il documento").click()
                expect(page.get_by_role("status")).to_contain_text("Allegato caricato.")
            expect(page.locator(".parcelle-allegato")).to_have_count(2)
            controlla_accessibilita(page, "allegati")
            page.get_by_role("link", name="Continua al riepilogo").click()

            # 6 Riepilogo: the PDF to sign, the demo signature, the deposit
            expect(page.get_by_role("heading", level=1)).to_have_text("Riepilogo e deposito")
            expect(page.get_by_text("Per depositare manca ancora")).to_have_count(0)
            with page.expect_download() as da_firmare:
                page.get_by_role("link", name="Scarica il PDF da firmare").click()
            assert Path(da_firmare.value.path()).read_bytes().startswith(b"%PDF")
            page.get_by_role("button", name="Firma con certificato demo").click()
            expect(page.get_by_text("Firma verificata")).to_be_visible()
            controlla_accessibilita(page, "riepilogo")
            page.get_by_role("link", name="Procedi al deposito").click()
            expect(page.get_by_role("heading", name="Conferma il deposito")).to_be_visible()
            page.get_by_role("button", name="Conferma e deposita").click()

            # The case page: "Depositata", the code, the receipt.
            esito = page.locator("#esito")
            expect(esito).to_contain_text("Depositata")
            codice = page.get_by_role("heading", level=1).inner_text().removeprefix("Istanza ")
            expect(esito).to_contain_text(codice)
            controlla_accessibilita(page, "istanza depositata")
            with page.expect_download() as ricevuta:
                esito.get_by_role("link", name="Scarica la ricevuta di deposito (PDF)").click()
            salvata = cartella / "ricevuta.pdf"
            ricevuta.value.save_as(salvata)
            assert salvata.read_bytes().startswith(b"%PDF")

            # Back in the list, the case is there, deposited.
            page.get_by_role("link", name="Le mie istanze").click()
            riga = page.get_by_role("row").filter(has_text=codice)
            expect(riga).to_contain_text("Depositata")
            expect(riga).to_contain_text(f"€{NBSP}7.616,00")
            assert not [e for e in errori_console if "Content Security Policy" in e]
        except Exception:
            page.screenshot(path=str(cartella / "fallimento.png"), full_page=True)
            raise
        finally:
            context.close()
            browser.close()


def test_a_lawyer_files_signs_and_deposits_from_a_phone(sistema: str, tmp_path: Path) -> None:
    scenario(sistema, tmp_path)


if __name__ == "__main__":  # pragma: no cover - run against a gateway already started
    scenario(os.environ.get("PARCELLE_URL", "http://127.0.0.1:8000"), Path.cwd())
