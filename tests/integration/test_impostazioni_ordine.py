"""One owner for an Ordine's settings: ``parcelle ordini imposta`` changes them in
``acquisizione``, which announces them on the bus; the next application PDF (made by
``istanze`` from its read copy) and the next notice of start of proceedings (made by
``acquisizione``) both print the new name. gateway -> RabbitMQ -> services, real stores."""

import asyncio
from collections.abc import Awaitable, Callable
from typing import Any

import httpx
import pytest

from parcelle_kit import demo
from parcelle_testing.avvocato import complete_draft, deposited, lawyer
from parcelle_testing.comando import parcelle
from parcelle_testing.fixtures import StartServices

from .conftest import GatewayClient

pytestmark = pytest.mark.integration
NUOVO_NOME = "Ordine degli Avvocati di Nuovaborgo"


async def eventually(read: Callable[[], Awaitable[Any]], seconds: float = 20) -> Any:
    """``await read()`` until it answers something: what other services do arrives later."""
    async with asyncio.timeout(seconds):
        while not (value := await read()):
            await asyncio.sleep(0.3)
    return value


async def application_pdf(http: httpx.AsyncClient, headers: dict[str, str]) -> bytes:
    """The PDF to sign of a new complete draft: rendered now, from the settings known now."""
    istanza = await complete_draft(http, headers)
    pdf = await http.get(f"/api/v1/istanze/{istanza['id']}/documento", headers=headers)
    assert pdf.status_code == 200, pdf.text
    return pdf.content


async def test_a_new_name_reaches_the_application_pdf_and_the_notice(
    start_services: StartServices,
    gateway_client: GatewayClient,
    settings_values: dict[str, Any],
    testo: Callable[[bytes], str],
) -> None:
    await start_services("acquisizione", "istanze", "firma")
    async with gateway_client() as gateway:
        http = gateway.http
        avvocato = await lawyer(http)
        segreteria = await lawyer(http, demo.SEGRETERIA.username)
        assert demo.ORDINE_NOME in " ".join(testo(await application_pdf(http, avvocato)).split())

        changed = await asyncio.to_thread(
            parcelle,
            settings_values["var_dir"],
            *("ordini", "imposta", demo.ORDINE, "--nome", NUOVO_NOME),
        )
        assert changed.returncode == 0, changed.stderr

        async def renamed_pdf() -> str | None:
            words = " ".join(testo(await application_pdf(http, avvocato)).split())
            return words if NUOVO_NOME in words else None

        words = await eventually(renamed_pdf)
        assert demo.ORDINE_NOME not in words

        istanza = await deposited(http, avvocato)
        acquired = await eventually(
            lambda: _acquire(http, segreteria, istanza["codice"]), seconds=20
        )
        base = f"/api/v1/segreteria/pratiche/{acquired['istanza_id']}"

        async def notices() -> list[dict[str, Any]]:
            pratica = (await http.get(base, headers=segreteria)).json()
            comunicazioni: list[dict[str, Any]] = pratica["comunicazioni"]
            return comunicazioni

        for notice in await eventually(notices, seconds=30):
            pdf = await http.get(
                f"{base}/comunicazioni/{notice['id']}/documento", headers=segreteria
            )
            assert pdf.status_code == 200
            words = " ".join(testo(pdf.content).split())
            assert NUOVO_NOME in words
            assert demo.ORDINE_NOME not in words


async def _acquire(
    http: httpx.AsyncClient, headers: dict[str, str], codice: str
) -> dict[str, Any] | None:
    """The acquired case, or None while the deposit has not reached acquisizione yet."""
    answer = await http.post(
        "/api/v1/segreteria/acquisizioni", json={"codice": codice}, headers=headers
    )
    if answer.status_code == 404:
        return None
    assert answer.status_code == 201, answer.text
    pratica: dict[str, Any] = answer.json()
    return pratica
