"""The blob store port: large payloads (PDFs, attachments) kept apart from documents and messages.

Every stored object has its SHA-256 recorded with its metadata when it is written, and checked
again whenever it is read in full. Objects are write-once: a key is never overwritten, and an
object with a retention date cannot be deleted before it.
"""

from collections.abc import AsyncIterable, AsyncIterator, Mapping
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Protocol


class BlobError(Exception):
    """Base of the errors the blob store raises."""


class BlobNotFoundError(BlobError):
    """No object under that key."""


class BlobExistsError(BlobError):
    """An object already exists under that key: objects are write-once."""


class BlobTooLargeError(BlobError):
    """The stream exceeded the size limit; nothing was stored."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"object larger than {limit} bytes")
        self.limit = limit


class BlobCorruptedError(BlobError):
    """The bytes read do not match the SHA-256 recorded when the object was written."""


class BlobRetainedError(BlobError):
    """The object is under retention and cannot be deleted yet."""


@dataclass(frozen=True)
class BlobInfo:
    """What the store knows about an object."""

    key: str
    size: int
    sha256: str
    content_type: str
    metadata: Mapping[str, str] = field(default_factory=dict)
    retain_until: datetime | None = None


class BlobStore(Protocol):
    """A service's own bucket (or key prefix)."""

    kind: str
    """``filesystem`` or ``s3``: reported by the service's ping."""

    async def open(self) -> None:
        """Prepare the bucket or directory (idempotent)."""
        ...

    async def close(self) -> None: ...

    async def put(
        self,
        key: str,
        chunks: AsyncIterable[bytes],
        *,
        max_size: int,
        content_type: str = "application/octet-stream",
        metadata: Mapping[str, str] | None = None,
        retain_until: datetime | None = None,
    ) -> BlobInfo:
        """Store the streamed bytes under a new key, computing size and SHA-256 on the way.

        Raises :class:`BlobTooLargeError` (nothing kept) once more than ``max_size`` bytes
        arrive, :class:`BlobExistsError` if the key is taken. ``retain_until`` makes the object
        undeletable until then (object lock where the server supports it).
        """
        ...

    async def get(self, key: str) -> bytes:
        """The whole object, verified against its SHA-256 (:class:`BlobCorruptedError`)."""
        ...

    def stream(self, key: str, *, chunk_size: int = 64 * 1024) -> AsyncIterator[bytes]:
        """The object in chunks, for streamed downloads; the SHA-256 is checked at the end."""
        ...

    async def stat(self, key: str) -> BlobInfo | None:
        """Size, SHA-256, type and metadata; None if there is no such object."""
        ...

    async def delete(self, key: str) -> None:
        """Remove the object; :class:`BlobRetainedError` while under retention."""
        ...

    async def download_url(self, key: str, *, expires: timedelta, filename: str) -> str | None:
        """A time-limited URL the browser can download from directly, or None when the store
        cannot make one (the filesystem): the gateway then streams the object itself."""
        ...
