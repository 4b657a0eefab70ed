"""What only the filesystem adapter does: its directory stays clean, leftovers of a crash are
swept, and objects survive a restart."""

import asyncio
import os
import time
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import timedelta
from pathlib import Path

import pytest

from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.blob.ports import BlobCorruptedError, BlobTooLargeError


async def stream_of(parts: Iterable[bytes]) -> AsyncIterator[bytes]:
    for part in parts:
        await asyncio.sleep(0)
        yield part


def files_under(path: Path) -> list[Path]:
    return sorted(p for p in path.rglob("*") if not p.is_dir())


@pytest.fixture
async def fs(tmp_path: Path) -> FilesystemBlobStore:
    store = FilesystemBlobStore(tmp_path / "blobs")
    await store.open()
    return store


async def test_download_url_is_none_so_the_gateway_streams(fs: FilesystemBlobStore) -> None:
    await fs.put("k", stream_of([b"x"]), max_size=1)

    assert await fs.download_url("k", expires=timedelta(minutes=5), filename="f.pdf") is None


async def test_a_refused_put_leaves_no_temporary_file(
    fs: FilesystemBlobStore, tmp_path: Path
) -> None:
    with pytest.raises(BlobTooLargeError):
        await fs.put("k", stream_of([b"x" * 600, b"x" * 600]), max_size=1000)

    assert files_under(tmp_path) == []


async def test_a_cancelled_put_leaves_no_temporary_file(
    fs: FilesystemBlobStore, tmp_path: Path
) -> None:
    started = asyncio.Event()

    async def stalled() -> AsyncIterator[bytes]:
        yield b"first chunk"
        started.set()
        await asyncio.Event().wait()  # the client never sends the rest
        yield b""

    task = asyncio.create_task(fs.put("k", stalled(), max_size=100))
    await started.wait()
    task.cancel()
    with pytest.raises(asyncio.CancelledError):
        await task

    assert await fs.stat("k") is None
    assert files_under(tmp_path) == []


async def test_nothing_is_written_outside_the_root(tmp_path: Path) -> None:
    root = tmp_path / "service" / "blobs"
    store = FilesystemBlobStore(root)
    await store.open()
    for key in ["../escape", "a/../../escape", "/tmp/escape"]:
        with pytest.raises(ValueError, match="key"):
            await store.put(key, stream_of([b"x"]), max_size=1)
    await store.put("a/b", stream_of([b"x"]), max_size=1)

    assert all(root in path.parents for path in files_under(tmp_path))


async def test_objects_survive_a_new_store_on_the_same_root(tmp_path: Path) -> None:
    first = FilesystemBlobStore(tmp_path)
    await first.open()
    info = await first.put("k", stream_of([b"persistente"]), max_size=100, metadata={"a": "b"})

    second = FilesystemBlobStore(tmp_path)
    await second.open()

    assert await second.stat("k") == info
    assert await second.get("k") == b"persistente"


@pytest.mark.parametrize(
    "damage",
    [
        pytest.param(lambda d: (d / "meta.json").write_text("{not json"), id="garbled-metadata"),
        pytest.param(lambda d: (d / "meta.json").unlink(), id="lost-metadata"),
    ],
)
async def test_an_object_whose_metadata_is_damaged_is_reported_and_kept(
    fs: FilesystemBlobStore, tmp_path: Path, damage: Callable[[Path], object]
) -> None:
    await fs.put("a/k", stream_of([b"x"]), max_size=1)
    damage(tmp_path / "blobs" / "a" / "k~blob")

    with pytest.raises(BlobCorruptedError):
        await fs.stat("a/k")
    with pytest.raises(BlobCorruptedError):
        await fs.get("a/k")
    with pytest.raises(BlobCorruptedError):
        await fs.delete("a/k")  # its retention cannot be known, so it is not deleted
    assert (tmp_path / "blobs" / "a" / "k~blob" / "data").exists()


async def test_an_object_whose_bytes_are_lost_is_reported_corrupted(
    fs: FilesystemBlobStore, tmp_path: Path
) -> None:
    await fs.put("k", stream_of([b"x"]), max_size=1)
    (tmp_path / "blobs" / "k~blob" / "data").unlink()

    with pytest.raises(BlobCorruptedError):
        await fs.get("k")


async def test_open_sweeps_stale_leftovers_of_a_crash_but_not_fresh_ones(tmp_path: Path) -> None:
    store = FilesystemBlobStore(tmp_path)
    await store.open()
    stale = tmp_path / ".tmp" / "put-crashed"
    fresh = tmp_path / ".tmp" / "put-running"
    for leftover in (stale, fresh):
        leftover.mkdir()
        (leftover / "data").write_bytes(b"partial")
    two_days_ago = time.time() - 2 * 86400
    os.utime(stale, (two_days_ago, two_days_ago))

    await store.open()

    assert not stale.exists()
    assert (fresh / "data").exists()
