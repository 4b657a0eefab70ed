"""Demo signing with fake ports: the signed file, redelivery, and what is refused."""

import pytest

from firma.domain.errors import RichiestaRifiutata
from firma.handlers.firma_demo import firma_demo, luogo
from parcelle_contracts.common import TRANSFER_AREA, BlobRef
from parcelle_contracts.firma import FirmaDemo
from parcelle_kit import demo

from .finti import FakeBlobs, FakeSigner, dependencies, ref


def richiesta(
    documento: BlobRef, message_id: str = "0190b5d2-0000-7000-8000-000000000001"
) -> FirmaDemo:
    return FirmaDemo(
        message_id=message_id, correlation_id="c-1", ordine=demo.ORDINE, documento=documento
    )


async def test_demo_signing_leaves_the_signed_pdf_in_the_transfer_area() -> None:
    blobs, signer = FakeBlobs(), FakeSigner()
    message = richiesta(blobs.add(b"%PDF-1.7 original"))
    signed = await firma_demo(message, dependencies(blobs, signer=signer))
    assert signed.area == TRANSFER_AREA
    assert signed.key == f"firma-demo/{message.message_id}.pdf"
    assert blobs.objects[TRANSFER_AREA, signed.key] == b"%PDF-1.7 original%signed 1\n"
    assert signed == ref(b"%PDF-1.7 original%signed 1\n", signed.key)
    assert signer.locations == [demo.ORDINE_NOME]


async def test_a_redelivered_demo_signing_returns_the_first_file() -> None:
    blobs, signer = FakeBlobs(), FakeSigner()
    message = richiesta(blobs.add(b"%PDF-1.7 original"))
    first = await firma_demo(message, dependencies(blobs, signer=signer))
    second = await firma_demo(message, dependencies(blobs, signer=signer))
    assert second == first
    other = await firma_demo(
        richiesta(message.documento, "0190b5d2-0000-7000-8000-000000000002"),
        dependencies(blobs, signer=signer),
    )
    assert other.key != first.key


async def test_demo_signing_does_not_exist_in_production() -> None:
    blobs = FakeBlobs()
    with pytest.raises(RichiestaRifiutata) as refused:
        await firma_demo(richiesta(blobs.add(b"%PDF-1.7")), dependencies(blobs, signer=None))
    assert refused.value.codice == "non_disponibile"


async def test_demo_signing_refuses_what_is_not_a_pdf() -> None:
    blobs = FakeBlobs()
    with pytest.raises(RichiestaRifiutata) as refused:
        await firma_demo(
            richiesta(blobs.add(b"plain text")), dependencies(blobs, signer=FakeSigner())
        )
    assert refused.value.codice == "dati_non_validi"


async def test_a_message_id_cannot_choose_where_the_file_goes() -> None:
    blobs = FakeBlobs()
    message = richiesta(blobs.add(b"%PDF-1.7 original"), message_id="../../istanze/x")
    signed = await firma_demo(message, dependencies(blobs, signer=FakeSigner()))
    assert signed.key.startswith("firma-demo/")
    assert ".." not in signed.key
    assert signed.key.count("/") == 1


def test_the_location_is_the_ordine() -> None:
    assert luogo(demo.ORDINE) == demo.ORDINE_NOME
    assert luogo("MILANO") == "Ordine degli Avvocati MILANO"
