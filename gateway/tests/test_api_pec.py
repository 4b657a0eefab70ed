"""The PEC receipts' API: a provider pushes a receipt with its Ordine's key (raw
message/rfc822, into the transfer area, then to ``notifiche``); 201 when kept, 200 when kept
already, the service's refusals with their statuses; the secretariat downloads a kept receipt
from its area and its API, byte for byte; nobody else does."""

import httpx

from .fake_notifiche import FakeNotifiche
from .test_openapi import assert_error, bearer
from .web.pagine import Browser

URL = "/api/v1/pec/ricevute"
CHIAVE = {"X-Chiave-Gestore-Pec": "chiave-gestore-pec-demo", "Content-Type": "message/rfc822"}
RICEVUTA = (
    b"From: posta-certificata@gestore.example\r\nX-Ricevuta: accettazione\r\n\r\n\xff\x00ok\r\n"
)


async def test_a_pushed_receipt_reaches_notifiche_from_the_transfer_area(
    api: httpx.AsyncClient, notifiche: FakeNotifiche
) -> None:
    answer = await api.post(URL, content=RICEVUTA, headers=CHIAVE)
    assert answer.status_code == 201, answer.text
    assert answer.json()["tipo"] == "accettazione"
    assert answer.json()["duplicata"] is False
    (chiamata,) = notifiche.chiamate_di("registra_ricevuta")
    assert chiamata.attore.ordine == "DEMO"
    assert chiamata.argomenti["ricevuta"].size == len(RICEVUTA)
    again = await api.post(URL, content=RICEVUTA, headers=CHIAVE)
    assert again.status_code == 200
    assert again.json()["ricevuta_id"] == answer.json()["ricevuta_id"]


async def test_without_the_provider_s_key_nothing_is_taken(
    api: httpx.AsyncClient, notifiche: FakeNotifiche
) -> None:
    for headers in ({"Content-Type": "message/rfc822"}, {**CHIAVE, "X-Chiave-Gestore-Pec": "x"}):
        answer = await api.post(URL, content=RICEVUTA, headers=headers)
        assert_error(answer, 401, "gestore_non_autenticato")
    assert notifiche.chiamate == []


async def test_only_a_message_is_a_receipt(api: httpx.AsyncClient) -> None:
    answer = await api.post(
        URL, content=b"{}", headers={**CHIAVE, "Content-Type": "application/json"}
    )
    assert_error(answer, 415, "tipo_contenuto_non_ammesso")
    assert_error(await api.post(URL, content=b"", headers=CHIAVE), 422, "ricevuta_non_valida")


async def test_the_service_s_refusals_keep_their_codes(
    api: httpx.AsyncClient, notifiche: FakeNotifiche
) -> None:
    for codice, status in (
        ("firma_non_valida", 422),
        ("ricevuta_non_valida", 422),
        ("invio_non_trovato", 404),
    ):
        notifiche.rifiuta("registra_ricevuta", codice, "La ricevuta non conta.")
        assert_error(await api.post(URL, content=RICEVUTA, headers=CHIAVE), status, codice)


async def test_the_secretariat_downloads_a_kept_receipt(
    api: httpx.AsyncClient, segreteria: Browser
) -> None:
    ricevuta_id = (await api.post(URL, content=RICEVUTA, headers=CHIAVE)).json()["ricevuta_id"]
    pagina = await segreteria.client.get(f"/segreteria/ricevute-pec/{ricevuta_id}")
    assert pagina.status_code == 200
    assert pagina.content == RICEVUTA
    assert pagina.headers["content-type"].startswith("message/rfc822")
    assert "attachment" in pagina.headers["content-disposition"]
    headers = await bearer(api, "segreteria.demo")
    via_api = await api.get(f"/api/v1/segreteria/ricevute-pec/{ricevuta_id}", headers=headers)
    assert via_api.content == RICEVUTA
    avvocato = await bearer(api, "avvocato.demo")
    vietata = await api.get(f"/api/v1/segreteria/ricevute-pec/{ricevuta_id}", headers=avvocato)
    assert_error(vietata, 403, "non_autorizzata")
    assert_error(
        await api.get("/api/v1/segreteria/ricevute-pec/altra", headers=headers), 404, "non_trovata"
    )
