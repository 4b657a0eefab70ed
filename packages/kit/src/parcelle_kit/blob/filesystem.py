"""The filesystem blob store: the embedded default, one directory per service.

Layout under ``root`` (``var/blobs/<service>/`` in a service)::

    .tmp/                      puts in progress and deletes being cleaned up
    <segment>/.../<name>~blob/ one directory per object, holding
        data                   the bytes
        meta.json              size, SHA-256, content type, metadata, retain_until

An object is written in full (data and meta.json, both fsynced) inside a private directory
under ``.tmp`` and then published with a single ``rename`` of that directory. POSIX refuses to
rename a directory onto a non-empty one, so the rename is both the atomic publish and the
race-safe existence check: of two concurrent puts of one key exactly one wins, and a reader
sees either no object or a complete one, never data without its metadata.

The ``~blob`` suffix uses a character keys may not contain, so the object ``a`` and the
objects under the prefix ``a/`` can coexist, as they can in S3.

The key, metadata and retention checks and the streamed size-and-hash spooling live here too
and the S3 adapter imports them, so both adapters accept and refuse exactly the same input.
"""

import asyncio
import contextlib
import errno
import hashlib
import json
import os
import shutil
import tempfile
import time
from collections.abc import AsyncIterable, AsyncIterator, Mapping
from datetime import datetime, timedelta
from functools import partial
from io import BufferedReader, BufferedWriter
from pathlib import Path
from typing import IO, Any

from parcelle_kit.blob.ports import (
    BlobCorruptedError,
    BlobError,
    BlobExistsError,
    BlobInfo,
    BlobNotFoundError,
    BlobRetainedError,
)
from parcelle_kit.blob.rules import (
    is_retained,
    spool,
    validate_content_type,
    validate_key,
    validate_max_size,
    validate_metadata,
    validate_retain_until,
)

_OBJECT_SUFFIX = "~blob"
_DATA = "data"
_META = "meta.json"
_TMP = ".tmp"
_STALE_AFTER = timedelta(hours=24)


