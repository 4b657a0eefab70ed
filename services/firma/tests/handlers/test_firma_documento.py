"""Signing the Ordine's documents with fake ports: the reply, redelivery, levels, refusals."""

import pytest

from firma.domain.errors import RichiestaRifiutata
from firma.handlers.firma_documento import firma_documento
from parcelle_contracts.common import TRANSFER_AREA, BlobRef
from parcelle_contracts.firma import FirmaDocumento
from parcelle_contracts.vocabolario import LivelloFirma
from parcelle_kit import demo

from .finti import FakeBlobs, FakeDocumentSigner, dependencies, ref

ORDINE = b"%PDF-1.7 provvedimento"


def comando(
    documento: BlobRef,
    *,
    message_id: str = "0190b5d2-0000-7000-8000-0000000000a1",
    livello: LivelloFirma | None = None,
    luogo: str | None = None,
) -> FirmaDocumento:
    return FirmaDocumento(
        message_id=message_id,
        correlation_id="c-1",
        ordine=demo.ORDINE,
        documento=documento,
        firmatario="Marco Verdi",
        motivo="Provvedimento di liquidazione",
        luogo=luogo,
        livello=livello,
    )


async def test_the_signed_pdf_is_left_in_the_transfer_area_with_what_was_applied() -> None:
    blobs, signer = FakeBlobs(), FakeDocumentSigner()
    message = comando(blobs.add(ORDINE))
    apposta = await firma_documento(message, dependencies(blobs, document_signer=signer))
    signed = ORDINE + b"%pades-b-b 1\n"
    assert apposta.documento == ref(signed, f"firma/{message.message_id}.pdf")
    assert blobs.objects[TRANSFER_AREA, apposta.documento.key] == signed
    assert apposta.certificato == FakeDocumentSigner.certificato
    assert apposta.livello == "pades-b-b"
    (dati,) = signer.signed
    assert (dati.firmatario, dati.motivo, dati.luogo) == (
        "Marco Verdi",
        "Provvedimento di liquidazione",
        demo.ORDINE_NOME,
    )


async def test_a_redelivered_command_answers_with_the_first_file_and_signs_nothing() -> None:
    blobs, signer = FakeBlobs(), FakeDocumentSigner()
    message = comando(blobs.add(ORDINE))
    first = await firma_documento(message, dependencies(blobs, document_signer=signer))
    again = await firma_documento(message, dependencies(blobs, document_signer=signer))
    assert again == first
    assert len(signer.signed) == 1
    other = await firma_documento(
        comando(message.documento, message_id="0190b5d2-0000-7000-8000-0000000000a2"),
        dependencies(blobs, document_signer=signer),
    )
    assert other.documento.key != first.documento.key
    assert len(signer.signed) == 2


async def test_the_default_level_is_b_t_with_a_timestamp_authority() -> None:
    blobs, signer = FakeBlobs(), FakeDocumentSigner(marca_temporale=True)
    apposta = await firma_documento(
        comando(blobs.add(ORDINE)), dependencies(blobs, document_signer=signer)
    )
    assert apposta.livello == "pades-b-t"


async def test_a_level_and_a_location_asked_for_are_applied() -> None:
    blobs, signer = FakeBlobs(), FakeDocumentSigner(marca_temporale=True)
    message = comando(blobs.add(ORDINE), livello="pades-b-lta", luogo="Roma")
    apposta = await firma_documento(message, dependencies(blobs, document_signer=signer))
    assert apposta.livello == "pades-b-lta"
    assert signer.signed[0].luogo == "Roma"


async def test_a_timestamped_level_without_an_authority_is_refused_before_signing() -> None:
    blobs, signer = FakeBlobs(), FakeDocumentSigner()
    with pytest.raises(RichiestaRifiutata) as refused:
        await firma_documento(
            comando(blobs.add(ORDINE), livello="pades-b-t"),
            dependencies(blobs, document_signer=signer),
        )
    assert refused.value.codice == "livello_non_disponibile"
    assert signer.signed == []


async def test_without_a_signer_signing_is_not_available() -> None:
    blobs = FakeBlobs()
    with pytest.raises(RichiestaRifiutata) as refused:
        await firma_documento(comando(blobs.add(ORDINE)), dependencies(blobs))
    assert refused.value.codice == "non_disponibile"


async def test_what_is_not_a_pdf_is_refused() -> None:
    blobs = FakeBlobs()
    with pytest.raises(RichiestaRifiutata) as refused:
        await firma_documento(
            comando(blobs.add(b"plain text")),
            dependencies(blobs, document_signer=FakeDocumentSigner()),
        )
    assert refused.value.codice == "dati_non_validi"


async def test_a_file_other_than_the_one_described_is_refused() -> None:
    blobs = FakeBlobs()
    described = blobs.add(ORDINE)
    blobs.objects[TRANSFER_AREA, described.key] = b"%PDF-1.7 another"
    with pytest.raises(RichiestaRifiutata) as refused:
        await firma_documento(
            comando(described), dependencies(blobs, document_signer=FakeDocumentSigner())
        )
    assert refused.value.codice == "file_non_corrispondente"
