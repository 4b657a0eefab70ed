"""The lawyer through the REST API, as an integrator would: logging in, complete drafts,
deposits; small PDFs for uploads. Shared by the integration and browser tests and the
benchmarks."""

import io
from typing import Any

import httpx
from weasyprint import HTML

from parcelle_contracts.esempi import ESEMPIO
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


async def attach(
    http: httpx.AsyncClient,
    headers: dict[str, str],
    istanza_id: str,
    categoria: str,
    pdf: bytes | None = None,
) -> httpx.Response:
    return await http.post(
        f"/api/v1/istanze/{istanza_id}/allegati",
        headers=headers,
        data={"categoria": categoria},
        files={
            "file": (f"{categoria}.pdf", io.BytesIO(pdf or small_pdf(categoria)), "application/pdf")
        },
    )


async def lawyer(
    http: httpx.AsyncClient, username: str = demo.AVVOCATO.username, password: str | None = None
) -> dict[str, str]:
    """The lawyer's bearer-token header."""
    return {"Authorization": f"Bearer {await token(http, username, password)}"}


async def complete_draft(
    http: httpx.AsyncClient, headers: dict[str, str], pdf: bytes | None = None
) -> dict[str, Any]:
    """A draft of the sample application with both required attachments (``pdf``, or a PDF
    made for each)."""
    created = await http.post("/api/v1/istanze", json=SAMPLE, headers=headers)
    assert created.status_code == 201, created.text
    istanza: dict[str, Any] = created.json()
    for categoria in ("parcella", "prova_invio"):
        attached = await attach(http, headers, istanza["id"], categoria, pdf)
        assert attached.status_code == 201, attached.text
    return istanza


async def signed_draft(
    http: httpx.AsyncClient, headers: dict[str, str], pdf: bytes | None = None
) -> dict[str, Any]:
    """A complete draft signed with the demo certificate, ready to deposit."""
    istanza = await complete_draft(http, headers, pdf)
    signed = await http.post(f"/api/v1/istanze/{istanza['id']}/firma-demo", headers=headers)
    assert signed.status_code == 200, signed.text
    return istanza


async def deposited(
    http: httpx.AsyncClient, headers: dict[str, str], pdf: bytes | None = None
) -> dict[str, Any]:
    """A complete application signed with the demo certificate and deposited."""
    istanza = await signed_draft(http, headers, pdf)
    deposit = await http.post(f"/api/v1/istanze/{istanza['id']}/deposito", headers=headers)
    assert deposit.status_code == 201, deposit.text
    return istanza
