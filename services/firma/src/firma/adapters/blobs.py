"""Blobs by area: the transfer area and the service's own through the runtime's stores, any
other area through a read store built once from settings and kept.

Metadata values are percent-encoded: an S3 server carries them as HTTP headers, which take
ASCII only, and a certificate subject may not be."""

from collections.abc import Callable, Mapping
from urllib.parse import quote, unquote

from firma.ports import BlobMissingError, BlobTooLargeError, StoredBlob
from parcelle_contracts.common import TRANSFER_AREA, BlobRef
from parcelle_kit.blob.ports import BlobExistsError, BlobInfo, BlobNotFoundError, BlobStore
from parcelle_kit.blob.writes import one_chunk


class BlobAreas:
    """Implements :class:`firma.ports.Blobs` over the kit's blob stores."""

    def __init__(
        self,
        *,
        transfer: BlobStore,
        known: dict[str, BlobStore],
        build: Callable[[str], BlobStore],
    ) -> None:
        self._transfer = transfer
        self._stores: dict[str, BlobStore] = {TRANSFER_AREA: transfer, **known}
        self._build = build
        self._built: list[BlobStore] = []

    async def _store(self, area: str) -> BlobStore:
        store = self._stores.get(area)
        if store is None:
            store = self._build(area)
            await store.open()
            self._stores[area] = store
            self._built.append(store)
        return store

    async def close(self) -> None:
        """Close the stores this object opened (the runtime closes its own)."""
        for store in self._built:
            await store.close()
        self._built.clear()

    async def read(self, ref: BlobRef, *, max_size: int) -> bytes:
        store = await self._store(ref.area)
        try:
            info = await store.stat(ref.key)
            if info is None:
                raise BlobMissingError(f"{ref.area}/{ref.key}")
            if info.size > max_size:
                raise BlobTooLargeError(info.size)
            return await store.get(ref.key)
        except BlobNotFoundError as error:
            raise BlobMissingError(f"{ref.area}/{ref.key}") from error
        except ValueError as error:  # a key the store refuses cannot name an object
            raise BlobMissingError(f"{ref.area}/{ref.key}") from error

    async def publish(
        self,
        key: str,
        data: bytes,
        *,
        content_type: str,
        metadata: Mapping[str, str] | None = None,
    ) -> BlobRef:
        encoded = {name: quote(value, safe="") for name, value in (metadata or {}).items()}
        try:
            info = await self._transfer.put(
                key,
                one_chunk(data),
                max_size=len(data),
                content_type=content_type,
                metadata=encoded,
            )
        except BlobExistsError:
            # A redelivered request: the object stored the first time is the answer.
            found = await self._transfer.stat(key)
            if found is None:  # deleted between the two calls: not ours to guess
                raise
            info = found
        return _ref(info)

    async def stored(self, key: str) -> StoredBlob | None:
        info = await self._transfer.stat(key)
        if info is None:
            return None
        metadata = {name: unquote(value) for name, value in info.metadata.items()}
        return StoredBlob(ref=_ref(info), metadata=metadata)


def _ref(info: BlobInfo) -> BlobRef:
    return BlobRef(area=TRANSFER_AREA, key=info.key, sha256=info.sha256, size=info.size)
