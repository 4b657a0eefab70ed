"""The demo signer: PAdES by incremental update, with the demo lawyer's certificate."""

import io
from pathlib import Path

import pytest
from pyhanko.pdf_utils.reader import PdfFileReader

from firma.adapters.demo_pki import FilesystemDemoPki
from firma.adapters.signer import REASON, Pkcs12Signer
from firma.adapters.trust import CachedRoots, TrustPolicy
from firma.adapters.verifier import PyhankoVerifier
from firma.domain.esame import Impronta
from firma.domain.verdetto import valuta
from firma.ports import InvalidDocumentError
from parcelle_kit import demo


@pytest.fixture
def demo_pki(tmp_path: Path) -> FilesystemDemoPki:
    return FilesystemDemoPki(
        tmp_path / "demo", password="demo", avvocato=demo.AVVOCATO, ordine_nome=demo.ORDINE_NOME
    )


@pytest.fixture
def signer(demo_pki: FilesystemDemoPki) -> Pkcs12Signer:
    return Pkcs12Signer(demo_pki.files.avvocato, "demo", ready=demo_pki.ensure)


async def test_signs_by_appending_to_the_original(
    signer: Pkcs12Signer, demo_pki: FilesystemDemoPki, pdf: bytes, impronta: Impronta
) -> None:
    signed = await signer.sign(pdf, location=demo.ORDINE_NOME)
    assert signed.startswith(pdf)
    (signature,) = PdfFileReader(io.BytesIO(signed)).embedded_regular_signatures
    assert signature.sig_object["/Reason"] == REASON
    assert signature.sig_object["/Location"] == demo.ORDINE_NOME
    assert signature.sig_object["/SubFilter"] == "/ETSI.CAdES.detached"
    roots = CachedRoots(lambda: demo_pki.files.ca)
    policy = TrustPolicy(roots, revocation_mode="soft-fail", fetch=False, timeout=3)
    cf = demo.AVVOCATO.codice_fiscale
    assert cf is not None
    verdetto = valuta(await PyhankoVerifier(policy).examine(signed, impronta, cf), cf)
    assert verdetto.problemi == []
    assert (verdetto.firmatario, verdetto.codice_fiscale) == ("Giulia Bianchi", cf)


async def test_refuses_what_is_not_a_pdf(signer: Pkcs12Signer) -> None:
    with pytest.raises(InvalidDocumentError):
        await signer.sign(b"not a pdf at all", location="Demo")
