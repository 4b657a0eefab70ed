"""Logging in through the REST API, as an integrator would; making PDFs for uploads."""

import io

import httpx
from weasyprint import HTML

from gateway.auth import Account, AccountStore
from gateway.auth.accounts import hash_password
from parcelle_contracts.istanze import ESEMPIO
from parcelle_kit import demo

SAMPLE = ESEMPIO


def small_pdf(text: str) -> bytes:
    return bytes(HTML(string=f"<p>{text}</p>").write_pdf())


async def token(http: httpx.AsyncClient, username: str, password: str | None = None) -> str:
    response = await http.post(
        "/api/v1/auth/token",
        data={"username": username, "password": password or demo.password()},
    )
    assert response.status_code == 200, response.text
    value: str = response.json()["access_token"]
    return value


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


async def attach(
    http: httpx.AsyncClient, headers: dict[str, str], istanza_id: str, categoria: str
) -> httpx.Response:
    return await http.post(
        f"/api/v1/istanze/{istanza_id}/allegati",
        headers=headers,
        data={"categoria": categoria},
        files={"file": (f"{categoria}.pdf", io.BytesIO(small_pdf(categoria)), "application/pdf")},
    )
