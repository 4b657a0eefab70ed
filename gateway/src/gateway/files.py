"""Files through the gateway: uploads go to the transfer area, downloads come from the area a
service names in its reply (a claim check), verified against their SHA-256 before sending."""

from collections.abc import AsyncIterator

from fastapi.responses import Response, StreamingResponse
from starlette.datastructures import UploadFile

from gateway.errors import ApiError
from parcelle_contracts.common import TRANSFER_AREA, BlobRef, FileRef
from parcelle_contracts.ids import new_id
from parcelle_kit.blob.filenames import content_disposition
from parcelle_kit.blob.ports import BlobStore, BlobTooLargeError
from parcelle_kit.settings import Settings
from parcelle_kit.stores import build_blob_store

CHUNK = 256 * 1024
VERIFY_IN_MEMORY = 32 * 1024 * 1024
"""Files up to this size are read whole and checked before the first byte is sent."""


class GatewayFiles:
    """The transfer area (written) and the services' areas (read with a claim check)."""

    def __init__(self, settings: Settings, max_upload: int) -> None:
        self._settings = settings
        self.max_upload = max_upload
        self.transfer = build_blob_store(settings, TRANSFER_AREA)
        self._areas: dict[str, BlobStore] = {TRANSFER_AREA: self.transfer}

    async def open(self) -> None:
        await self.transfer.open()

    async def close(self) -> None:
        for store in self._areas.values():
            await store.close()

    async def _area(self, area: str) -> BlobStore:
        if area not in self._areas:
            store = build_blob_store(self._settings, area)
            await store.open()
            self._areas[area] = store
        return self._areas[area]

    async def receive(self, upload: UploadFile) -> BlobRef:
        """Store an uploaded file in the transfer area; 413 beyond the gateway's limit."""

        async def chunks() -> AsyncIterator[bytes]:
            while chunk := await upload.read(CHUNK):
                yield chunk

        key = f"uploads/{new_id()}"
        try:
            info = await self.transfer.put(
                key, chunks(), max_size=self.max_upload, content_type="application/octet-stream"
            )
        except BlobTooLargeError:
            megabytes = self.max_upload // (1024 * 1024)
            raise ApiError(
                413, "limite_superato", f"Il file supera il limite di {megabytes} MB."
            ) from None
        return BlobRef(area=TRANSFER_AREA, key=key, sha256=info.sha256, size=info.size)

    async def send(self, file: FileRef, *, inline: bool = False) -> Response:
        """The file as an HTTP response, after checking its SHA-256 against the claim check."""
        store = await self._area(file.blob.area)
        info = await store.stat(file.blob.key)
        if info is None or info.sha256 != file.blob.sha256:
            raise ApiError(404, "non_trovata", "Il file non è disponibile.")
        headers = {
            "Content-Disposition": content_disposition(
                file.nome_file, "inline" if inline else "attachment"
            ),
            "X-Content-Type-Options": "nosniff",
            "Cache-Control": "private, no-store",
        }
        if info.size <= VERIFY_IN_MEMORY:
            body = await store.get(file.blob.key)
            return Response(body, media_type=file.content_type, headers=headers)
        return StreamingResponse(
            store.stream(file.blob.key), media_type=file.content_type, headers=headers
        )
