"""Small blob writes every service makes: bytes already in memory stored once, and a blob no
longer wanted deleted without failing the outcome it belonged to."""

from collections.abc import AsyncIterator

from parcelle_kit.blob.ports import BlobExistsError, BlobInfo, BlobStore
from parcelle_kit.logging import get_logger

logger = get_logger(__name__)


async def one_chunk(data: bytes) -> AsyncIterator[bytes]:
    """``data`` as the stream :meth:`BlobStore.put` takes."""
    yield data


async def put_once(store: BlobStore, key: str, data: bytes, *, content_type: str) -> BlobInfo:
    """Store ``data`` under ``key``; a redelivered message that finds it stored already takes
    that copy (keys are the message's own)."""
    try:
        return await store.put(key, one_chunk(data), max_size=len(data), content_type=content_type)
    except BlobExistsError:
        info = await store.stat(key)
        if info is None:  # deleted between the two calls: not ours to guess
            raise
        return info


async def delete_quietly(store: BlobStore, key: str) -> None:
    """Delete an orphan blob; a failure is logged, never raised over the real outcome."""
    try:
        await store.delete(key)
    except Exception:
        logger.warning("orphan blob not deleted", key=key, exc_info=True)
