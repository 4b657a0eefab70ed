"""The use cases with fake ports: what the caller gets back, and what is refused and how."""

import hashlib
from datetime import UTC, datetime

import pytest

from firma import handlers
from firma.domain.errors import RichiestaRifiutata
from firma.domain.esame import Catena, Certificato, Documento, EsameFirma, Impronta
from firma.handlers import Ports
from firma.ports import BlobMissingError, BlobTooLargeError, InvalidDocumentError
from parcelle_contracts.common import TRANSFER_AREA, BlobRef
from parcelle_contracts.firma import FirmaDemo, Originale, VerificaFirma
from parcelle_kit import demo

CF = "RSSMRA80A01H501U"
QUANDO = datetime(2026, 3, 15, 10, 0, tzinfo=UTC)


def ref(data: bytes, key: str = "upload/1", area: str = TRANSFER_AREA) -> BlobRef:
    return BlobRef(area=area, key=key, sha256=hashlib.sha256(data).hexdigest(), size=len(data))


class FakeBlobs:
    def __init__(self) -> None:
        self.objects: dict[tuple[str, str], bytes] = {}

    def add(self, data: bytes, key: str = "upload/1", area: str = TRANSFER_AREA) -> BlobRef:
        self.objects[area, key] = data
        return ref(data, key, area)

    async def read(self, blob: BlobRef, *, max_size: int) -> bytes:
        data = self.objects.get((blob.area, blob.key))
        if data is None:
            raise BlobMissingError(blob.key)
        if len(data) > max_size:
            raise BlobTooLargeError(len(data))
        return data

    async def publish(self, key: str, data: bytes, *, content_type: str) -> BlobRef:
        assert content_type == "application/pdf"
        self.objects.setdefault((TRANSFER_AREA, key), data)  # write-once: first one stays
        return ref(self.objects[TRANSFER_AREA, key], key)


class FakeVerifier:
    def __init__(self, esame: EsameFirma) -> None:
        self.esame = esame
        self.calls: list[tuple[bytes, Impronta, str]] = []

    async def examine(self, firmato: bytes, originale: Impronta, codice_fiscale: str) -> EsameFirma:
        self.calls.append((firmato, originale, codice_fiscale))
        return self.esame


class FakeSigner:
    def __init__(self) -> None:
        self.signatures = 0
        self.locations: list[str] = []

    async def sign(self, pdf: bytes, *, location: str) -> bytes:
        if not pdf.startswith(b"%PDF-"):
            raise InvalidDocumentError("not a PDF")
        self.signatures += 1
        self.locations.append(location)
        return pdf + f"%signed {self.signatures}\n".encode()


VALIDA = EsameFirma(
    tipo="cades",
    firmata=True,
    firma_integra=True,
    contenuto_integro=True,
    certificato=Certificato(
        nome="Mario Rossi",
        serial_number=f"TINIT-{CF}",
        emittente="Test CA",
        valido_dal=QUANDO.replace(year=2025),
        valido_al=QUANDO.replace(year=2028),
    ),
    catena=Catena.ATTENDIBILE,
    verificata_al=QUANDO,
    marca_temporale=QUANDO,
    documento=Documento.ORIGINALE,
)


def ports(
    blobs: FakeBlobs,
    esame: EsameFirma = VALIDA,
    signer: FakeSigner | None = None,
    max_file_size: int = 1024,
) -> Ports:
    return Ports(
        verifier=FakeVerifier(esame),
        blobs=blobs,
        demo_signer=signer,
        max_file_size=max_file_size,
    )


def verifica(firmato: BlobRef, codice_fiscale: str = CF) -> VerificaFirma:
    original = b"%PDF-1.7 original"
    return VerificaFirma(
        correlation_id="c-1",
        ordine=demo.ORDINE,
        firmato=firmato,
        originale=Originale(sha256=hashlib.sha256(original).hexdigest(), size=len(original)),
        codice_fiscale=codice_fiscale,
    )


async def test_verification_reports_the_verdict() -> None:
    blobs = FakeBlobs()
    message = verifica(blobs.add(b"signed bytes"))
    fake = ports(blobs)
    esito = await handlers.verifica_firma(message, fake)
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
    esito = await handlers.verifica_firma(
        verifica(blobs.add(b"x"), "VRDMRC70A01H501Q"), ports(blobs)
    )
    assert not esito.valida
    assert [p.codice for p in esito.problemi] == ["firmatario_diverso"]
    assert "VRDMRC70A01H501Q" in esito.problemi[0].messaggio


