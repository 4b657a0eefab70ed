"""A timestamp authority over HTTP on 127.0.0.1 (RFC 3161), as a real one is reached: pyhanko's
dummy timestamper behind a small HTTP server, with a key of the test PKI."""

import http.server
import threading
from typing import Any

from asn1crypto import tsp
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper


class TsaServer:
    """Answers ``application/timestamp-query`` POSTs; counts them."""

    def __init__(self, stamper: DummyTimeStamper) -> None:
        server = self
        self.requests = 0

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                length = int(self.headers.get("Content-Length", "0"))
                request = tsp.TimeStampReq.load(self.rfile.read(length))
                server.requests += 1
                body = stamper.request_tsa_response(request).dump()
                self.send_response(200)
                self.send_header("Content-Type", "application/timestamp-reply")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the tests say what matters."""

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}/tsa"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "TsaServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()
