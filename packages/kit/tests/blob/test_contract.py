"""The blob store contract: every adapter must pass every test here (see conftest ``backend``)."""

import asyncio
import hashlib
from collections.abc import AsyncGenerator, AsyncIterator, Awaitable, Callable, Iterable
from datetime import UTC, datetime, timedelta

import httpx
import pytest

from parcelle_kit.blob.ports import (
    BlobCorruptedError,
    BlobExistsError,
    BlobInfo,
    BlobNotFoundError,
    BlobRetainedError,
    BlobStore,
    BlobTooLargeError,
)

MiB = 1024 * 1024
Corrupt = Callable[[str], Awaitable[None]]
Stored = Callable[[], Awaitable[list[str]]]


async def stream_of(parts: Iterable[bytes]) -> AsyncIterator[bytes]:
    """Yield ``parts`` as an upload would, giving the event loop a turn between chunks."""
    for part in parts:
        await asyncio.sleep(0)
        yield part


def split(data: bytes, size: int) -> list[bytes]:
    return [data[i : i + size] for i in range(0, len(data), size)]


async def collect(chunks: AsyncIterator[bytes]) -> bytes:
    return b"".join([chunk async for chunk in chunks])


def sample(size: int) -> bytes:
    """Bytes that differ at every offset modulo 251, so a shifted or lost chunk shows."""
    return bytes(i % 251 for i in range(size))


# Round trips


@pytest.mark.parametrize(
    ("size", "chunk"),
    [
        pytest.param(0, 1, id="empty"),
        pytest.param(11, 3, id="small"),
        # Over 5 MiB, so the S3 adapter goes through a multipart upload; the chunk size is
        # prime, so no chunk boundary lines up with a part or read boundary.
        pytest.param(6 * MiB + 123, 1_000_003, id="multi-megabyte"),
    ],
)
async def test_put_then_get_stream_and_stat_return_the_same_bytes_and_hash(
    store: BlobStore, size: int, chunk: int
) -> None:
    data = sample(size)
    info = await store.put(
        "pratiche/p1/allegato.pdf",
        stream_of(split(data, chunk)),
        max_size=size,
        content_type="application/pdf; version=1.7",
        metadata={"ordine": "milano"},
    )

    expected = BlobInfo(
        key="pratiche/p1/allegato.pdf",
        size=size,
        sha256=hashlib.sha256(data).hexdigest(),
        content_type="application/pdf; version=1.7",
        metadata={"ordine": "milano"},
    )
    assert info == expected
    assert await store.stat("pratiche/p1/allegato.pdf") == expected
    assert await store.get("pratiche/p1/allegato.pdf") == data
    assert await collect(store.stream("pratiche/p1/allegato.pdf")) == data


async def test_stream_yields_chunks_no_larger_than_asked(store: BlobStore) -> None:
    data = sample(100_000)
    await store.put("k", stream_of([data]), max_size=len(data))

    chunks = [chunk async for chunk in store.stream("k", chunk_size=7_777)]

    assert b"".join(chunks) == data
    assert all(0 < len(chunk) <= 7_777 for chunk in chunks)


async def test_stream_can_be_abandoned_after_the_first_chunk(store: BlobStore) -> None:
    await store.put("k", stream_of([sample(50_000)]), max_size=50_000)

    chunks = store.stream("k", chunk_size=1_000)
    assert await anext(chunks) == sample(1_000)
    assert isinstance(chunks, AsyncGenerator)
    await chunks.aclose()

    assert await store.get("k") == sample(50_000)


async def test_stat_of_a_missing_key_is_none(store: BlobStore) -> None:
    assert await store.stat("nothing/here") is None


async def test_an_object_and_keys_under_its_name_as_prefix_coexist(store: BlobStore) -> None:
    await store.put("a", stream_of([b"one"]), max_size=10)
    await store.put("a/b", stream_of([b"two"]), max_size=10)

    assert await store.get("a") == b"one"
    assert await store.get("a/b") == b"two"


async def test_metadata_round_trips_exactly(store: BlobStore) -> None:
    metadata = {
        "nome-file": "Parcella è “definitiva”.pdf",
        "percento": "100%25 %",
        "spazi": "  ai bordi  ",
        "vuoto": "",
    }
    await store.put("k", stream_of([b"x"]), max_size=1, metadata=metadata)

    info = await store.stat("k")

    assert info is not None
    assert dict(info.metadata) == metadata


@pytest.mark.parametrize("name", ["Ordine", "sha256", "retain-until", "with_underscore", "", "1x"])
async def test_metadata_names_that_s3_would_mangle_or_that_are_reserved_are_refused(
    store: BlobStore, name: str
) -> None:
    with pytest.raises(ValueError, match="metadata"):
        await store.put("k", stream_of([b"x"]), max_size=1, metadata={name: "v"})
    assert await store.stat("k") is None


