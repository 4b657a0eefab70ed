"""Taking a payload out of the transfer area into a service's own store (claim check).

The gateway streams an upload into the transfer area and sends its :class:`BlobRef` on the
bus; the service that owns the payload claims it: copies it into its own store, checks it is
the payload the message describes, and deletes it from the transfer area.
"""

from parcelle_contracts.common import BlobRef
from parcelle_kit.blob.ports import BlobExistsError, BlobInfo, BlobStore

HEAD = 8192
"""Enough of a file to tell its type from its content."""


class PayloadMismatchError(Exception):
    """The payload in the transfer area is not the one the message describes."""


async def head(store: BlobStore, ref: BlobRef, size: int = HEAD) -> bytes:
    """The first ``size`` bytes of a payload, to tell its type from its content."""
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


async def claim(
    transfer: BlobStore, ref: BlobRef, own: BlobStore, key: str, *, content_type: str
) -> BlobInfo:
    """Copy the payload into ``own`` under ``key``, check it is what ``ref`` says, and delete
    it from the transfer area. A copy left by an earlier attempt (a redelivered message) is
    taken when it is the same payload."""
    try:
        info = await own.put(
            key, transfer.stream(ref.key), max_size=ref.size, content_type=content_type
        )
    except BlobExistsError:
        existing = await own.stat(key)
        if existing is None:
            raise
        info = existing
    if info.sha256 != ref.sha256 or info.size != ref.size:
        raise PayloadMismatchError(ref.key)
    await transfer.delete(ref.key)
    return info
