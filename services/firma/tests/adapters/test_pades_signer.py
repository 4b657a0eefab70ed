"""Signing the Ordine's documents with a PKCS#12 key (the demo Ordine's, issued by the demo
CA), checked by independent validators: poppler's pdfsig with the CA trusted in an NSS
database, and pyhanko's validator; B-T and above with a timestamp authority on 127.0.0.1."""

import io
from collections.abc import Iterator
from pathlib import Path

import pytest
from asn1crypto import pem
from asn1crypto import x509 as asn1_x509
from pyhanko.pdf_utils.reader import PdfFileReader
from pyhanko.sign import signers
from pyhanko.sign.timestamps.aiohttp_client import HTTPTimeStamper

from firma.adapters.demo_pki import FilesystemDemoPki
from firma.adapters.keys import pkcs12_opener
from firma.adapters.pades_signer import FIELD_NAME, PadesDocumentSigner
from firma.adapters.trust import TrustPolicy
from firma.domain.firma import DatiFirma
from firma.ports import InvalidDocumentError
from parcelle_contracts.vocabolario import LivelloFirma
from parcelle_kit import demo

from ..conftest import Pki
from ..support import make_pdf, to_asn1
from ..tsa_server import TsaServer
from ..validators import nss_database, pdfsig, pyhanko_status, tamper

TESTO = "Provvedimento di liquidazione n. 7 - EUR 1.701,00"
ORDINE_PDF = make_pdf(TESTO)


def dati(livello: LivelloFirma = "pades-b-b") -> DatiFirma:
    return DatiFirma(
        firmatario="Marco Verdi",
        motivo="Provvedimento di liquidazione",
        luogo=demo.ORDINE_NOME,
        livello=livello,
    )


@pytest.fixture(scope="module")
def demo_pki(tmp_path_factory: pytest.TempPathFactory) -> FilesystemDemoPki:
    pki = FilesystemDemoPki(
        tmp_path_factory.mktemp("var") / "demo",
        password="demo",
        avvocato=demo.AVVOCATO,
        ordine_nome=demo.ORDINE_NOME,
    )
    pki.ensure()
    return pki


@pytest.fixture(scope="module")
def ordine_ca(demo_pki: FilesystemDemoPki) -> asn1_x509.Certificate:
    _, _, der = pem.unarmor(demo_pki.files.ca.read_bytes())
    return asn1_x509.Certificate.load(der)


@pytest.fixture(scope="module")
def nss(demo_pki: FilesystemDemoPki, tmp_path_factory: pytest.TempPathFactory) -> str:
    return nss_database(tmp_path_factory.mktemp("nss"), demo_pki.files.ca.read_bytes())


@pytest.fixture(scope="module")
def tsa(pki: Pki) -> Iterator[TsaServer]:
    with TsaServer(pki.tsa.timestamper()) as server:
        yield server


def signer_for(
    demo_pki: FilesystemDemoPki,
    tsa: TsaServer | None = None,
    roots: list[asn1_x509.Certificate] | None = None,
) -> PadesDocumentSigner:
    trusted = list(roots or [])
    return PadesDocumentSigner(
        pkcs12_opener(demo_pki.files.ordine, b"demo"),
        timestamper=None if tsa is None else HTTPTimeStamper(tsa.url),
        trust=TrustPolicy(lambda: trusted, revocation_mode="soft-fail", fetch=False, timeout=3),
    )


