"""Expiring signed download links: a token that names one document (its claim check) and the
moment it stops working, signed with HMAC-SHA256.

``notifiche`` makes them for the mails that carry a document as a link instead of an
attachment; the gateway checks them and serves the document. The key is derived from a secret
both processes read from their own settings (never from the bus), under a label of its own, so
a token cannot be mistaken for any other MAC the installation makes.

A token is ``<payload>.<mac>``, both base64url without padding; the MAC is checked (in constant
time) before the payload is even parsed, and a token past its expiry is refused however well
signed.
"""

import base64
import binascii
import hashlib
import hmac
import json
from dataclasses import dataclass
from datetime import UTC, datetime

from pydantic import ValidationError

from parcelle_contracts.common import FileRef

LABEL = b"parcelle/link-documento/v1"


class LinkNonValidoError(Exception):
    """Not a token of ours, or altered."""


class LinkScadutoError(Exception):
    """A genuine token past its expiry."""


@dataclass(frozen=True)
class Collegamento:
    """What a token grants: one document of one case, until ``scade_il``."""

    documento: FileRef
    istanza_id: str
    ordine: str
    scade_il: datetime


def link_key(secret: str) -> bytes:
    """The key of the links, derived from ``secret``."""
    if not secret:
        raise ValueError("an empty secret cannot sign links")
    return hmac.new(secret.encode(), LABEL, hashlib.sha256).digest()


def _b64(data: bytes) -> str:
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode("ascii")


def _unb64(text: str) -> bytes:
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


def _mac(key: bytes, payload: str) -> str:
    return _b64(hmac.new(key, payload.encode("ascii"), hashlib.sha256).digest())


def firma_link(key: bytes, collegamento: Collegamento) -> str:
    """The token of ``collegamento``."""
    if collegamento.scade_il.utcoffset() is None:
        raise ValueError("a link's expiry must carry a timezone")
    body = {
        "f": collegamento.documento.model_dump(mode="json"),
        "i": collegamento.istanza_id,
        "o": collegamento.ordine,
        "e": int(collegamento.scade_il.timestamp()),
    }
    payload = _b64(json.dumps(body, separators=(",", ":"), sort_keys=True).encode())
    return f"{payload}.{_mac(key, payload)}"


def verifica_link(key: bytes, token: str, ora: datetime) -> Collegamento:
    """What ``token`` grants at ``ora``; :class:`LinkNonValidoError` if it is not ours or was
    altered, :class:`LinkScadutoError` once expired."""
    payload, _, mac = token.partition(".")
    if not payload or not mac or not token.isascii():
        raise LinkNonValidoError("malformed token")
    if not hmac.compare_digest(_mac(key, payload), mac):
        raise LinkNonValidoError("bad signature")
    try:
        body = json.loads(_unb64(payload))
        collegamento = Collegamento(
            documento=FileRef.model_validate(body["f"]),
            istanza_id=str(body["i"]),
            ordine=str(body["o"]),
            scade_il=datetime.fromtimestamp(int(body["e"]), UTC),
        )
    except (ValueError, KeyError, TypeError, binascii.Error, ValidationError) as error:
        raise LinkNonValidoError("unreadable payload") from error
    if ora >= collegamento.scade_il:
        raise LinkScadutoError(collegamento.scade_il.isoformat())
    return collegamento