async def test_a_missing_file_is_refused() -> None:
    blobs = FakeBlobs()
    with pytest.raises(RichiestaRifiutata) as refused:
        await handlers.verifica_firma(verifica(ref(b"nowhere")), ports(blobs))
    assert refused.value.codice == "file_non_trovato"
    assert "firmato" in refused.value.campi


async def test_a_file_that_is_not_the_one_referenced_is_refused() -> None:
    blobs = FakeBlobs()
    blobs.add(b"other bytes", key="upload/1")
    with pytest.raises(RichiestaRifiutata) as refused:
        await handlers.verifica_firma(verifica(ref(b"claimed bytes", "upload/1")), ports(blobs))
    assert refused.value.codice == "file_non_corrispondente"


async def test_a_file_too_large_is_refused_before_reading() -> None:
    blobs = FakeBlobs()
    big = blobs.add(b"x" * 2048)
    with pytest.raises(RichiestaRifiutata) as refused:
        await handlers.verifica_firma(verifica(big), ports(blobs, max_file_size=1024))
    assert refused.value.codice == "file_troppo_grande"


def firma_demo(
    documento: BlobRef, message_id: str = "0190b5d2-0000-7000-8000-000000000001"
) -> FirmaDemo:
    return FirmaDemo(
        message_id=message_id, correlation_id="c-1", ordine=demo.ORDINE, documento=documento
    )


async def test_demo_signing_leaves_the_signed_pdf_in_the_transfer_area() -> None:
    blobs, signer = FakeBlobs(), FakeSigner()
    message = firma_demo(blobs.add(b"%PDF-1.7 original"))
    signed = await handlers.firma_demo(message, ports(blobs, signer=signer))
    assert signed.area == TRANSFER_AREA
    assert signed.key == f"firma-demo/{message.message_id}.pdf"
    assert blobs.objects[TRANSFER_AREA, signed.key] == b"%PDF-1.7 original%signed 1\n"
    assert signed == ref(b"%PDF-1.7 original%signed 1\n", signed.key)
    assert signer.locations == [demo.ORDINE_NOME]


async def test_a_redelivered_demo_signing_returns_the_first_file() -> None:
    blobs, signer = FakeBlobs(), FakeSigner()
    message = firma_demo(blobs.add(b"%PDF-1.7 original"))
    first = await handlers.firma_demo(message, ports(blobs, signer=signer))
    second = await handlers.firma_demo(message, ports(blobs, signer=signer))
    assert second == first
    other = await handlers.firma_demo(
        firma_demo(message.documento, "0190b5d2-0000-7000-8000-000000000002"),
        ports(blobs, signer=signer),
    )
    assert other.key != first.key


async def test_demo_signing_does_not_exist_in_production() -> None:
    blobs = FakeBlobs()
    with pytest.raises(RichiestaRifiutata) as refused:
        await handlers.firma_demo(firma_demo(blobs.add(b"%PDF-1.7")), ports(blobs, signer=None))
    assert refused.value.codice == "non_disponibile"


async def test_demo_signing_refuses_what_is_not_a_pdf() -> None:
    blobs = FakeBlobs()
    with pytest.raises(RichiestaRifiutata) as refused:
        await handlers.firma_demo(
            firma_demo(blobs.add(b"plain text")), ports(blobs, signer=FakeSigner())
        )
    assert refused.value.codice == "dati_non_validi"


async def test_a_message_id_cannot_choose_where_the_file_goes() -> None:
    blobs = FakeBlobs()
    message = firma_demo(blobs.add(b"%PDF-1.7 original"), message_id="../../istanze/x")
    signed = await handlers.firma_demo(message, ports(blobs, signer=FakeSigner()))
    assert signed.key.startswith("firma-demo/")
    assert ".." not in signed.key
    assert signed.key.count("/") == 1


def test_the_location_is_the_ordine() -> None:
    assert handlers.luogo(demo.ORDINE) == demo.ORDINE_NOME
    assert handlers.luogo("MILANO") == "Ordine degli Avvocati MILANO"
