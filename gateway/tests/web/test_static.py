"""Our own assets are served; a missing Bootstrap Italia copy does not stop the app."""

import pytest
import structlog
from fastapi.staticfiles import StaticFiles

from gateway import web

from .pagine import Browser


async def test_our_css_and_js_are_served_from_this_origin(browser: Browser) -> None:
    for indirizzo, tipo in (
        ("/static/css/parcelle.css", "text/css"),
        ("/static/css/fonts.css", "text/css"),
        ("/static/js/parcelle.js", "javascript"),
    ):
        risposta = await browser.get(indirizzo)
        assert risposta.status_code == 200, indirizzo
        assert tipo in risposta.headers["content-type"]
    pagina = await browser.pagina("/login")
    risorse = [
        e.attributi.get("href") or e.attributi.get("src", "")
        for e in pagina.elementi
        if e.tag in ("link", "script") and e.attributi.get("rel") != "icon"
    ]
    assert risorse
    assert all(risorsa.startswith("/static/") for risorsa in risorse)


def test_the_static_files_work_without_the_vendor_copy(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(web, "VENDOR_CSS", web.STATIC / "vendor" / "assente.css")
    with structlog.testing.capture_logs() as logs:
        statici = web.static_files()
    assert isinstance(statici, StaticFiles)
    assert any("scripts/frontend.sh" in entry["event"] for entry in logs)
