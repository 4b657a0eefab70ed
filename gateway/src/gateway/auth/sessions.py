"""Sessions and API tokens: random bearer secrets, stored only as their SHA-256.

A web session travels in an HttpOnly cookie and carries a CSRF token that every form and every
unsafe API call made with the cookie must echo; an API token travels in the Authorization
header (OAuth2 bearer) and needs no CSRF token, since browsers never send it on their own.
Both are revocable (logout deletes them) and expire.
"""

import hashlib
import hmac
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Literal

from parcelle_contracts.envelope import utcnow
from parcelle_kit.store.ports import DocumentStore, Index, Transaction

COLLECTION = "sessioni"
INDEXES = (Index(COLLECTION, ("username",)),)
Kind = Literal["web", "api"]
LIFETIME: dict[Kind, timedelta] = {"web": timedelta(hours=8), "api": timedelta(hours=1)}


@dataclass(frozen=True)
class Session:
    username: str
    kind: Kind
    csrf: str
    expires_at: datetime


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


class SessionStore:
    """Creates, finds and revokes sessions."""

    def __init__(self, store: DocumentStore) -> None:
        self._store = store

    async def create(self, username: str, kind: Kind) -> tuple[str, Session]:
        """A new session; returns the token to hand to the client (never stored) and the session."""
        token = secrets.token_urlsafe(32)
        session = Session(
            username=username,
            kind=kind,
            csrf=secrets.token_urlsafe(24),
            expires_at=utcnow() + LIFETIME[kind],
        )
        document = {
            "_id": _digest(token),
            "username": username,
            "kind": kind,
            "csrf": session.csrf,
            "expires_at": session.expires_at.isoformat(),
        }
        await self._store.run(lambda tx: tx.insert(COLLECTION, document))
        return token, session

    async def find(self, token: str, kind: Kind) -> Session | None:
        """The live session of that kind for ``token``; expired ones are deleted on sight."""
        if not token or len(token) > 200:
            return None
        key = _digest(token)

        async def unit(tx: Transaction) -> Session | None:
            document = await tx.get(COLLECTION, key)
            if document is None or document["kind"] != kind:
                return None
            expires_at = datetime.fromisoformat(document["expires_at"])
            if expires_at <= utcnow():
                await tx.delete(COLLECTION, key)
                return None
            return Session(document["username"], kind, document["csrf"], expires_at)

        return await self._store.run(unit)

    async def revoke(self, token: str) -> None:
        await self._store.run(lambda tx: tx.delete(COLLECTION, _digest(token)))


def csrf_matches(session: Session, presented: str | None) -> bool:
    return presented is not None and hmac.compare_digest(session.csrf, presented)
