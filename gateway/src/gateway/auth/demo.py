"""The demo accounts (development only), created or refreshed at every gateway start."""

from gateway.auth.accounts import Account, AccountStore, hash_password
from parcelle_kit import demo


async def seed_demo_accounts(accounts: AccountStore) -> None:
    password_hash = hash_password(demo.password())
    for user in demo.USERS:
        await accounts.save(
            Account(
                username=user.username,
                ruolo=user.ruolo,
                ordine=demo.ORDINE,
                nome=user.nome,
                cognome=user.cognome,
                codice_fiscale=user.codice_fiscale,
                pec=user.pec,
                email=user.email,
                password_hash=password_hash,
            )
        )
