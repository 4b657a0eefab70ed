"""Fakes of the ports of `firma` and builders of its requests, for the use-case tests."""

import hashlib
from datetime import UTC, datetime

from firma.domain.esame import Catena, Certificato, Documento, EsameFirma, Impronta
from firma.ports import BlobMissingError, BlobTooLargeError, Dependencies, InvalidDocumentError
from parcelle_contracts.common import TRANSFER_AREA, BlobRef
from parcelle_contracts.firma import Originale, VerificaFirma
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


def dependencies(
    blobs: FakeBlobs,
    esame: EsameFirma = VALIDA,
    signer: FakeSigner | None = None,
    max_file_size: int = 1024,
) -> Dependencies:
    return Dependencies(
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
