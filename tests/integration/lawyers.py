"""Lawyers' accounts that only these tests need (the REST helpers are in
:mod:`parcelle_testing.avvocato`)."""

from gateway.auth import Account, AccountStore
from gateway.auth.accounts import hash_password
from parcelle_kit import demo


async def add_lawyer(accounts: AccountStore, username: str, ordine: str = demo.ORDINE) -> None:
    await accounts.save(
        Account(
            username=username,
            ruolo="avvocato",
            ordine=ordine,
            nome="Altro",
            cognome="Avvocato",
            codice_fiscale="VRDMRC70A01H501Q",
            pec=None,
            email=None,
            password_hash=hash_password("altra-password"),
        )
    )
