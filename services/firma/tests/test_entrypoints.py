"""The service on the real broker: a demo-signed PDF verifies as the demo lawyer's signature;
the demo Ordine signs an order that pdfsig validates."""

import hashlib
import stat
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from firma.config import FirmaSettings
from parcelle_contracts.common import TRANSFER_AREA, BlobRef
from parcelle_contracts.firma import (
    EsitoVerifica,
    FirmaApposta,
    FirmaDemo,
    FirmaDocumento,
    Originale,
    VerificaFirma,
)
from parcelle_kit import demo
from parcelle_kit.bus import RpcClient
from parcelle_kit.requests import ask
from parcelle_kit.service import Runtime

from .support import make_pdf
from .validators import nss_database, pdfsig

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


async def test_the_ordine_signs_an_order_and_a_repeated_command_gets_the_same_file(
    firma: Runtime[FirmaSettings], rpc: RpcClient, tmp_path: Path
) -> None:
    pdf = make_pdf("Provvedimento di liquidazione n. 1")
    documento = await _upload(firma, "upload/provvedimento.pdf", pdf)
    comando = FirmaDocumento(
        correlation_id="pratica-3",
        ordine=demo.ORDINE,
        documento=documento,
        firmatario="Marco Verdi",
        motivo="Provvedimento di liquidazione",
    )
    esito = await ask(rpc, comando, FirmaApposta, timeout=TIMEOUT)
    assert esito.ok, esito.errore
    assert esito.dati is not None
    apposta = esito.dati
    assert apposta.livello == "pades-b-b"  # the demo: no timestamp authority
    assert apposta.certificato == f"CN={demo.ORDINE_NOME},O={demo.ORDINE_NOME},C=IT"
    signed = await firma.transfer.get(apposta.documento.key)
    assert signed.startswith(pdf)
    assert hashlib.sha256(signed).hexdigest() == apposta.documento.sha256

    # The demo Ordine's certificate is issued by the demo CA, var/demo/ca.pem.
    ca = (demo.directory(firma.settings.var_dir) / "ca.pem").read_bytes()
    report = pdfsig(signed, nss_database(tmp_path / "nss", ca), tmp_path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report
    assert "Total document signed" in report

    again = await ask(rpc, comando, FirmaApposta, timeout=TIMEOUT)
    assert again.dati == apposta

    refused = await ask(
        rpc,
        comando.model_copy(update={"message_id": "x-2", "livello": "pades-b-t"}),
        FirmaApposta,
        timeout=TIMEOUT,
    )
    assert refused.errore is not None
    assert refused.errore.codice == "livello_non_disponibile"
