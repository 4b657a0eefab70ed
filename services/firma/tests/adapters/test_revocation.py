"""Revocation with a CRL served on 127.0.0.1, fetched the way a CA's distribution point is."""

from datetime import datetime

import pytest
from pyhanko.sign.timestamps.dummy_client import DummyTimeStamper

from firma.domain.esame import Impronta
from firma.domain.verdetto import valuta

from ..conftest import Pki, RevocationPki, verifier_for
from ..support import AVVOCATO_CF, DAY, NOW, Identity, sign_cades, sign_pades


async def codes(
    pki: RevocationPki,
    signer: Identity,
    pdf: bytes,
    impronta: Impronta,
    mode: str,
    *,
    timestamper: DummyTimeStamper | None = None,
    at: datetime | None = None,
) -> list[str]:
    verifier = verifier_for(pki.ca, mode=mode, fetch=True)
    signed = await sign_pades(pdf, signer, timestamper=timestamper, at=at)
    esame = await verifier.examine(signed, impronta, AVVOCATO_CF)
    return [problema.codice for problema in valuta(esame, AVVOCATO_CF).problemi]


@pytest.mark.parametrize("mode", ["soft-fail", "hard-fail", "require"])
async def test_a_certificate_the_crl_does_not_list_is_valid(
    revocation: RevocationPki, pdf: bytes, impronta: Impronta, mode: str
) -> None:
    assert await codes(revocation, revocation.valido, pdf, impronta, mode) == []


@pytest.mark.parametrize("mode", ["soft-fail", "hard-fail"])
async def test_a_revoked_certificate_is_refused_whenever_the_crl_is_available(
    revocation: RevocationPki, pdf: bytes, impronta: Impronta, mode: str
) -> None:
    result = await codes(revocation, revocation.revocato, pdf, impronta, mode)
    assert result == ["certificato_revocato"]


async def test_a_revoked_cades_signer_is_refused(
    revocation: RevocationPki, pdf: bytes, impronta: Impronta
) -> None:
    verifier = verifier_for(revocation.ca, mode="hard-fail", fetch=True)
    p7m = await sign_cades(pdf, revocation.revocato)
    esame = await verifier.examine(p7m, impronta, AVVOCATO_CF)
    assert [p.codice for p in valuta(esame, AVVOCATO_CF).problemi] == ["certificato_revocato"]


async def test_a_revocation_after_a_timestamped_signature_does_not_count(
    revocation: RevocationPki, pdf: bytes, impronta: Impronta
) -> None:
    when = NOW - 5 * DAY  # revoked NOW - 2 days
    stamper = revocation.tsa.timestamper(when)
    result = await codes(
        revocation,
        revocation.revocato_dopo,
        pdf,
        impronta,
        "hard-fail",
        timestamper=stamper,
        at=when,
    )
    assert result == []
    # Without the timestamp nothing proves the signature predates the revocation.
    late = await codes(revocation, revocation.revocato_dopo, pdf, impronta, "hard-fail", at=when)
    assert late == ["certificato_revocato"]


async def test_unreachable_revocation_information(
    revocation: RevocationPki, pdf: bytes, impronta: Impronta
) -> None:
    signer = revocation.irraggiungibile
    assert await codes(revocation, signer, pdf, impronta, "soft-fail") == []
    assert await codes(revocation, signer, pdf, impronta, "hard-fail") == [
        "certificato_non_attendibile"
    ]


async def test_certificates_without_revocation_pointers(
    pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    """Accepted by soft-fail (development) and hard-fail (production's default); refused only
    when every certificate must have revocation information."""
    signed = await sign_pades(pdf, pki.avvocato)
    for mode, expected in [
        ("soft-fail", []),
        ("hard-fail", []),
        ("require", ["certificato_non_attendibile"]),
    ]:
        esame = await verifier_for(pki.ca, mode=mode, fetch=True).examine(signed, impronta, "x")
        problemi = valuta(esame, AVVOCATO_CF).problemi
        assert [p.codice for p in problemi] == expected, mode
        if expected:
            assert "revocato" in problemi[0].messaggio
