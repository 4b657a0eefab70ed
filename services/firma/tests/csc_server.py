"""A remote signing service on 127.0.0.1 written to the Cloud Signature Consortium API v2
(``/csc/v2/info``, ``credentials/list``, ``credentials/info``, ``credentials/authorize``,
``signatures/signHash``), holding one RSA credential of the test PKI.

As a qualified service at SCAL 2 does, it ties each SAD to the hashes it authorises and
accepts it once; it wants the Bearer token on every call but ``info``, the PIN on
``credentials/authorize``, and the v2 parameter names (``hashes``, ``hashAlgorithmOID``).
"""

import base64
import secrets
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from aiohttp import web
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding, rsa
from cryptography.hazmat.primitives.asymmetric.utils import Prehashed

SHA256 = "2.16.840.1.101.3.4.2.1"
SHA256_RSA = "1.2.840.113549.1.1.11"


def _error(status: int, error: str, description: str) -> web.Response:
    return web.json_response({"error": error, "error_description": description}, status=status)


@dataclass
class CscServer:
    key: rsa.RSAPrivateKey
    chain: list[x509.Certificate]
    """The credential's certificate first, then its CA."""
    token: str
    pin: str
    credential: str = "ordine-firma-1"
    calls: Counter[str] = field(default_factory=Counter)
    _sads: dict[str, frozenset[str]] = field(default_factory=dict)
    url: str = ""
    _runner: web.AppRunner | None = None

    async def __aenter__(self) -> "CscServer":
        app = web.Application()
        for name, handler in (
            ("info", self.info),
            ("credentials/list", self.credentials_list),
            ("credentials/info", self.credentials_info),
            ("credentials/authorize", self.authorize),
            ("signatures/signHash", self.sign_hash),
        ):
            app.router.add_post(f"/csc/v2/{name}", self._counted(name, handler))
        self._runner = web.AppRunner(app)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", 0)
        await site.start()
        port = self._runner.addresses[0][1]
        self.url = f"http://127.0.0.1:{port}"
        return self

    async def __aexit__(self, *exc: object) -> None:
        if self._runner is not None:
            await self._runner.cleanup()

    def _counted(self, name: str, handler: Any) -> Any:
        async def counted(request: web.Request) -> web.StreamResponse:
            self.calls[name] += 1
            if name != "info" and request.headers.get("Authorization") != f"Bearer {self.token}":
                return _error(401, "invalid_token", "Invalid access token")
            try:
                body = await request.json()
            except ValueError:
                return _error(400, "invalid_request", "The body is not JSON")
            response: web.StreamResponse = await handler(body)
            return response

        return counted

    async def info(self, body: dict[str, Any]) -> web.Response:
        return web.json_response(
            {
                "specs": "2.0.0.2",
                "name": "Parcelle test CSC",
                "logo": "",
                "region": "IT",
                "lang": "it-IT",
                "description": "Remote signing for the tests",
                "authType": ["oauth2code"],
                "methods": [
                    "credentials/list",
                    "credentials/info",
                    "credentials/authorize",
                    "signatures/signHash",
                ],
            }
        )

    async def credentials_list(self, body: dict[str, Any]) -> web.Response:
        return web.json_response({"credentialIDs": [self.credential]})

    async def credentials_info(self, body: dict[str, Any]) -> web.Response:
        if body.get("credentialID") != self.credential:
            return _error(400, "invalid_request", "Invalid parameter credentialID")
        der = [c.public_bytes(serialization.Encoding.DER) for c in self.chain]
        if body.get("certificates", "single") == "single":
            der = der[:1]
        return web.json_response(
            {
                "key": {"status": "enabled", "algo": [SHA256_RSA], "len": 2048},
                "cert": {
                    "status": "valid",
                    "certificates": [base64.b64encode(d).decode() for d in der],
                },
                "auth": {"mode": "explicit"},
                "SCAL": "2",
                "multisign": 1,
            }
        )

    async def authorize(self, body: dict[str, Any]) -> web.Response:
        if body.get("credentialID") != self.credential:
            return _error(400, "invalid_request", "Invalid parameter credentialID")
        hashes_b64 = body.get("hashes")
        if not isinstance(hashes_b64, list) or body.get("hashAlgorithmOID") != SHA256:
            return _error(400, "invalid_request", "Missing hashes or hashAlgorithmOID")
        if body.get("numSignatures") != len(hashes_b64):
            return _error(400, "invalid_request", "numSignatures differs from the hashes")
        if body.get("PIN") != self.pin:
            return _error(400, "invalid_pin", "The PIN is invalid")
        sad = secrets.token_urlsafe(24)
        self._sads[sad] = frozenset(hashes_b64)
        return web.json_response({"SAD": sad, "expiresIn": 300})

    async def sign_hash(self, body: dict[str, Any]) -> web.Response:
        if body.get("credentialID") != self.credential:
            return _error(400, "invalid_request", "Invalid parameter credentialID")
        hashes_b64 = body.get("hashes")
        if not isinstance(hashes_b64, list) or body.get("hashAlgorithmOID") != SHA256:
            return _error(400, "invalid_request", "Missing hashes or hashAlgorithmOID")
        if body.get("signAlgo") != SHA256_RSA:
            return _error(400, "invalid_request", "Invalid parameter signAlgo")
        allowed = self._sads.pop(str(body.get("SAD")), None)  # a SAD is used once
        if allowed is None or not set(hashes_b64) <= allowed:
            return _error(400, "invalid_sad", "SAD missing, used, or for other hashes")
        signatures = [
            self.key.sign(base64.b64decode(h), padding.PKCS1v15(), Prehashed(hashes.SHA256()))
            for h in hashes_b64
        ]
        return web.json_response({"signatures": [base64.b64encode(s).decode() for s in signatures]})
