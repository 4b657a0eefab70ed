"""``/documenti/link/<token>``: a document sent as a signed link is served byte for byte to
anyone holding the token until it expires; an expired token says so, an altered one or one
naming a document that changed is a page that does not exist."""

import hashlib
from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta

from fastapi import FastAPI

from gateway.files import GatewayFiles
from parcelle_contracts.common import BlobRef, FileRef
from parcelle_kit.links import Collegamento, firma_link, link_key

from .pagine import Browser

PDF = b"%PDF-1.7\n% provvedimento firmato\n" + bytes(range(256))


async def _documento(files: GatewayFiles) -> FileRef:
    async def uno() -> AsyncIterator[bytes]:
        yield PDF

    info = await files.transfer.put("provvedimenti/i1.pdf", uno(), max_size=len(PDF))
    blob = BlobRef(area="transfer", key="provvedimenti/i1.pdf", sha256=info.sha256, size=info.size)
    return FileRef(blob=blob, nome_file="provvedimento.pdf", content_type="application/pdf")


def _token(app: FastAPI, documento: FileRef, scade_il: datetime) -> str:
    chiave = link_key(app.state.settings.link_key_secret())
    return firma_link(chiave, Collegamento(documento, "i1", "DEMO", scade_il))


async def test_a_valid_link_serves_the_document_without_login(
    app: FastAPI, browser: Browser
) -> None:
    documento = await _documento(app.state.files)
    token = _token(app, documento, datetime.now(UTC) + timedelta(days=30))
    risposta = await browser.get(f"/documenti/link/{token}")
    assert risposta.status_code == 200
    assert risposta.content == PDF
    assert hashlib.sha256(risposta.content).hexdigest() == documento.blob.sha256
    assert "provvedimento.pdf" in risposta.headers["content-disposition"]


async def test_an_expired_link_says_so(app: FastAPI, browser: Browser) -> None:
    documento = await _documento(app.state.files)
    token = _token(app, documento, datetime.now(UTC) - timedelta(seconds=1))
    pagina = await browser.pagina(f"/documenti/link/{token}", stato=410)
    assert "è scaduto" in pagina.testo


async def test_an_altered_link_does_not_exist(app: FastAPI, browser: Browser) -> None:
    documento = await _documento(app.state.files)
    token = _token(app, documento, datetime.now(UTC) + timedelta(days=1))
    carattere = "A" if token[5] != "A" else "B"
    alterato = token[:5] + carattere + token[6:]
    assert (await browser.get(f"/documenti/link/{alterato}")).status_code == 404
    straniero = firma_link(
        link_key("un'altra installazione" * 3),
        Collegamento(documento, "i1", "DEMO", datetime.now(UTC) + timedelta(days=1)),
    )
    assert (await browser.get(f"/documenti/link/{straniero}")).status_code == 404


async def test_a_link_to_a_document_that_changed_serves_nothing(
    app: FastAPI, browser: Browser
) -> None:
    documento = await _documento(app.state.files)
    altro = documento.model_copy(
        update={"blob": documento.blob.model_copy(update={"sha256": "0" * 64})}
    )
    token = _token(app, altro, datetime.now(UTC) + timedelta(days=1))
    assert (await browser.get(f"/documenti/link/{token}")).status_code == 404
