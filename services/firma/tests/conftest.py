"""Fixtures of the `firma` tests: a test PKI, a small PDF, verifiers, and the service itself
running on the real broker with a client that asks it questions."""

import hashlib
import http.server
import threading
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

import pytest

from firma.adapters.trust import TrustPolicy
from firma.adapters.verifier import PyhankoVerifier
from firma.config import FirmaSettings
from firma.domain.esame import Impronta
from parcelle_kit.bus import RpcClient
from parcelle_kit.service import Runtime
from parcelle_testing.fixtures import BusClient, StartServices

from .support import (
    ALTRO_CF,
    AVVOCATO_CF,
    DAY,
    NOW,
    Identity,
    crl,
    issue,
    make_pdf,
    new_ca,
    to_asn1,
)


@dataclass(frozen=True)
class Pki:
    """The test PKI: one trusted root and the certificates the cases need."""

    ca: Identity
    avvocato: Identity
    altro: Identity
    """Another lawyer (a different codice fiscale), same trusted CA."""
    estraneo: Identity
    """The applicant's name and tax code, from a CA nobody trusts."""
    scaduto: Identity
    futuro: Identity
    tsa: Identity


@pytest.fixture(scope="session")
def pki() -> Pki:
    ca = new_ca("Parcelle Test CA")
    cf = f"TINIT-{AVVOCATO_CF}"
    return Pki(
        ca=ca,
        avvocato=issue(ca, "Mario Rossi", cf),
        altro=issue(ca, "Marco Verdi", f"TINIT-{ALTRO_CF}"),
        estraneo=issue(new_ca("Untrusted CA"), "Mario Rossi", cf),
        scaduto=issue(ca, "Mario Rossi", cf, not_before=NOW - 800 * DAY, not_after=NOW - 400 * DAY),
        futuro=issue(ca, "Mario Rossi", cf, not_before=NOW + 10 * DAY, not_after=NOW + 400 * DAY),
        tsa=issue(ca, "Parcelle Test TSA", tsa=True),
    )


@pytest.fixture(scope="session")
def pdf() -> bytes:
    return make_pdf()


@pytest.fixture(scope="session")
def impronta(pdf: bytes) -> Impronta:
    return Impronta(hashlib.sha256(pdf).hexdigest(), len(pdf))


def verifier_for(ca: Identity, *, mode: str = "soft-fail", fetch: bool = False) -> PyhankoVerifier:
    """A verifier trusting only ``ca``."""
    roots = [to_asn1(ca.cert)]
    return PyhankoVerifier(TrustPolicy(lambda: roots, revocation_mode=mode, fetch=fetch, timeout=3))


@pytest.fixture
def verifier(pki: Pki) -> PyhankoVerifier:
    """Soft-fail revocation without fetching: the development default, minus the network."""
    return verifier_for(pki.ca)


class CrlServer:
    """Serves CRLs over HTTP on 127.0.0.1, as a CA's distribution point would."""

    def __init__(self) -> None:
        files: dict[str, bytes] = {}
        self.files = files

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                body = files.get(self.path)
                if body is None:
                    self.send_error(404)
                    return
                self.send_response(200)
                self.send_header("Content-Type", "application/pkix-crl")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)

            def log_message(self, format: str, *args: Any) -> None:
                """Quiet: the tests say what matters."""

        self._server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.url = f"http://127.0.0.1:{self._server.server_address[1]}"
        self._thread = threading.Thread(target=self._server.serve_forever, daemon=True)

    def __enter__(self) -> "CrlServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._server.shutdown()
        self._server.server_close()
        self._thread.join()


@dataclass(frozen=True)
class RevocationPki:
    ca: Identity
    valido: Identity
    revocato: Identity
    revocato_dopo: Identity
    """Revoked two days ago, in force since a month: valid for signatures made before."""
    irraggiungibile: Identity
    """Its CRL distribution point does not answer."""
    tsa: Identity


@pytest.fixture(scope="session")
def revocation() -> Iterator[RevocationPki]:
    with CrlServer() as server:
        ca = new_ca("Parcelle Test CA with CRL")
        url = f"{server.url}/ca.crl"
        cf = f"TINIT-{AVVOCATO_CF}"
        pki = RevocationPki(
            ca=ca,
            valido=issue(ca, "Mario Rossi", cf, crl_url=url),
            revocato=issue(ca, "Mario Rossi", cf, crl_url=url),
            revocato_dopo=issue(ca, "Mario Rossi", cf, crl_url=url, not_before=NOW - 30 * DAY),
            irraggiungibile=issue(ca, "Mario Rossi", cf, crl_url=f"{server.url}/missing.crl"),
            tsa=issue(ca, "Parcelle Test TSA", tsa=True),
        )
        server.files["/ca.crl"] = crl(
            ca, [pki.revocato, pki.revocato_dopo], revoked_at=NOW - 2 * DAY
        )
        yield pki


# --- the service on the real broker ------------------------------------------------------------


@pytest.fixture
async def firma(start_services: StartServices) -> Runtime[FirmaSettings]:
    """The `firma` service, loaded like ``parcelle run firma`` does, running in this process."""
    (runtime,) = await start_services("firma")
    assert isinstance(runtime.settings, FirmaSettings)
    return runtime


@pytest.fixture
def rpc(bus_client: BusClient) -> RpcClient:
    """A client on its own connection, asking as the gateway or another service would."""
    return bus_client.rpc
