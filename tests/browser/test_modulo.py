"""The lawyer's form in Debian's Chromium against the whole system started by ``parcelle up``,
with a mistake in every step: every error of a step comes at once, nothing typed is lost (the
step is left and reopened, and everything is there as typed, the wrong values with their
errors), the deposit waits until all is corrected, a file is refused before it is sent, a
refused upload comes back to the step's own address, and the deposit is confirmed on a page of
its own. Screenshots of three pages are kept in the test's folder."""

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect, sync_playwright

from parcelle_kit import demo

from .aiuti import accedi, chromium, con_chromium, controlla_accessibilita, pdf
from .test_avvocato import scegli
from .test_segreteria import contesto

pytestmark = [pytest.mark.browser, con_chromium]


def passo(page: Page, titolo: str) -> None:
    """Leave the step by its indicator (the form is saved on the way) for another one."""
    page.locator(".parcelle-passi").get_by_role("link", name=titolo).click()
    expect(page.get_by_role("heading", level=1)).to_have_text(titolo)


def errori_del_riepilogo(page: Page) -> list[str]:
    riepilogo = page.locator("#riepilogo-errori")
    expect(riepilogo).to_be_focused()
    return [t.strip() for t in riepilogo.get_by_role("listitem").all_inner_texts()]


def scenario(base: str, cartella: Path) -> None:
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        page = contesto(browser.new_context)
        try:
            accedi(page, base, demo.AVVOCATO.username)
            page.get_by_role("link", name="Nuova istanza").click()
            page.get_by_role("button", name="Inizia la compilazione").click()

            # 2 Cliente: three mistakes, three errors in one answer.
            expect(page.get_by_role("heading", level=1)).to_have_text("Cliente e controinteressato")
            scegli(page, "Persona fisica")
            campi = {
                "Nome": "Mario",
                "Cognome": "Rossi",
                "Codice fiscale": "RSSMRA80A01H501V",  # wrong check character
                "Indirizzo (via e numero civico)": "Via Roma 1",
                "CAP": "0018",
                "Comune": "Roma",
                "Provincia (sigla)": "RM",
                "PEC (domicilio digitale)": "mario.rossi@",
            }
            for etichetta, valore in campi.items():
                page.get_by_label(etichetta, exact=True).fill(valore)
            page.get_by_role("button", name="Salva e continua").click()
            errori = errori_del_riepilogo(page)
            assert len(errori) == 3, errori
            assert any("carattere di controllo" in e for e in errori), errori
            assert any(e.startswith("CAP") for e in errori), errori
            assert any(e.startswith("PEC") for e in errori), errori
            expect(page).to_have_url(re.compile(r".*/modifica/cliente$"))
            controlla_accessibilita(page, "cliente con tre errori")
            page.screenshot(path=str(cartella / "cliente-con-errori.png"), full_page=True)
            passo(page, "Pratica")
            passo(page, "Cliente e controinteressato")
            for etichetta, valore in campi.items():
                expect(page.get_by_label(etichetta, exact=True)).to_have_value(valore)
            assert len(errori_del_riepilogo(page)) == 3  # shown again when reopened

            # 3 Pratica: required fields marked; two mistakes; what the step lacks.
            passo(page, "Pratica")
            rg = page.get_by_label("Numero di ruolo generale (R.G.)")
            expect(rg).to_have_attribute("aria-required", "true")
            expect(page.get_by_text("I campi segnati con l'asterisco")).to_have_count(1)
            page.get_by_label("Autorità giudiziaria o ente").fill("Tribunale di Roma")
            page.get_by_label("Tipo di procedimento").select_option("tribunale_cognizione")
            page.get_by_label("Valore in euro").fill("30.000,00")
            page.get_by_label("Numero delle parti assistite").fill("tre")
            page.get_by_label("Attività iniziata il").fill("2025-03-01")
            page.get_by_label("Attività conclusa il").fill("2024-03-01")
            page.get_by_role("button", name="Salva e continua").click()
            errori = errori_del_riepilogo(page)
            assert len(errori) == 2, errori
            mancano = page.locator(".parcelle-mancano")
            expect(mancano).to_contain_text("numero di ruolo generale (R.G.)")
            expect(mancano).to_contain_text("il mandato è concluso?")
            passo(page, "Importi")
            passo(page, "Pratica")
            expect(page.get_by_label("Numero delle parti assistite")).to_have_value("tre")
            expect(page.get_by_label("Tipo di procedimento")).to_have_value("tribunale_cognizione")

            # 4 Importi: an amount that cannot be read, with its reason; spese generali too high.
            passo(page, "Importi")
            studio = page.get_by_label(re.compile(r"^Compenso richiesto \(€\) . Fase di studio"))
            studio.fill("mille")
            page.get_by_label(re.compile("^Motivo.*Fase di studio")).fill("Questioni nuove")
            page.get_by_label(re.compile("^Compenso.*Fase decisionale")).fill("2.905,00")
            page.get_by_label("Spese generali (% del compenso)").fill("20")
            page.get_by_role("button", name="Salva e continua").click()
            assert len(errori_del_riepilogo(page)) == 2
            passo(page, "Allegati")
            passo(page, "Importi")
            expect(studio).to_have_value("mille")
            expect(page.get_by_label(re.compile("Motivo.*Fase di studio"))).to_have_value(
                "Questioni nuove"
            )
            expect(page.get_by_label(re.compile("Compenso.*Fase decisionale"))).to_have_value(
                "2.905,00"
            )
            expect(page.get_by_label("Spese generali (% del compenso)")).to_have_value("20")

            # 5 Allegati: the type comes first (proposed); no file is refused before sending;
            # a file that is no PDF comes back to the step's own address with its type kept.
            passo(page, "Allegati")
            tipo = page.get_by_label("Tipo di documento")
            expect(tipo).to_have_value("parcella")
            indirizzo = page.url
            page.get_by_role("button", name="Carica il documento").click()
            expect(page.locator("#f-file-avviso")).to_have_text("Scegli il file da allegare.")
            assert page.url == indirizzo  # no round trip
            tipo.select_option("prova_invio")
            page.get_by_label("File da allegare").set_input_files(
                {"name": "ricevuta.pdf", "mimeType": "application/pdf", "buffer": b"non un PDF"}
            )
            page.get_by_role("button", name="Carica il documento").click()
            expect(page.locator("#f-file-errore")).to_be_visible()
            expect(page).to_have_url(re.compile(r".*/modifica/allegati\?"))
            expect(tipo).to_have_value("prova_invio")
            for categoria, testo in (("parcella", "Parcella"), ("prova_invio", "Ricevuta PEC")):
                tipo.select_option(categoria)
                page.get_by_label("File da allegare").set_input_files(pdf(testo))
                page.get_by_role("button", name="Carica il documento").click()
                expect(page.get_by_role("status")).to_contain_text("Allegato caricato.")

            # 6 Riepilogo: nothing can be deposited while anything is wrong.
            passo(page, "Riepilogo e deposito")
            expect(page.get_by_text("Da correggere prima del deposito")).to_be_visible()
            expect(page.get_by_role("link", name="Procedi al deposito")).to_have_count(0)

            # Correct everything, step by step.
            passo(page, "Cliente e controinteressato")
            page.get_by_label("Codice fiscale", exact=True).fill("RSSMRA80A01H501U")
            page.get_by_label("CAP", exact=True).fill("00187")
            page.get_by_label("PEC (domicilio digitale)").fill("mario.rossi@pec.example.it")
            page.get_by_role("button", name="Salva e continua").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Pratica")
            page.get_by_label("Numero di ruolo generale (R.G.)").fill("1234/2024")
            page.get_by_label("Numero delle parti assistite").fill("3")
            page.get_by_label("Attività iniziata il").fill("2024-03-01")
            page.get_by_label("Attività conclusa il").fill("2025-10-15")
            for domanda, risposta in (
                ("Il mandato è concluso?", "Sì"),
                ("Difesa d'ufficio o patrocinio a spese dello Stato?", "No"),
                ("Chiedi la procedura dell'art. 7 L. 49/2023 (equo compenso)?", "No"),
            ):
                scegli(page.get_by_role("group", name=domanda), risposta)
            page.get_by_role("button", name="Salva e continua").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Importi")
            studio.fill("1.701,00")
            page.get_by_label("Spese generali (% del compenso)").fill("15")
            page.get_by_role("button", name="Salva e continua").click()
            expect(page.get_by_role("heading", level=1)).to_have_text("Allegati")
            page.get_by_role("link", name="Continua al riepilogo").click()

            # The summary says what the application says; after signing only the true banner.
            dati = page.locator("#titolo-dati").locator("..")
            expect(dati).to_contain_text("Numero delle parti3")
            expect(dati).to_contain_text("Mandato concluso")
            expect(dati).to_contain_text("Periodo dell'attivitàdal 01/03/2024 al 15/10/2025")
            expect(dati).to_contain_text("Fase di studio della controversia. Questioni nuove")
            page.get_by_role("button", name="Firma con certificato demo").click()
            expect(page.get_by_text("Firma verificata")).to_be_visible()
            expect(page.get_by_text("scarica il PDF, firmalo")).to_have_count(0)
            controlla_accessibilita(page, "riepilogo firmato")
            page.screenshot(path=str(cartella / "riepilogo.png"), full_page=True)
            page.get_by_role("link", name="Procedi al deposito").click()
            expect(page.get_by_role("heading", name="Conferma il deposito")).to_be_visible()
            expect(page.locator("#conferma")).to_contain_text("ricevuta di deposito")
            controlla_accessibilita(page, "conferma del deposito")
            page.screenshot(path=str(cartella / "conferma.png"), full_page=True)
            page.get_by_role("button", name="Conferma e deposita").click()
            expect(page.locator("#esito")).to_contain_text("Depositata")
        except Exception:
            page.screenshot(path=str(cartella / "fallimento.png"), full_page=True)
            raise
        finally:
            browser.close()


def test_a_mistake_in_every_step_loses_nothing_and_every_error_comes_at_once(
    sistema: str, tmp_path: Path
) -> None:
    scenario(sistema, tmp_path)
