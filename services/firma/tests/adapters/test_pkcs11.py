"""The Ordine's key on a PKCS#11 token: SoftHSM2, initialised by the test in a temporary
directory, through pyhanko's PKCS#11 support; checked by pdfsig and pyhanko."""

import asyncio
import io
import os
from collections.abc import Iterator
from pathlib import Path

import pytest
from cryptography.hazmat.primitives import serialization
from pydantic import SecretStr
from pyhanko.pdf_utils.reader import PdfFileReader

from firma.adapters.pades_signer import PadesDocumentSigner
from firma.adapters.pkcs11 import pkcs11_opener
from firma.adapters.trust import TrustPolicy
from firma.bootstrap import build_document_signer
from firma.config import FirmaSettings
from firma.domain.firma import DatiFirma
from parcelle_kit import demo

from ..softhsm import Token, make_token
from ..support import make_pdf, new_ca, to_asn1
from ..validators import nss_database, pdfsig, pyhanko_status, tamper

TESTO = "Provvedimento di liquidazione n. 11 - EUR 2.400,00"
ORDINE_PDF = make_pdf(TESTO)
DATI = DatiFirma(
    firmatario="Marco Verdi",
    motivo="Provvedimento di liquidazione",
    luogo=demo.ORDINE_NOME,
    livello="pades-b-b",
)
CA = new_ca("Ordine Test CA")


@pytest.fixture(scope="module")
def token(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Token]:
    before = os.environ.get("SOFTHSM2_CONF")
    yield make_token(tmp_path_factory.mktemp("softhsm"), CA, "Ordine degli Avvocati di Test")
    if before is None:
        os.environ.pop("SOFTHSM2_CONF", None)
    else:
        os.environ["SOFTHSM2_CONF"] = before


@pytest.fixture(scope="module")
def nss(tmp_path_factory: pytest.TempPathFactory) -> str:
    pem = CA.cert.public_bytes(serialization.Encoding.PEM)
    return nss_database(tmp_path_factory.mktemp("nss"), pem)


def token_signer(token: Token) -> PadesDocumentSigner:
    opener = pkcs11_opener(
        token.module, token=token.label, key_label=token.key_label, pin=token.pin
    )
    return PadesDocumentSigner(opener)


async def test_signs_with_the_key_on_the_token(token: Token, nss: str, tmp_path: Path) -> None:
    signer = token_signer(token)
    try:
        firmato = await signer.sign(ORDINE_PDF, DATI)
    finally:
        await signer.close()
    assert firmato.pdf.startswith(ORDINE_PDF)
    assert firmato.certificato == token.cert.subject.rfc4514_string()
    report = pdfsig(firmato.pdf, nss, tmp_path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report
    assert "Total document signed" in report
    status = await pyhanko_status(firmato.pdf, [to_asn1(CA.cert)])
    assert (status.intact, status.valid, status.trusted) == (True, True, True)

    forged = tamper(firmato.pdf, ORDINE_PDF, b"2.400,00", b"8.400,00")
    assert "Signature is Valid." not in pdfsig(forged, nss, tmp_path)
    assert not (await pyhanko_status(forged, [to_asn1(CA.cert)])).intact


async def test_concurrent_signatures_share_one_session(token: Token) -> None:
    signer = token_signer(token)
    try:
        documents = [make_pdf(f"Provvedimento n. {n}") for n in range(4)]
        signed = await asyncio.gather(*(signer.sign(pdf, DATI) for pdf in documents))
    finally:
        await signer.close()
    for pdf, firmato in zip(documents, signed, strict=True):
        assert firmato.pdf.startswith(pdf)
        status = await pyhanko_status(firmato.pdf, [to_asn1(CA.cert)])
        assert (status.intact, status.valid) == (True, True)
        (signature,) = PdfFileReader(io.BytesIO(firmato.pdf)).embedded_regular_signatures
        assert signature.signer_cert.dump() == to_asn1(token.cert).dump()


async def test_the_settings_choose_the_token(token: Token, tmp_path: Path) -> None:
    settings = FirmaSettings(
        var_dir=tmp_path,
        signer="pkcs11",
        pkcs11_module=token.module,
        pkcs11_token=token.label,
        pkcs11_key_label=token.key_label,
        pkcs11_pin=SecretStr(token.pin),
    )
    policy = TrustPolicy(list, revocation_mode="soft-fail", fetch=False, timeout=3)
    signer = build_document_signer(settings, None, policy)
    assert signer is not None
    try:
        firmato = await signer.sign(ORDINE_PDF, DATI)
    finally:
        await signer.close()
    assert firmato.certificato == token.cert.subject.rfc4514_string()
    assert not (tmp_path / "demo").exists()  # the token, not the demo PKI