async def test_b_b_validates_in_pdfsig_and_pyhanko(
    demo_pki: FilesystemDemoPki, ordine_ca: asn1_x509.Certificate, nss: str, tmp_path: Path
) -> None:
    firmato = await signer_for(demo_pki).sign(ORDINE_PDF, dati())
    assert firmato.pdf.startswith(ORDINE_PDF)  # appended: the order's bytes are untouched
    assert firmato.certificato == (f"CN={demo.ORDINE_NOME},O={demo.ORDINE_NOME},C=IT")
    report = pdfsig(firmato.pdf, nss, tmp_path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report
    assert "Total document signed" in report
    assert f"Signature Field Name: {FIELD_NAME}" in report
    status = await pyhanko_status(firmato.pdf, [ordine_ca])
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    (signature,) = PdfFileReader(io.BytesIO(firmato.pdf)).embedded_regular_signatures
    assert signature.sig_object["/Name"] == "Marco Verdi"
    assert signature.sig_object["/Reason"] == "Provvedimento di liquidazione"
    assert signature.sig_object["/Location"] == demo.ORDINE_NOME
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"


async def test_a_tampered_order_fails_both_validators(
    demo_pki: FilesystemDemoPki, ordine_ca: asn1_x509.Certificate, nss: str, tmp_path: Path
) -> None:
    firmato = await signer_for(demo_pki).sign(ORDINE_PDF, dati())
    forged = tamper(firmato.pdf, ORDINE_PDF, b"1.701,00", b"9.701,00")
    report = pdfsig(forged, nss, tmp_path)
    assert "Signature Validation: Signature is Valid." not in report
    assert "Signature Validation:" in report  # pdfsig did examine it
    status = await pyhanko_status(forged, [ordine_ca])
    assert not status.intact


async def test_not_trusted_without_the_ordine_ca(
    demo_pki: FilesystemDemoPki, pki: Pki, tmp_path: Path
) -> None:
    firmato = await signer_for(demo_pki).sign(ORDINE_PDF, dati())
    other = nss_database(tmp_path / "nss", pki.ca.pem())
    assert "Certificate is Trusted." not in pdfsig(firmato.pdf, other, tmp_path)
    status = await pyhanko_status(firmato.pdf, [to_asn1(pki.ca.cert)])
    assert status.intact
    assert not status.trusted


async def test_the_key_is_opened_once(demo_pki: FilesystemDemoPki) -> None:
    opened: list[signers.Signer] = []
    real = pkcs12_opener(demo_pki.files.ordine, b"demo")

    async def counting() -> signers.Signer:
        opened.append(await real())
        return opened[-1]

    signer = PadesDocumentSigner(counting)
    first = await signer.sign(ORDINE_PDF, dati())
    second = await signer.sign(make_pdf("Provvedimento n. 8"), dati())
    assert len(opened) == 1
    assert first.certificato == second.certificato


async def test_a_signature_larger_than_its_room_is_made_again_with_the_room_it_needs(
    demo_pki: FilesystemDemoPki, ordine_ca: asn1_x509.Certificate
) -> None:
    rooms: list[int] = []

    def too_small(signer: signers.Signer, timestamp: bool) -> int:
        rooms.append(1000)
        return 1000

    signer = PadesDocumentSigner(pkcs12_opener(demo_pki.files.ordine, b"demo"), reserve=too_small)
    first = await signer.sign(ORDINE_PDF, dati())
    second = await signer.sign(ORDINE_PDF, dati())
    assert rooms == [1000]  # the grown room is kept for the next signatures
    for firmato in (first, second):
        status = await pyhanko_status(firmato.pdf, [ordine_ca])
        assert (status.intact, status.valid, status.trusted) == (True, True, True)


async def test_b_t_carries_a_trusted_timestamp(
    demo_pki: FilesystemDemoPki,
    ordine_ca: asn1_x509.Certificate,
    pki: Pki,
    tsa: TsaServer,
    nss: str,
    tmp_path: Path,
) -> None:
    signer = signer_for(demo_pki, tsa)
    assert signer.marca_temporale
    before = tsa.requests
    firmato = await signer.sign(ORDINE_PDF, dati("pades-b-t"))
    assert tsa.requests == before + 1  # one token: no dry run against the authority
    report = pdfsig(firmato.pdf, nss, tmp_path)
    assert "Signature Validation: Signature is Valid." in report
    assert "Certificate Validation: Certificate is Trusted." in report
    status = await pyhanko_status(firmato.pdf, [ordine_ca, to_asn1(pki.ca.cert)])
    assert (status.intact, status.valid, status.trusted) == (True, True, True)
    assert status.timestamp_validity is not None
    assert status.timestamp_validity.intact
    assert status.timestamp_validity.trusted


@pytest.mark.parametrize("livello", ["pades-b-lt", "pades-b-lta"])
async def test_b_lt_and_b_lta_add_the_validation_data(
    livello: LivelloFirma,
    demo_pki: FilesystemDemoPki,
    ordine_ca: asn1_x509.Certificate,
    pki: Pki,
    tsa: TsaServer,
    nss: str,
    tmp_path: Path,
) -> None:
    roots = [ordine_ca, to_asn1(pki.ca.cert)]
    firmato = await signer_for(demo_pki, tsa, roots).sign(ORDINE_PDF, dati(livello))
    reader = PdfFileReader(io.BytesIO(firmato.pdf))
    assert "/DSS" in reader.root
    timestamps = [s for s in reader.embedded_signatures if s.sig_object["/Type"] == "/DocTimeStamp"]
    assert len(timestamps) == (1 if livello == "pades-b-lta" else 0)
    assert "Signature is Valid." in pdfsig(firmato.pdf, nss, tmp_path)
    status = await pyhanko_status(firmato.pdf, roots)
    assert (status.intact, status.valid, status.trusted) == (True, True, True)


async def test_what_is_not_a_pdf_is_refused(demo_pki: FilesystemDemoPki) -> None:
    with pytest.raises(InvalidDocumentError):
        await signer_for(demo_pki).sign(b"not a pdf at all", dati())
