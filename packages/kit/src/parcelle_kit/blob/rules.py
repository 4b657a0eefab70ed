"""What every blob store accepts: keys, metadata, content types, retention, and the
streamed copy that counts and hashes on the way. Both adapters use these rules, so they
accept and refuse exactly the same input."""

import asyncio
import hashlib
import re
from collections.abc import AsyncIterable, Callable, Mapping
from datetime import UTC, datetime
from typing import IO

from parcelle_kit.blob.ports import BlobInfo, BlobTooLargeError

_SEGMENT = re.compile(r"[A-Za-z0-9_-][A-Za-z0-9._-]{0,199}")
_MAX_KEY_LENGTH = 512
_METADATA_KEY = re.compile(r"[a-z][a-z0-9-]{0,62}")
_CONTENT_TYPE = re.compile(r"[A-Za-z0-9!#$&^_.+-]+/[A-Za-z0-9!#$&^_.+-]+(;[ -~]*)?")
RESERVED_METADATA_KEYS = frozenset({"sha256", "retain-until"})
"""Names the S3 adapter uses for its own user metadata, so callers may not."""


def validate_key(key: str) -> str:
    """Return ``key`` if it is a safe object key, else raise ValueError.

    Segments of letters, digits, ``.``, ``_`` and ``-`` joined by single slashes; a segment
    may not start with a dot, which rules out ``.``, ``..``, hidden files and our ``.tmp``.
    No leading slash, so nothing can name a path outside the store.
    """
    if not key or len(key) > _MAX_KEY_LENGTH:
        raise ValueError(f"blob key must be 1 to {_MAX_KEY_LENGTH} characters")
    if not all(_SEGMENT.fullmatch(segment) for segment in key.split("/")):
        raise ValueError(f"invalid blob key {key!r}")
    return key


def validate_metadata(metadata: Mapping[str, str] | None) -> dict[str, str]:
    """Copy the caller's metadata, refusing names an S3 server would mangle or we reserve.

    S3 sends metadata as HTTP headers, whose names are case-insensitive and lower-cased by
    many servers; allowing only lower-case names keeps a round trip exact on every store.
    """
    checked: dict[str, str] = {}
    for name, value in (metadata or {}).items():
        if not _METADATA_KEY.fullmatch(name) or name in RESERVED_METADATA_KEYS:
            raise ValueError(f"invalid or reserved blob metadata name {name!r}")
        if not isinstance(value, str):
            raise TypeError(f"blob metadata {name!r} must be a string")
        checked[name] = value
    return checked


def validate_retain_until(retain_until: datetime | None) -> datetime | None:
    """Require an aware datetime in the future: a past date is a caller's mistake."""
    if retain_until is None:
        return None
    if retain_until.tzinfo is None or retain_until.utcoffset() is None:
        raise ValueError("retain_until must be timezone-aware")
    if retain_until <= datetime.now(UTC):
        raise ValueError("retain_until must be in the future")
    return retain_until.astimezone(UTC)


def validate_content_type(content_type: str) -> str:
    """A media type with optional parameters, in printable ASCII: it becomes an HTTP header."""
    if len(content_type) > 255 or not _CONTENT_TYPE.fullmatch(content_type):
        raise ValueError(f"invalid content type {content_type!r}")
    return content_type


def validate_max_size(max_size: int) -> int:
    if max_size < 0:
        raise ValueError("max_size must not be negative")
    return max_size


def is_retained(info: BlobInfo) -> bool:
    return info.retain_until is not None and datetime.now(UTC) < info.retain_until


def _write_hashed(sink: IO[bytes], update: Callable[[bytes], None], chunk: bytes) -> None:
    # Hashing and writing both release the GIL on large buffers: a worker thread does both.
    update(chunk)
    sink.write(chunk)


async def spool(chunks: AsyncIterable[bytes], sink: IO[bytes], *, max_size: int) -> tuple[int, str]:
    """Copy ``chunks`` into ``sink`` counting and hashing; return ``(size, sha256)``.

    Raises BlobTooLargeError as soon as the running size passes ``max_size``, before the
    offending chunk is written.
    """
    digest = hashlib.sha256()
    size = 0
    async for chunk in chunks:
        size += len(chunk)
        if size > max_size:
            raise BlobTooLargeError(max_size)
        if chunk:
            await asyncio.to_thread(_write_hashed, sink, digest.update, chunk)
    return size, digest.hexdigest()
