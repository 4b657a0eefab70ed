"""Damaged uploads get an answer: whatever bytes arrive, verification returns a verdict.

A request that raised would be retried and dead-lettered while the lawyer's page waits for a
timeout; so random corruption of real signed files must end in problems, not exceptions.
"""

import random

import pytest

from firma.adapters.verifier import PyhankoVerifier
from firma.domain.esame import Impronta
from firma.domain.verdetto import valuta

from ..conftest import Pki
from ..support import AVVOCATO_CF, sign_cades, sign_pades


def corrupted(data: bytes, rnd: random.Random) -> bytes:
    damaged = bytearray(data)
    for _ in range(rnd.choice([1, 1, 2, 5])):
        damaged[rnd.randrange(len(damaged))] = rnd.randrange(256)
    if rnd.random() < 0.2:
        damaged = damaged[: rnd.randrange(len(damaged))]
    return bytes(damaged)


@pytest.mark.parametrize("kind", ["pades", "cades"])
async def test_corrupted_signed_files_always_get_a_verdict(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta, kind: str
) -> None:
    signed = (
        await sign_pades(pdf, pki.avvocato)
        if kind == "pades"
        else await sign_cades(pdf, pki.avvocato)
    )
    rnd = random.Random(f"firma-{kind}")  # fixed seed: the same cases on every run
    for _ in range(60):
        esame = await verifier.examine_here(corrupted(signed, rnd), impronta, AVVOCATO_CF)
        verdetto = valuta(esame, AVVOCATO_CF)
        # Told by content: a p7m damaged beyond parsing may still look like the PDF it holds.
        assert verdetto.tipo in {"pades", "cades", None}
        assert all(problema.messaggio for problema in verdetto.problemi)


async def test_a_truncated_pdf_is_reported_as_damaged(
    verifier: PyhankoVerifier, pki: Pki, pdf: bytes, impronta: Impronta
) -> None:
    signed = await sign_pades(pdf, pki.avvocato)
    esame = await verifier.examine_here(signed[: len(signed) // 2], impronta, AVVOCATO_CF)
    (problema,) = valuta(esame, AVVOCATO_CF).problemi
    assert problema.codice == "formato_non_riconosciuto"
