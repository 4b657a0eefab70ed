"""The Ordine's key in a remote signing service, over the Cloud Signature Consortium API v2.

pyhanko's ``CSCSigner`` does the signing half (``signatures/signHash``, batching) but writes
the request in API v1's words; this module speaks v2 (``hashes``, ``hashAlgorithmOID``) for
``credentials/authorize`` and ``signatures/signHash``. On opening, ``/csc/v2/info`` must say
the service speaks v2, the credential comes from the settings or is the first of
``credentials/list``, and its certificate chain is fetched once (``credentials/info``).
Each signature is authorised on its own hash (SCAL 2 services need that, SCAL 1 services
accept it), with the PIN when one is configured. The OAuth access token is sent as Bearer.
"""

from typing import Any, Final

import aiohttp
from asn1crypto import algos
from pyhanko.sign import signers
from pyhanko.sign.general import SigningError
from pyhanko.sign.signers.csc_signer import (
    CSCAuthorizationInfo,
    CSCAuthorizationManager,
    CSCCredentialInfo,
    CSCServiceSessionInfo,
    CSCSigner,
    fetch_certs_in_csc_credential,
)

from firma.adapters.pades_signer import Opener

DIGEST: Final = "sha256"
"""The digest every signature of ours uses (see pades_signer)."""


async def _post(
    http: aiohttp.ClientSession, session: CSCServiceSessionInfo, endpoint: str, body: Any
) -> dict[str, Any]:
    try:
        async with http.post(
            f"{session.service_url}/csc/{session.api_ver}/{endpoint}",
            json=body,
            headers=session.auth_headers,
            raise_for_status=True,
        ) as response:
            answer: dict[str, Any] = await response.json()
            return answer
    except (aiohttp.ClientError, ValueError) as error:
        raise SigningError(f"CSC {endpoint} failed: {error}") from error


class V2Authorization(CSCAuthorizationManager):
    """``credentials/authorize`` in API v2's words, once per batch of hashes."""

    def __init__(
        self,
        session: CSCServiceSessionInfo,
        credential: CSCCredentialInfo,
        http: aiohttp.ClientSession,
        pin: str | None,
    ) -> None:
        super().__init__(session, credential)
        self._http = http
        self._pin = pin

    async def authorize_signature(self, hash_b64s: list[str]) -> CSCAuthorizationInfo:
        body: dict[str, Any] = {
            "credentialID": self.csc_session_info.credential_id,
            "numSignatures": len(hash_b64s),
            "hashes": hash_b64s,
            "hashAlgorithmOID": algos.DigestAlgorithmId(DIGEST).dotted,
        }
        if self._pin is not None:
            body["PIN"] = self._pin
        answer = await _post(self._http, self.csc_session_info, "credentials/authorize", body)
        return self.parse_csc_auth_response(answer)


class CscV2Signer(CSCSigner):
    """pyhanko's CSC signer, with ``signatures/signHash`` in API v2's words."""

    def __init__(self, http: aiohttp.ClientSession, auth: V2Authorization, timeout: int) -> None:
        super().__init__(http, auth, sign_timeout=timeout)
        self._http = http

    async def format_csc_signing_req(
        self, tbs_hashes: list[str], digest_algorithm: str
    ) -> dict[str, Any]:
        v1: dict[str, Any] = await super().format_csc_signing_req(tbs_hashes, digest_algorithm)
        body = {
            "credentialID": v1["credentialID"],
            "SAD": v1["SAD"],
            "hashes": v1["hash"],
            "hashAlgorithmOID": v1["hashAlgo"],
            "signAlgo": v1["signAlgo"],
        }
        if "signAlgoParams" in v1:
            body["signAlgoParams"] = v1["signAlgoParams"]
        return body

    async def close(self) -> None:
        await self._http.close()


def csc_opener(
    url: str, *, token: str, credential: str | None, pin: str | None, timeout: float
) -> Opener:
    """Opens an HTTP session to the service and fetches the credential (see module doc)."""

    async def open_service() -> signers.Signer:
        http = aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout))
        try:
            base = CSCServiceSessionInfo(url.rstrip("/"), "", oauth_token=token, api_ver="v2")
            info = await _post(http, base, "info", {})
            if not str(info.get("specs", "")).startswith("2."):
                raise SigningError(f"the CSC service speaks {info.get('specs')!r}, not v2")
            credential_id = credential
            if credential_id is None:
                listed = await _post(http, base, "credentials/list", {})
                ids = listed.get("credentialIDs") or []
                if not ids:
                    raise SigningError("the CSC service lists no credential")
                credential_id = str(ids[0])
            session = CSCServiceSessionInfo(
                base.service_url, credential_id, oauth_token=token, api_ver="v2"
            )
            credential_info = await fetch_certs_in_csc_credential(http, session, int(timeout))
            auth = V2Authorization(session, credential_info, http, pin)
            return CscV2Signer(http, auth, int(timeout))
        except BaseException:
            await http.close()
            raise

    return open_service
