"""The Ordine's key in a remote signing service over the CSC API v2: a service the test runs on
127.0.0.1 (tests/csc_server.py); checked by pdfsig and pyhanko."""

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from pydantic import SecretStr
from pyhanko.sign.general import SigningError

from firma.adapters.csc import csc_opener
from firma.adapters.pades_signer import PadesDocumentSigner
from firma.adapters.trust import TrustPolicy
from firma.bootstrap import build_document_signer
from firma.config import FirmaSettings
from firma.domain.firma import DatiFirma
from parcelle_kit import demo

from ..csc_server import CscServer
from ..support import issue_for_key, make_pdf, new_ca, to_asn1
from ..validators import nss_database, pdfsig, pyhanko_status, tamper

TESTO = "Provvedimento di liquidazione n. 12 - EUR 3.100,00"
ORDINE_PDF = make_pdf(TESTO)
DATI = DatiFirma(
    firmatario="Marco Verdi",
    motivo="Provvedimento di liquidazione",
    luogo=demo.ORDINE_NOME,
    livello="pades-b-b",
)
CA = new_ca("Ordine Remote CA")
KEY = rsa.generate_private_key(public_exponent=65537, key_size=2048)
CERT = issue_for_key(CA, "Ordine degli Avvocati Remoto", KEY.public_key())


@pytest.fixture
async def csc() -> AsyncIterator[CscServer]:
    async with CscServer(KEY, [CERT, CA.cert], token="access-token", pin="2468") as server:
        yield server


def remote_signer(csc: CscServer, *, token: str = "access-token") -> PadesDocumentSigner:
    opener = csc_opener(csc.url, token=token, credential=None, pin="2468", timeout=10)
    return PadesDocumentSigner(opener)


async def test_signs_remotely_with_the_credential(csc: CscServer, tmp_path: Path) -> None:
    signer = remote_signer(csc)
    try:
        firmato = await signer.sign(ORDINE_PDF, DATI)
        again = await signer.sign(make_pdf("Provvedimento n. 13"), DATI)
    finally:
        await signer.close()
    assert firmato.pdf.startswith(ORDINE_PDF)
    assert firmato.certificato == CERT.subject.rfc4514_string() == again.certificato
    # The credential is looked up once; each signature is authorised and signed on its hash.
    assert csc.calls == {
        "info": 1,
        "credentials/list": 1,
        "credentials/info": 1,
        "credentials/authorize": 2,
        "signatures/signHash": 2,
    }
    nss = nss_database(tmp_path / "nss", CA.cert.public_bytes(serialization.Encoding.PEM))
    report = pdfsig(firmato.pdf, nss, tmp_path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report
    assert "Total document signed" in report
    status = await pyhanko_status(firmato.pdf, [to_asn1(CA.cert)])
    assert (status.intact, status.valid, status.trusted) == (True, True, True)

    forged = tamper(firmato.pdf, ORDINE_PDF, b"3.100,00", b"7.100,00")
    assert "Signature is Valid." not in pdfsig(forged, nss, tmp_path)
    assert not (await pyhanko_status(forged, [to_asn1(CA.cert)])).intact


async def test_a_refused_token_is_a_signing_failure(csc: CscServer) -> None:
    signer = remote_signer(csc, token="expired")
    try:
        with pytest.raises(SigningError):
            await signer.sign(ORDINE_PDF, DATI)
    finally:
        await signer.close()
    assert csc.calls["signatures/signHash"] == 0


async def test_the_settings_choose_the_service_and_its_credential(
    csc: CscServer, tmp_path: Path
) -> None:
    settings = FirmaSettings(
        var_dir=tmp_path,
        signer="csc",
        csc_url=csc.url,
        csc_credential=csc.credential,
        csc_token=SecretStr("access-token"),
        csc_pin=SecretStr("2468"),
    )
    policy = TrustPolicy(list, revocation_mode="soft-fail", fetch=False, timeout=3)
    signer = build_document_signer(settings, None, policy)
    assert signer is not None
    try:
        firmato = await signer.sign(ORDINE_PDF, DATI)
    finally:
        await signer.close()
    assert firmato.certificato == CERT.subject.rfc4514_string()
    assert csc.calls["credentials/list"] == 0  # the credential was named
    assert csc.calls["signatures/signHash"] == 1