@pytest.mark.parametrize(
    "content_type",
    ["", "pdf", "text/html\r\nX-Injected: 1", "application/pdf\x00", "a/" + "b" * 300],
)
async def test_content_types_that_are_not_a_safe_media_type_are_refused(
    store: BlobStore, content_type: str
) -> None:
    with pytest.raises(ValueError, match="content type"):
        await store.put("k", stream_of([b"x"]), max_size=1, content_type=content_type)
    assert await store.stat("k") is None


# Size limit


async def test_a_stream_of_exactly_max_size_is_accepted(store: BlobStore) -> None:
    info = await store.put("k", stream_of([b"12345", b"67890"]), max_size=10)
    assert info.size == 10


async def test_a_stream_over_max_size_is_refused_and_leaves_nothing(
    store: BlobStore, stored: Stored
) -> None:
    with pytest.raises(BlobTooLargeError) as caught:
        await store.put("k", stream_of([b"12345", b"67890", b"1"]), max_size=10)

    assert caught.value.limit == 10
    assert await store.stat("k") is None
    assert await stored() == []


async def test_an_endless_stream_is_cut_off_at_the_limit(store: BlobStore, stored: Stored) -> None:
    async def endless() -> AsyncIterator[bytes]:
        while True:
            await asyncio.sleep(0)
            yield b"x" * 1000

    async with asyncio.timeout(30):
        with pytest.raises(BlobTooLargeError):
            await store.put("k", endless(), max_size=MiB)
    assert await stored() == []


# Write-once


async def test_a_second_put_of_a_key_is_refused_before_reading_its_stream(
    store: BlobStore,
) -> None:
    await store.put("k", stream_of([b"first"]), max_size=10)
    read = 0

    async def second() -> AsyncIterator[bytes]:
        nonlocal read
        read += 1
        yield b"second"

    with pytest.raises(BlobExistsError):
        await store.put("k", second(), max_size=10)

    assert read == 0
    assert await store.get("k") == b"first"


@pytest.mark.parametrize(
    "size", [pytest.param(10, id="small"), pytest.param(6 * MiB, id="multipart")]
)
async def test_of_concurrent_puts_of_one_key_exactly_one_wins(
    store: BlobStore, kind: str, size: int
) -> None:
    if kind == "s3" and size > 5 * MiB:
        pytest.skip(
            "moto checks If-None-Match on CompleteMultipartUpload and then assembles the parts "
            "without a lock, so concurrent completions all succeed there; test_s3 shows the "
            "condition is sent, and real S3 and MinIO evaluate it atomically"
        )
    contenders = 4
    # Every put waits here on its first chunk, so all of them are past any early existence
    # check before any can finish: only the atomic check at publish time can pick a winner.
    barrier = asyncio.Barrier(contenders)

    async def contender(n: int) -> AsyncIterator[bytes]:
        await barrier.wait()
        yield bytes([n]) * size

    async with asyncio.timeout(60):
        results = await asyncio.gather(
            *(store.put("k", contender(n), max_size=size) for n in range(contenders)),
            return_exceptions=True,
        )

    winners = [r for r in results if isinstance(r, BlobInfo)]
    losers = [r for r in results if not isinstance(r, BlobInfo)]
    assert len(winners) == 1, results
    assert all(isinstance(r, BlobExistsError) for r in losers), losers
    stored_bytes = await store.get("k")
    assert hashlib.sha256(stored_bytes).hexdigest() == winners[0].sha256


# Integrity


async def test_corrupted_bytes_are_detected_by_get(store: BlobStore, corrupt: Corrupt) -> None:
    await store.put("k", stream_of([b"parcella"]), max_size=100)
    await corrupt("k")

    with pytest.raises(BlobCorruptedError):
        await store.get("k")


async def test_corrupted_bytes_are_detected_at_the_end_of_a_stream(
    store: BlobStore, corrupt: Corrupt
) -> None:
    data = sample(10_000)
    await store.put("k", stream_of([data]), max_size=len(data))
    await corrupt("k")
    received: list[bytes] = []

    async def read_all() -> None:
        async for chunk in store.stream("k", chunk_size=1_000):
            received.append(chunk)

    with pytest.raises(BlobCorruptedError):
        await read_all()
    # Every byte was delivered before the mismatch could be known: a streamed download
    # learns of corruption at its end, and must then abort rather than finish cleanly.
    assert len(b"".join(received)) == len(data)


# Retention and deletion


