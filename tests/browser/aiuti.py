"""What the browser tests share: the whole system started by ``parcelle up`` on ports and a
var dir of the test's own, Debian's Chromium driven by Playwright, axe-core's accessibility
check, small real PDFs, and the lawyer's deposit through the REST API."""

import asyncio
import re
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest
from playwright.sync_api import Browser, FilePayload, Page, Playwright
from weasyprint import HTML

from parcelle_kit import demo
from parcelle_testing.avvocato import deposited, lawyer
from parcelle_testing.comando import PARCELLE, free_port

CHROMIUM = Path("/usr/bin/chromium")
AXE = Path(__file__).resolve().parents[2] / "gateway/frontend/node_modules/axe-core/axe.min.js"
WCAG_AA = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]
NBSP = "\u00a0"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking"]

con_chromium = pytest.mark.skipif(
    not CHROMIUM.exists(),
    reason="Debian's Chromium is not installed (/usr/bin/chromium): apt-get install chromium",
)


def pronto(base: str) -> bool:
    try:
        with urllib.request.urlopen(f"{base}/readyz", timeout=5) as response:
            risposta: bool = response.status == 200
            return risposta
    except (urllib.error.URLError, OSError):
        return False


@contextmanager
def parcelle_up(cartella: Path, settings_env: dict[str, str]) -> Iterator[str]:
    """``parcelle up`` with its own ports and var dir; the gateway's address once ready."""
    port = free_port()
    env = {
        **settings_env,
        "PARCELLE_GATEWAY_PORT": str(port),
        "PARCELLE_SMTP_SINK_PORT": str(free_port()),
        "PARCELLE_VAR_DIR": str(cartella / "var"),
    }
    log = cartella / "parcelle-up.log"
    with log.open("w") as output:
        process = subprocess.Popen(
            [PARCELLE, "up"], cwd=cartella, env=env, stdout=output, stderr=subprocess.STDOUT
        )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while not pronto(base):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"parcelle up did not become ready:\n{log.read_text()[-4000:]}")
            time.sleep(0.5)
        yield base
    finally:
        process.terminate()
        try:
            process.wait(timeout=60)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def chromium(playwright: Playwright) -> Browser:
    return playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)


def pdf_bytes(testo: str) -> bytes:
    return bytes(HTML(string=f"<h1>{testo}</h1><p>Documento di prova.</p>").write_pdf())


def pdf(testo: str) -> FilePayload:
    """A small real PDF, as Playwright's set_input_files takes a file from memory."""
    return {
        "name": f"{testo.lower().replace(' ', '-')}.pdf",
        "mimeType": "application/pdf",
        "buffer": pdf_bytes(testo),
    }


def controlla_accessibilita(page: Page, pagina: str) -> None:
    """No serious or critical WCAG 2.1 A/AA violation found by axe-core on the page.

    The browser context needs ``bypass_csp=True``: only so that the test can inject axe-core.
    """
    assert AXE.exists(), f"{AXE} is missing: run scripts/frontend.sh"
    if not page.evaluate("() => typeof window.axe !== 'undefined'"):
        page.add_script_tag(content=AXE.read_text())
    risultato = page.evaluate(
        "async (tags) => await axe.run(document, {runOnly: {type: 'tag', values: tags}})",
        WCAG_AA,
    )
    gravi = [
        f"{v['id']} ({v['impact']}): {v['help']} -> "
        + "; ".join(nodo["target"][0] if nodo["target"] else "?" for nodo in v["nodes"][:5])
        for v in risultato["violations"]
        if v["impact"] in ("serious", "critical")
    ]
    assert not gravi, f"axe on {pagina}:\n" + "\n".join(gravi)


def accedi(page: Page, base: str, username: str) -> None:
    """Log in through the login page, as a person does."""
    page.goto(f"{base}/login")
    page.get_by_label("Nome utente").fill(username)
    page.get_by_label("Password").fill(demo.password())
    page.get_by_role("button", name="Accedi").click()
    page.wait_for_url(re.compile(r".*/(avvocato|segreteria|consigliere)$"))


def deposita_come_avvocato(base: str) -> dict[str, Any]:
    """The demo lawyer, through the REST API, files, attaches the fee note and the proof of
    sending it, signs with the demo certificate and deposits; the application."""

    async def deposita() -> dict[str, Any]:
        async with httpx.AsyncClient(base_url=base, timeout=60) as http:
            return await deposited(http, await lawyer(http))

    return asyncio.run(deposita())


# The moment before Enter, kept across the navigation; then, on the new page, the times from it
# to the first contentful paint, to DOMContentLoaded and to the end of the response (ms).
_SEGNA_INVIO = (
    "() => sessionStorage.setItem('invio', String(performance.timeOrigin + performance.now()))"
)
_TEMPI = """async () => {
  const invio = Number(sessionStorage.getItem('invio'));
  for (let i = 0; i < 50 && !performance.getEntriesByName('first-contentful-paint').length; i++) {
    await new Promise((fatto) => setTimeout(fatto, 20));
  }
  const paint = performance.getEntriesByName('first-contentful-paint')[0];
  const nav = performance.getEntriesByType('navigation')[0];
  return {
    pagina: paint ? performance.timeOrigin + paint.startTime - invio : null,
    dcl: performance.timeOrigin + nav.domContentLoadedEventEnd - invio,
    risposta: performance.timeOrigin + nav.responseEnd - invio,
  };
}"""


def scansiona(page: Page, codice: str) -> dict[str, float | None]:
    """Type the code and Enter, as a scanner gun does; the Enter-to-page times."""
    page.keyboard.type(codice)
    page.evaluate(_SEGNA_INVIO)
    with page.expect_navigation(wait_until="domcontentloaded"):
        page.keyboard.press("Enter")
    tempi: dict[str, float | None] = page.evaluate(_TEMPI)
    return tempi
