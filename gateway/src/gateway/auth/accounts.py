"""Local accounts: users of the three areas, with argon2id password hashes.

Accounts live in the gateway's own store: they are identity, not domain state. Single sign-on
(OIDC) will add another way in; the rest of the gateway only ever sees an :class:`Attore`.
"""

import asyncio
from dataclasses import asdict, dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from parcelle_contracts.common import Attore
from parcelle_contracts.vocabolario import Ruolo, Tramite
from parcelle_kit.store.ports import DocumentStore, Index, Transaction

COLLECTION = "utenti"
INDEXES = (Index(COLLECTION, ("ordine", "ruolo")),)

_hasher = PasswordHasher()  # argon2id with the library's current recommended parameters
# Verifying against this when the user does not exist takes as long as a real check, so the
# response time does not tell which usernames exist.
_DUMMY_HASH = _hasher.hash("parcelle-no-such-user")


@dataclass(frozen=True)
class Account:
    username: str
    ruolo: Ruolo
    ordine: str
    nome: str
    cognome: str
    codice_fiscale: str | None
    pec: str | None
    email: str | None
    password_hash: str
    attivo: bool = True

    def attore(self, tramite: Tramite) -> Attore:
        """The user as the services see them, acting through ``tramite``."""
        return Attore(
            username=self.username,
            ruolo=self.ruolo,
            ordine=self.ordine,
            nome=self.nome,
            cognome=self.cognome,
            codice_fiscale=self.codice_fiscale,
            pec=self.pec,
            email=self.email,
            tramite=tramite,
        )


def hash_password(password: str) -> str:
    return _hasher.hash(password)


class AccountStore:
    """Accounts by username."""

    def __init__(self, store: DocumentStore) -> None:
        self._store = store

    async def get(self, username: str) -> Account | None:
        document = await self._store.run(lambda tx: tx.get(COLLECTION, username.lower()))
        if document is None:
            return None
        fields = {k: v for k, v in document.items() if not k.startswith("_")}
        return Account(**fields)

    async def save(self, account: Account) -> None:
        """Create or replace an account."""
        document = {"_id": account.username.lower(), **asdict(account)}

        async def unit(tx: Transaction) -> None:
            current = await tx.get(COLLECTION, document["_id"])
            if current is None:
                await tx.insert(COLLECTION, document)
            else:
                await tx.update(COLLECTION, {**document, "_v": current["_v"]})

        await self._store.run(unit)

    async def authenticate(self, username: str, password: str) -> Account | None:
        """The active account if the password is right; None otherwise (same time either way)."""
        account = await self.get(username.strip()) if username.strip() else None
        stored = account.password_hash if account else _DUMMY_HASH
        try:
            await asyncio.to_thread(_hasher.verify, stored, password)
        except (VerificationError, InvalidHashError):
            return None
        if account is None or not account.attivo:
            return None
        if _hasher.check_needs_rehash(stored):
            await self.save(_replace_hash(account, password))
        return account


def _replace_hash(account: Account, password: str) -> Account:
    return Account(**{**asdict(account), "password_hash": hash_password(password)})
