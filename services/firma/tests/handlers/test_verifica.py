"""Verification with fake ports: the verdict the caller gets back, and what is refused and how."""

import pytest

from firma.domain.errors import RichiestaRifiutata
from firma.handlers.verifica import verifica_firma

from .finti import CF, QUANDO, FakeBlobs, FakeVerifier, dependencies, ref, verifica


async def test_verification_reports_the_verdict() -> None:
    blobs = FakeBlobs()
    message = verifica(blobs.add(b"signed bytes"))
    fake = dependencies(blobs)
    esito = await verifica_firma(message, fake)
    assert esito.valida
    assert esito.tipo == "cades"
    assert (esito.firmatario, esito.codice_fiscale, esito.emittente) == (
        "Mario Rossi",
        CF,
        "Test CA",
    )
    assert esito.firmato_il == QUANDO
    assert esito.problemi == []
    assert isinstance(fake.verifier, FakeVerifier)
    ((firmato, originale, codice_fiscale),) = fake.verifier.calls
    assert firmato == b"signed bytes"
    assert (originale.sha256, originale.size) == (message.originale.sha256, message.originale.size)
    assert codice_fiscale == CF


async def test_verification_lists_the_problems() -> None:
    blobs = FakeBlobs()
    esito = await verifica_firma(verifica(blobs.add(b"x"), "VRDMRC70A01H501Q"), dependencies(blobs))
    assert not esito.valida
    assert [p.codice for p in esito.problemi] == ["firmatario_diverso"]
    assert "VRDMRC70A01H501Q" in esito.problemi[0].messaggio


async def test_a_missing_file_is_refused() -> None:
    blobs = FakeBlobs()
    with pytest.raises(RichiestaRifiutata) as refused:
        await verifica_firma(verifica(ref(b"nowhere")), dependencies(blobs))
    assert refused.value.codice == "file_non_trovato"
    assert "firmato" in refused.value.campi


async def test_a_file_that_is_not_the_one_referenced_is_refused() -> None:
    blobs = FakeBlobs()
    blobs.add(b"other bytes", key="upload/1")
    with pytest.raises(RichiestaRifiutata) as refused:
        await verifica_firma(verifica(ref(b"claimed bytes", "upload/1")), dependencies(blobs))
    assert refused.value.codice == "file_non_corrispondente"


async def test_a_file_too_large_is_refused_before_reading() -> None:
    blobs = FakeBlobs()
    big = blobs.add(b"x" * 2048)
    with pytest.raises(RichiestaRifiutata) as refused:
        await verifica_firma(verifica(big), dependencies(blobs, max_file_size=1024))
    assert refused.value.codice == "file_troppo_grande"
