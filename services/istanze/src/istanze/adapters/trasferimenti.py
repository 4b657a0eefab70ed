"""Taking a payload out of the transfer area into the service's own store (claim check)."""

from collections.abc import AsyncIterator

from parcelle_contracts.common import BlobRef
from parcelle_kit.blob.ports import BlobInfo, BlobStore

HEAD = 8192
"""Enough of a file to tell its type from its content."""


class PayloadMismatchError(Exception):
    """The payload in the transfer area is not the one the message describes."""


async def head(store: BlobStore, ref: BlobRef, size: int = HEAD) -> bytes:
    """The first ``size`` bytes of a payload, to sniff its type."""
    collected = b""
    stream = store.stream(ref.key)
    try:
        async for chunk in stream:
            collected += chunk
            if len(collected) >= size:
                break
    finally:
        await stream.aclose()  # type: ignore[attr-defined]  # async generators have aclose
    return collected[:size]


async def prendi(
    transfer: BlobStore, ref: BlobRef, own: BlobStore, key: str, *, content_type: str
) -> BlobInfo:
    """Copy the payload into ``own`` under ``key``, check it is what ``ref`` says, and delete
    it from the transfer area."""

    async def chunks() -> AsyncIterator[bytes]:
        async for chunk in transfer.stream(ref.key):
            yield chunk

    info = await own.put(key, chunks(), max_size=ref.size, content_type=content_type)
    if info.sha256 != ref.sha256 or info.size != ref.size:
        raise PayloadMismatchError(ref.key)
    await transfer.delete(ref.key)
    return info
