"""The pyhanko verifier with the domain's rules: each case gives exactly its Problema codes."""

import base64

import pytest

from firma.adapters.verifier import PyhankoVerifier
from firma.domain.esame import Impronta
from firma.domain.verdetto import Verdetto, valuta

from ..conftest import Pki
from ..support import (
    ALTRO_CF,
    AVVOCATO_CF,
    DAY,
    NOW,
    add_document_timestamp,
    append_page_text,
    make_pdf,
    sign_cades,
    sign_pades,
)


async def verdict(verifier: PyhankoVerifier, data: bytes, impronta: Impronta) -> Verdetto:
    esame = await verifier.examine(data, impronta, AVVOCATO_CF)
    return valuta(esame, AVVOCATO_CF)


def codes(verdetto: Verdetto) -> list[str]:
    return [problema.codice for problema in verdetto.problemi]


async def test_valid_pades(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    result = await verdict(verifier, await sign_pades(pdf, pki.avvocato), impronta)
    assert codes(result) == []
    assert result.valida
    assert result.tipo == "pades"
    assert result.firmatario == "Mario Rossi"
    assert result.codice_fiscale == AVVOCATO_CF
    assert result.emittente == "Parcelle Test CA"
    assert result.firmato_il is not None
    assert abs(result.firmato_il - NOW) < DAY


@pytest.mark.parametrize("encoding", ["der", "base64", "pem"])
async def test_valid_cades(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta, encoding: str
) -> None:
    p7m = await sign_cades(pdf, pki.avvocato)
    if encoding == "base64":
        p7m = base64.encodebytes(p7m)
    elif encoding == "pem":
        p7m = b"-----BEGIN PKCS7-----\n" + base64.encodebytes(p7m) + b"-----END PKCS7-----\n"
    result = await verdict(verifier, p7m, impronta)
    assert codes(result) == []
    assert result.tipo == "cades"
    assert result.codice_fiscale == AVVOCATO_CF


async def test_content_changed_by_an_update_after_signing(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    signed = await sign_pades(pdf, pki.avvocato)
    tampered = append_page_text(signed, "Totale EUR 9.999,00")
    assert codes(await verdict(verifier, tampered, impronta)) == ["modificato_dopo_la_firma"]


async def test_byte_flipped_inside_the_signed_range(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    signed = await sign_pades(pdf, pki.avvocato)
    at = signed.index(b"1.701,00")
    tampered = signed[:at] + b"9" + signed[at + 1 :]
    assert codes(await verdict(verifier, tampered, impronta)) == ["modificato_dopo_la_firma"]


async def test_document_timestamp_after_signing_is_allowed(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    signed = await add_document_timestamp(await sign_pades(pdf, pki.avvocato), pki.tsa)
    assert codes(await verdict(verifier, signed, impronta)) == []


async def test_signed_by_someone_else(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    result = await verdict(verifier, await sign_pades(pdf, pki.altro), impronta)
    assert codes(result) == ["firmatario_diverso"]
    assert result.codice_fiscale == ALTRO_CF
    assert ALTRO_CF in result.problemi[0].messaggio


async def test_the_applicants_signature_is_chosen_among_several(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    """Another signature before the applicant's adds no content; one after it changes the
    document after the applicant signed (only DSS and document timestamps may follow)."""
    before = await sign_pades(await sign_pades(pdf, pki.altro), pki.avvocato, field_name="F2")
    result = await verdict(verifier, before, impronta)
    assert (codes(result), result.codice_fiscale) == ([], AVVOCATO_CF)
    after = await sign_pades(await sign_pades(pdf, pki.avvocato), pki.altro, field_name="F2")
    result = await verdict(verifier, after, impronta)
    assert (codes(result), result.codice_fiscale) == (["modificato_dopo_la_firma"], AVVOCATO_CF)


async def test_untrusted_certificate(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    result = await verdict(verifier, await sign_pades(pdf, pki.estraneo), impronta)
    assert codes(result) == ["certificato_non_attendibile"]
    assert result.emittente == "Untrusted CA"


async def test_expired_certificate(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    signed = await sign_pades(pdf, pki.scaduto, at=NOW - 500 * DAY)
    # The claimed signing time is within the certificate's validity, but only a timestamp
    # would prove it: without one the certificate is judged now, and it has expired.
    assert codes(await verdict(verifier, signed, impronta)) == ["certificato_scaduto"]


async def test_not_yet_valid_certificate(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    signed = await sign_pades(pdf, pki.futuro)
    assert codes(await verdict(verifier, signed, impronta)) == ["certificato_non_ancora_valido"]


async def test_a_trusted_timestamp_proves_the_certificate_was_valid_then(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    when = NOW - 500 * DAY
    signed = await sign_pades(pdf, pki.scaduto, timestamper=pki.tsa.timestamper(when), at=when)
    result = await verdict(verifier, signed, impronta)
    assert codes(result) == []
    assert result.firmato_il is not None
    assert abs(result.firmato_il - when) < DAY


async def test_a_claimed_signing_time_after_expiry_is_refused_even_with_a_timestamp(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    when = NOW - 500 * DAY
    signed = await sign_pades(pdf, pki.scaduto, timestamper=pki.tsa.timestamper(when), at=NOW)
    assert codes(await verdict(verifier, signed, impronta)) == ["certificato_scaduto"]


async def test_cades_timestamp_and_claimed_time(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    when = NOW - 500 * DAY
    p7m = await sign_cades(
        pdf, pki.scaduto, timestamper=pki.tsa.timestamper(when), signing_time=when
    )
    assert codes(await verdict(verifier, p7m, impronta)) == []
    early = await sign_cades(pdf, pki.avvocato, signing_time=NOW - 30 * DAY)
    assert codes(await verdict(verifier, early, impronta)) == ["certificato_non_ancora_valido"]


async def test_a_different_pdf_signed(
    verifier: PyhankoVerifier, pki: Pki, impronta: Impronta
) -> None:
    other = make_pdf("Istanza di opinamento n. 2 - totale EUR 9.999,00")
    result = await verdict(verifier, await sign_pades(other, pki.avvocato), impronta)
    assert codes(result) == ["documento_diverso"]


async def test_original_changed_by_an_update_before_signing(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    changed = append_page_text(pdf, "Totale EUR 9.999,00")
    assert changed.startswith(pdf)
    result = await verdict(verifier, await sign_pades(changed, pki.avvocato), impronta)
    assert codes(result) == ["documento_diverso"]


async def test_cades_with_a_different_document(
    verifier: PyhankoVerifier, pki: Pki, impronta: Impronta
) -> None:
    p7m = await sign_cades(make_pdf("un altro documento"), pki.avvocato)
    assert codes(await verdict(verifier, p7m, impronta)) == ["documento_diverso"]


async def test_cades_without_the_document_inside(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    p7s = await sign_cades(pdf, pki.avvocato, detached=True)
    result = await verdict(verifier, p7s, impronta)
    assert codes(result) == ["formato_non_riconosciuto"]
    assert "firma separata" in result.problemi[0].messaggio


async def test_cades_with_a_broken_signature(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    p7m = bytearray(await sign_cades(pdf, pki.avvocato))
    p7m[-10] ^= 0xFF  # inside the signature value, at the end of the only SignerInfo
    assert codes(await verdict(verifier, bytes(p7m), impronta)) == ["firma_non_valida"]


async def test_unsigned_pdf(verifier: PyhankoVerifier, pdf: bytes, impronta: Impronta) -> None:
    result = await verdict(verifier, pdf, impronta)
    assert codes(result) == ["firma_assente"]
    assert result.tipo == "pades"


@pytest.mark.parametrize(
    "data",
    [b"Gentile Consiglio, allego la parcella.", b"\x30\x03\x02\x01\x01", b"%PDF-1.7\ngarbage"],
    ids=["text", "other-der", "broken-pdf"],
)
async def test_not_a_signed_document(
    verifier: PyhankoVerifier, impronta: Impronta, data: bytes
) -> None:
    assert codes(await verdict(verifier, data, impronta)) == ["formato_non_riconosciuto"]