async def test_delete_removes_an_object_without_retention(store: BlobStore) -> None:
    await store.put("k", stream_of([b"x"]), max_size=1)

    await store.delete("k")

    assert await store.stat("k") is None
    with pytest.raises(BlobNotFoundError):
        await store.get("k")


async def test_a_deleted_key_can_be_written_again(store: BlobStore) -> None:
    await store.put("k", stream_of([b"old"]), max_size=10)
    await store.delete("k")

    await store.put("k", stream_of([b"new"]), max_size=10)

    assert await store.get("k") == b"new"


async def test_delete_is_refused_before_retain_until(store: BlobStore) -> None:
    until = datetime.now(UTC) + timedelta(days=3650)
    await store.put("k", stream_of([b"provvedimento"]), max_size=100, retain_until=until)

    with pytest.raises(BlobRetainedError):
        await store.delete("k")

    info = await store.stat("k")
    assert info is not None
    assert info.retain_until == until
    assert await store.get("k") == b"provvedimento"


async def test_delete_is_allowed_once_retain_until_has_passed(store: BlobStore) -> None:
    until = datetime.now(UTC) + timedelta(seconds=1)
    await store.put("k", stream_of([b"x"]), max_size=1, retain_until=until)
    with pytest.raises(BlobRetainedError):
        await store.delete("k")

    # A server's lock is set to the whole second after ``until``, hence the extra second.
    await asyncio.sleep((until - datetime.now(UTC)).total_seconds() + 1.1)
    await store.delete("k")

    assert await store.stat("k") is None


@pytest.mark.parametrize(
    "until",
    [
        pytest.param(datetime.now() + timedelta(days=1), id="naive"),  # naive on purpose
        pytest.param(datetime.now(UTC) - timedelta(seconds=1), id="past"),
    ],
)
async def test_retain_until_must_be_aware_and_in_the_future(
    store: BlobStore, until: datetime
) -> None:
    with pytest.raises(ValueError, match="retain_until"):
        await store.put("k", stream_of([b"x"]), max_size=1, retain_until=until)
    assert await store.stat("k") is None


# Missing keys


async def test_get_of_a_missing_key_raises_not_found(store: BlobStore) -> None:
    with pytest.raises(BlobNotFoundError):
        await store.get("missing")


async def test_stream_of_a_missing_key_raises_not_found(store: BlobStore) -> None:
    with pytest.raises(BlobNotFoundError):
        await collect(store.stream("missing"))


async def test_delete_of_a_missing_key_raises_not_found(store: BlobStore) -> None:
    with pytest.raises(BlobNotFoundError):
        await store.delete("missing")


# Keys


BAD_KEYS = [
    "",
    "/etc/passwd",
    "../escape",
    "a/../../escape",
    "a/./b",
    "a//b",
    "a/",
    ".hidden",
    "a/.tmp",
    "a\\b",
    "spazio in mezzo",
    "perché",
    "a\x00b",
    "x" * 513,
]


@pytest.mark.parametrize("key", BAD_KEYS)
async def test_unsafe_keys_are_refused_by_every_operation(store: BlobStore, key: str) -> None:
    with pytest.raises(ValueError, match="key"):
        await store.put(key, stream_of([b"x"]), max_size=1)
    with pytest.raises(ValueError, match="key"):
        await store.get(key)
    with pytest.raises(ValueError, match="key"):
        await collect(store.stream(key))
    with pytest.raises(ValueError, match="key"):
        await store.stat(key)
    with pytest.raises(ValueError, match="key"):
        await store.delete(key)
    with pytest.raises(ValueError, match="key"):
        await store.download_url(key, expires=timedelta(minutes=5), filename="f.pdf")


@pytest.mark.parametrize("key", ["a", "A-Z_0.9", "pratiche/2026/0001/ricevuta.v2.pdf", "x" * 200])
async def test_safe_keys_are_accepted(store: BlobStore, key: str) -> None:
    await store.put(key, stream_of([b"ok"]), max_size=2)
    assert await store.get(key) == b"ok"


# Download links


async def test_download_url_serves_the_exact_bytes_or_is_none_for_the_filesystem(
    store: BlobStore, kind: str
) -> None:
    data = sample(300_000)
    await store.put("k", stream_of(split(data, 65_536)), max_size=len(data))

    url = await store.download_url("k", expires=timedelta(minutes=5), filename="parcella.pdf")

    if kind == "filesystem":
        assert url is None
        return
    assert url is not None
    async with httpx.AsyncClient() as client:
        response = await client.get(url)
    assert response.status_code == 200
    assert response.content == data
    assert "filename*=UTF-8''parcella.pdf" in response.headers["content-disposition"]
