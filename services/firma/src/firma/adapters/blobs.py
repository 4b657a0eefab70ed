"""Blobs by area: the transfer area and the service's own through the runtime's stores, any
other area through a read store built once from settings and kept."""

from collections.abc import Callable

from firma.ports import BlobMissingError, BlobTooLargeError
from parcelle_contracts.common import TRANSFER_AREA, BlobRef
from parcelle_kit.blob.ports import BlobNotFoundError, BlobStore
from parcelle_kit.blob.writes import put_once


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

    async def publish(self, key: str, data: bytes, *, content_type: str) -> BlobRef:
        info = await put_once(self._transfer, key, data, content_type=content_type)
        return BlobRef(area=TRANSFER_AREA, key=key, sha256=info.sha256, size=info.size)
