"""Fakes of the ports of `firma` and builders of its requests, for the use-case tests."""

import hashlib
from collections.abc import Mapping
from datetime import UTC, datetime

from firma.domain.esame import Catena, Certificato, Documento, EsameFirma, Impronta
from firma.domain.firma import DatiFirma
from firma.ports import (
    BlobMissingError,
    BlobTooLargeError,
    Dependencies,
    Firmato,
    InvalidDocumentError,
    StoredBlob,
)
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
        self.metadata: dict[str, Mapping[str, str]] = {}

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

    async def publish(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str,
        metadata: Mapping[str, str] | None = None,
    ) -> BlobRef:
        assert content_type == "application/pdf"
        if (TRANSFER_AREA, key) not in self.objects:  # write-once: the first one stays
            self.objects[TRANSFER_AREA, key] = data
            self.metadata[key] = dict(metadata or {})
        return ref(self.objects[TRANSFER_AREA, key], key)

    async def stored(self, key: str) -> StoredBlob | None:
        data = self.objects.get((TRANSFER_AREA, key))
        if data is None:
            return None
        return StoredBlob(ref=ref(data, key), metadata=self.metadata.get(key, {}))


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


class FakeDocumentSigner:
    """Appends a marker naming the level; refuses what is not a PDF."""

    certificato = "CN=Ordine degli Avvocati di Demo,C=IT"

    def __init__(self, *, marca_temporale: bool = False) -> None:
        self.marca_temporale = marca_temporale
        self.signed: list[DatiFirma] = []

    async def sign(self, pdf: bytes, dati: DatiFirma) -> Firmato:
        if not pdf.startswith(b"%PDF-"):
            raise InvalidDocumentError("not a PDF")
        self.signed.append(dati)
        return Firmato(
            pdf=pdf + f"%{dati.livello} {len(self.signed)}\n".encode(), certificato=self.certificato
        )


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
    document_signer: FakeDocumentSigner | None = None,
) -> Dependencies:
    return Dependencies(
        verifier=FakeVerifier(esame),
        blobs=blobs,
        demo_signer=signer,
        max_file_size=max_file_size,
        document_signer=document_signer,
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