class FilesystemBlobStore:
    """Blobs as files under ``root``; see the module docstring for the layout."""

    kind = "filesystem"

    def __init__(self, root: Path) -> None:
        self._root = Path(root)
        self._tmp = self._root / _TMP

    async def open(self) -> None:
        await asyncio.to_thread(self._open_sync)

    async def close(self) -> None:
        """Nothing to release: every operation opens and closes its own files."""

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
        final = self._object_dir(key)
        checked = validate_metadata(metadata)
        retain_until = validate_retain_until(retain_until)
        validate_content_type(content_type)
        validate_max_size(max_size)
        # Cheap early refusal that spares the caller an upload; the rename below is the
        # check that holds under concurrency.
        if await asyncio.to_thread(final.exists):
            raise BlobExistsError(key)
        staging = Path(await asyncio.to_thread(tempfile.mkdtemp, prefix="put-", dir=self._tmp))
        try:
            with await asyncio.to_thread(_create, staging / _DATA) as sink:
                size, sha256 = await spool(chunks, sink, max_size=max_size)
                await asyncio.to_thread(_flush_and_sync, sink)
        except BaseException:  # too large, a failing stream, or the caller cancelled
            await asyncio.to_thread(shutil.rmtree, staging, ignore_errors=True)
            raise
        info = BlobInfo(key, size, sha256, content_type, checked, retain_until)
        # Publishing cleans up after itself in its thread: if this task is cancelled meanwhile,
        # the thread still either publishes or removes the staging directory, and no cleanup
        # from here can race its rename.
        await asyncio.to_thread(self._publish, staging, final, info)
        return info

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self._get_sync, key)

    async def stream(self, key: str, *, chunk_size: int = 64 * 1024) -> AsyncIterator[bytes]:
        info, source = await asyncio.to_thread(self._open_object, key)
        digest = hashlib.sha256()
        try:
            while chunk := await asyncio.to_thread(source.read, chunk_size):
                digest.update(chunk)
                yield chunk
        finally:
            await asyncio.to_thread(source.close)
        if digest.hexdigest() != info.sha256:
            raise BlobCorruptedError(key)

    async def stat(self, key: str) -> BlobInfo | None:
        return await asyncio.to_thread(self._read_info, key)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._delete_sync, key)

    async def download_url(self, key: str, *, expires: timedelta, filename: str) -> str | None:
        """None: a browser cannot reach our disk, so the gateway streams the object itself."""
        validate_key(key)
        return None

    # Synchronous halves, run in worker threads.

    def _object_dir(self, key: str) -> Path:
        segments = validate_key(key).split("/")
        segments[-1] += _OBJECT_SUFFIX
        return self._root.joinpath(*segments)

    def _open_sync(self) -> None:
        self._tmp.mkdir(parents=True, exist_ok=True)
        # Leftovers of puts or deletes interrupted by a crash; a day is far longer than any
        # upload, so a put still running in another process is never removed under it.
        cutoff = time.time() - _STALE_AFTER.total_seconds()
        for entry in self._tmp.iterdir():
            with contextlib.suppress(FileNotFoundError):  # another process cleaned it first
                if entry.stat().st_mtime < cutoff:
                    shutil.rmtree(entry, ignore_errors=True)

    def _publish(self, staging: Path, final: Path, info: BlobInfo) -> None:
        try:
            _write_synced(staging / _META, json.dumps(_to_json(info), sort_keys=True).encode())
            _sync_dir(staging)
            final.parent.mkdir(parents=True, exist_ok=True)
            os.rename(staging, final)
        except BaseException as exc:
            shutil.rmtree(staging, ignore_errors=True)
            if isinstance(exc, OSError) and exc.errno in (errno.EEXIST, errno.ENOTEMPTY):
                raise BlobExistsError(info.key) from None
            raise
        _sync_dir(final.parent)

    def _read_info(self, key: str) -> BlobInfo | None:
        try:
            raw = (self._object_dir(key) / _META).read_bytes()
        except FileNotFoundError:
            if isinstance(self._missing(key), BlobCorruptedError):
                raise BlobCorruptedError(key) from None
            return None
        return _parse_info(key, raw)

    def _open_dir(self, key: str) -> int:
        try:
            return os.open(self._object_dir(key), os.O_RDONLY | os.O_DIRECTORY)
        except FileNotFoundError:
            raise BlobNotFoundError(key) from None

    def _open_object(self, key: str) -> tuple[BlobInfo, BufferedReader]:
        """The metadata and an open data file of one and the same object.

        Both are opened through one descriptor of the object's directory, so a delete and
        re-put of the key in between cannot pair old bytes with new metadata.
        """
        directory = self._open_dir(key)
        try:
            info = self._info_at(directory, key)
            return info, open(_DATA, "rb", opener=partial(os.open, dir_fd=directory))
        except FileNotFoundError:
            raise self._missing(key) from None
        finally:
            os.close(directory)

    def _info_at(self, directory: int, key: str) -> BlobInfo:
        try:
            with open(_META, "rb", opener=partial(os.open, dir_fd=directory)) as meta:
                return _parse_info(key, meta.read())
        except FileNotFoundError:
            raise self._missing(key) from None

    def _missing(self, key: str) -> BlobError:
        # A file of the object is gone: deleted under us if its directory went too, else damaged.
        return BlobCorruptedError(key) if self._object_dir(key).exists() else BlobNotFoundError(key)

    def _get_sync(self, key: str) -> bytes:
        info, source = self._open_object(key)
        with source:
            data = source.read()
        if hashlib.sha256(data).hexdigest() != info.sha256:
            raise BlobCorruptedError(key)
        return data

    def _delete_sync(self, key: str) -> None:
        final = self._object_dir(key)
        directory = self._open_dir(key)
        try:
            if is_retained(self._info_at(directory, key)):
                raise BlobRetainedError(key)
            # Moving the directory aside makes the delete atomic for readers and for a put of
            # the same key, which may start as soon as the rename is done.
            trash = Path(tempfile.mkdtemp(prefix="delete-", dir=self._tmp))
            try:
                os.rename(final, trash / "object")
            except FileNotFoundError:
                shutil.rmtree(trash, ignore_errors=True)
                raise BlobNotFoundError(key) from None
            if not os.path.samestat(os.fstat(directory), os.stat(trash / "object")):
                # Another process deleted the object we checked and put a new one before our
                # rename: that one's retention was never checked, so it goes back untouched
                # (if that fails, it stays in the trash, which open() sweeps only after a day).
                os.rename(trash / "object", final)
                trash.rmdir()
                raise BlobNotFoundError(key)
            shutil.rmtree(trash, ignore_errors=True)
        finally:
            os.close(directory)


def _create(path: Path) -> BufferedWriter:
    return open(path, "xb")


def _parse_info(key: str, raw: bytes) -> BlobInfo:
    try:
        return _from_json(key, json.loads(raw))
    except (ValueError, KeyError, TypeError) as exc:
        # Without its metadata the object cannot be verified, so it cannot be trusted.
        raise BlobCorruptedError(key) from exc


def _flush_and_sync(sink: IO[bytes]) -> None:
    sink.flush()
    os.fsync(sink.fileno())


def _write_synced(path: Path, payload: bytes) -> None:
    with open(path, "xb") as sink:
        sink.write(payload)
        _flush_and_sync(sink)


def _sync_dir(directory: Path) -> None:
    # Makes the rename itself durable: legal documents must survive a power cut.
    fd = os.open(directory, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _to_json(info: BlobInfo) -> dict[str, Any]:
    return {
        "format": 1,
        "size": info.size,
        "sha256": info.sha256,
        "content_type": info.content_type,
        "metadata": dict(info.metadata),
        "retain_until": info.retain_until.isoformat() if info.retain_until else None,
    }


def _from_json(key: str, raw: dict[str, Any]) -> BlobInfo:
    retain_until = raw["retain_until"]
    return BlobInfo(
        key=key,
        size=raw["size"],
        sha256=raw["sha256"],
        content_type=raw["content_type"],
        metadata=raw["metadata"],
        retain_until=datetime.fromisoformat(retain_until) if retain_until else None,
    )
