"""The service on the real broker: a demo-signed PDF verifies as the demo lawyer's signature."""

import hashlib
import stat
from collections.abc import AsyncIterator

import pytest

from firma.config import FirmaSettings
from parcelle_contracts.common import TRANSFER_AREA, BlobRef
from parcelle_contracts.firma import EsitoVerifica, FirmaDemo, Originale, VerificaFirma
from parcelle_kit import demo
from parcelle_kit.bus import RpcClient
from parcelle_kit.requests import ask
from parcelle_kit.service import Runtime

from .support import make_pdf

pytestmark = pytest.mark.integration
TIMEOUT = 20.0


async def _upload(runtime: Runtime[FirmaSettings], key: str, data: bytes) -> BlobRef:
    async def chunks() -> AsyncIterator[bytes]:
        yield data

    info = await runtime.transfer.put(key, chunks(), max_size=len(data))
    return BlobRef(area=TRANSFER_AREA, key=key, sha256=info.sha256, size=info.size)


async def test_demo_signature_then_verification(
    firma: Runtime[FirmaSettings], rpc: RpcClient
) -> None:
    pki = demo.directory(firma.settings.var_dir)
    assert (pki / "ca.pem").is_file()
    assert stat.S_IMODE((pki / "avvocato.p12").stat().st_mode) == 0o600

    pdf = make_pdf()
    documento = await _upload(firma, "upload/istanza.pdf", pdf)
    richiesta = FirmaDemo(correlation_id="pratica-1", ordine=demo.ORDINE, documento=documento)
    firmato = await ask(rpc, richiesta, BlobRef, timeout=TIMEOUT)
    assert firmato.ok, firmato.errore
    assert firmato.dati is not None
    assert firmato.dati.area == TRANSFER_AREA
    signed = await firma.transfer.get(firmato.dati.key)
    assert signed.startswith(pdf)

    cf = demo.AVVOCATO.codice_fiscale
    assert cf is not None
    originale = Originale(sha256=hashlib.sha256(pdf).hexdigest(), size=len(pdf))
    verifica = VerificaFirma(
        correlation_id="pratica-1",
        ordine=demo.ORDINE,
        firmato=firmato.dati,
        originale=originale,
        codice_fiscale=cf,
    )
    esito = await ask(rpc, verifica, EsitoVerifica, timeout=TIMEOUT)
    assert esito.ok, esito.errore
    assert esito.dati is not None
    assert esito.dati.problemi == []
    assert esito.dati.valida
    assert esito.dati.tipo == "pades"
    assert esito.dati.firmatario == "Giulia Bianchi"
    assert esito.dati.codice_fiscale == cf
    assert esito.dati.emittente == "Parcelle Demo CA"
    assert esito.dati.firmato_il is not None

    other = verifica.model_copy(update={"codice_fiscale": "RSSMRA80A01H501U"})
    esito = await ask(rpc, other, EsitoVerifica, timeout=TIMEOUT)
    assert esito.dati is not None
    assert [p.codice for p in esito.dati.problemi] == ["firmatario_diverso"]


async def test_refusals_come_back_as_an_esito(
    firma: Runtime[FirmaSettings], rpc: RpcClient
) -> None:
    missing = BlobRef(area=TRANSFER_AREA, key="upload/none.pdf", sha256="0" * 64, size=10)
    richiesta = FirmaDemo(correlation_id="pratica-2", ordine=demo.ORDINE, documento=missing)
    esito = await ask(rpc, richiesta, BlobRef, timeout=TIMEOUT)
    assert not esito.ok
    assert esito.errore is not None
    assert esito.errore.codice == "file_non_trovato"
