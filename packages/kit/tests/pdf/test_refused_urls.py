"""Documents load only packaged assets: a URL from a template or from user data fetches nothing.

A real HTTP server on 127.0.0.1 counts the requests it receives; each test asserts it got none.
"""

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest

from parcelle_kit.pdf import AssetRefusedError, PdfRenderer

pytestmark = pytest.mark.asyncio(loop_scope="session")


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, list[str]]]:
    """An HTTP server on loopback; yields its base URL and the paths it was asked for."""
    requests: list[str] = []

    class Counting(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"p { color: red }")

        def log_message(self, format: str, *args: object) -> None:
            pass  # keep the test output clean

    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Counting)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{httpd.server_address[1]}", requests
    finally:
        httpd.shutdown()
        httpd.server_close()


@pytest.mark.parametrize("template", ["immagine.html", "foglio_di_stile.html"])
async def test_http_url_is_refused_and_never_requested(
    renderer: PdfRenderer, testdocs: str, server: tuple[str, list[str]], template: str
) -> None:
    base, requests = server

    with pytest.raises(AssetRefusedError, match="only packaged assets"):
        await renderer.render(testdocs, template, {"url": f"{base}/spia.css"})

    assert requests == []


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "file:///etc/hostname",
        "data:image/svg+xml,%3Csvg%20xmlns%3D%22http%3A%2F%2Fwww.w3.org%2F2000%2Fsvg%22%2F%3E",
        "https://example.invalid/logo.svg",
        "ftp://127.0.0.1/logo.svg",
        "/etc/passwd",
        "../../../../etc/passwd",
        "assets/%2e%2e/%2e%2e/__init__.py",
        "https://assets.parcelle.invalid/parcelle_kit/settings.py",
    ],
)
async def test_other_urls_are_refused(renderer: PdfRenderer, testdocs: str, url: str) -> None:
    with pytest.raises(AssetRefusedError):
        await renderer.render(testdocs, "immagine.html", {"url": url})


async def test_packaged_image_by_absolute_asset_url_is_allowed(
    renderer: PdfRenderer, testdocs: str
) -> None:
    url = f"https://assets.parcelle.invalid/{testdocs}/assets/logo.svg"

    pdf = await renderer.render(testdocs, "immagine.html", {"url": url})

    assert pdf.startswith(b"%PDF")
