"""What only the S3 adapter does: object lock, conditional writes, metadata others can read,
presigned download links. Run against the session's moto server."""

import asyncio
import hashlib
import io
import secrets
from collections.abc import AsyncIterator, Callable, Iterable
from datetime import UTC, datetime, timedelta
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
import structlog
from minio import Minio
from minio.commonconfig import COMPLIANCE
from minio.error import S3Error

from parcelle_kit.blob.ports import (
    BlobCorruptedError,
    BlobError,
    BlobExistsError,
    BlobRetainedError,
)
from parcelle_kit.blob.s3 import S3BlobStore

pytestmark = pytest.mark.integration

MiB = 1024 * 1024
BUCKET = "parcelle-test"
MakeStore = Callable[..., S3BlobStore]


async def stream_of(parts: Iterable[bytes]) -> AsyncIterator[bytes]:
    for part in parts:
        await asyncio.sleep(0)
        yield part


@pytest.fixture
def prefix() -> str:
    """The service's key prefix; fresh per test, since tests share the bucket."""
    return f"istanze-{secrets.token_hex(4)}"


@pytest.fixture
async def s3(make_s3_store: MakeStore, prefix: str) -> AsyncIterator[S3BlobStore]:
    store = make_s3_store(prefix=prefix)
    await store.open()
    yield store
    await store.close()


async def test_the_bucket_is_created_with_object_lock_and_the_server_enforces_retention(
    s3: S3BlobStore, raw_s3: Minio, prefix: str
) -> None:
    until = datetime.now(UTC) + timedelta(days=1)
    name = f"{prefix}/ritenzione/provvedimento.pdf"
    await s3.put(
        "ritenzione/provvedimento.pdf", stream_of([b"%PDF-1.7"]), max_size=100, retain_until=until
    )
    # HEAD reports the lock (moto does not implement GetObjectRetention).
    found = raw_s3.stat_object(bucket_name=BUCKET, object_name=name)
    headers = found.metadata
    assert headers is not None

    assert s3.object_lock
    assert headers["x-amz-object-lock-mode"] == COMPLIANCE
    locked_until = datetime.fromisoformat(headers["x-amz-object-lock-retain-until-date"])
    assert locked_until >= until
    # Even a client that skips our adapter cannot remove the locked version.
    with pytest.raises(S3Error) as refused:
        raw_s3.remove_object(bucket_name=BUCKET, object_name=name, version_id=found.version_id)
    assert refused.value.code == "AccessDenied"


async def test_without_object_lock_the_adapter_still_refuses_early_deletes(
    make_s3_store: MakeStore, raw_s3: Minio
) -> None:
    raw_s3.make_bucket(bucket_name="parcelle-senza-lock")
    store = make_s3_store(bucket="parcelle-senza-lock", prefix="revisione")
    with structlog.testing.capture_logs() as logs:
        await store.open()
    until = datetime.now(UTC) + timedelta(days=1)
    await store.put("k", stream_of([b"x"]), max_size=1, retain_until=until)

    assert not store.object_lock
    assert any(entry["event"] == "blob_store_without_object_lock" for entry in logs)
    with pytest.raises(BlobRetainedError):
        await store.delete("k")
    meta = raw_s3.stat_object(bucket_name="parcelle-senza-lock", object_name="revisione/k").metadata
    assert meta is not None
    assert meta["x-amz-meta-retain-until"] == until.isoformat()
    await store.close()


async def test_the_sha256_is_plain_user_metadata_any_s3_tool_can_read(
    s3: S3BlobStore, raw_s3: Minio, prefix: str
) -> None:
    await s3.put("k", stream_of([b"ricevuta"]), max_size=100, metadata={"ordine": "milano"})

    meta = raw_s3.stat_object(bucket_name=BUCKET, object_name=f"{prefix}/k").metadata

    assert meta is not None
    assert meta["x-amz-meta-sha256"] == hashlib.sha256(b"ricevuta").hexdigest()
    assert meta["x-amz-meta-ordine"] == "milano"


@pytest.mark.parametrize(
    "size", [pytest.param(10, id="single"), pytest.param(6 * MiB, id="multipart")]
)
async def test_the_server_refuses_a_write_that_lost_the_race_after_the_stat_check(
    s3: S3BlobStore, raw_s3: Minio, prefix: str, size: int
) -> None:
    async def racing() -> AsyncIterator[bytes]:
        # The adapter has already found the key free: another writer takes it now, so only
        # the conditional write (If-None-Match: *) can stop the overwrite.
        await asyncio.to_thread(
            raw_s3.put_object,
            bucket_name=BUCKET,
            object_name=f"{prefix}/k",
            data=io.BytesIO(b"winner"),
            length=6,
            metadata={"sha256": hashlib.sha256(b"winner").hexdigest()},
        )
        yield b"L" * size

    with pytest.raises(BlobExistsError):
        await s3.put("k", racing(), max_size=size)

    assert await s3.get("k") == b"winner"


async def test_an_object_without_our_sha256_cannot_be_trusted(
    s3: S3BlobStore, raw_s3: Minio, prefix: str
) -> None:
    raw_s3.put_object(
        bucket_name=BUCKET, object_name=f"{prefix}/k", data=io.BytesIO(b"alieno"), length=6
    )

    with pytest.raises(BlobCorruptedError):
        await s3.stat("k")
    with pytest.raises(BlobCorruptedError):
        await s3.get("k")


async def test_services_sharing_the_bucket_do_not_see_each_others_keys(
    s3: S3BlobStore, make_s3_store: MakeStore
) -> None:
    other = make_s3_store(prefix=f"notifiche-{secrets.token_hex(4)}")
    await other.open()  # a second open of the same bucket is harmless
    await s3.put("k", stream_of([b"istanze"]), max_size=10)

    assert await other.stat("k") is None
    await other.put("k", stream_of([b"notifiche"]), max_size=10)
    assert await s3.get("k") == b"istanze"
    await other.close()


async def test_a_bucket_that_was_never_opened_gives_a_clear_error(
    make_s3_store: MakeStore,
) -> None:
    store = make_s3_store(bucket="parcelle-mai-aperto")

    with pytest.raises(BlobError, match=r"open\(\)"):
        await store.put("k", stream_of([b"x"]), max_size=1)


async def test_download_url_names_the_file_and_expires_as_asked(s3: S3BlobStore) -> None:
    await s3.put("k", stream_of([b"%PDF"]), max_size=10, content_type="application/pdf")

    url = await s3.download_url(
        "k", expires=timedelta(minutes=5), filename='../Parcella è\r\n"2026".pdf'
    )

    assert url is not None
    # moto does not check signatures or expiry: this only shows what the link asks for.
    assert parse_qs(urlsplit(url).query)["X-Amz-Expires"] == ["300"]
    async with httpx.AsyncClient() as client:
        response = await client.get(url)
    assert response.status_code == 200
    assert response.content == b"%PDF"
    assert response.headers["content-disposition"] == (
        'attachment; filename="Parcella e _2026_.pdf"; '
        "filename*=UTF-8''Parcella%20%C3%A8%20_2026_.pdf"
    )


@pytest.mark.parametrize("expires", [timedelta(0), timedelta(days=7, seconds=1)])
async def test_download_url_expiry_must_be_within_s3_limits(
    s3: S3BlobStore, expires: timedelta
) -> None:
    with pytest.raises(ValueError, match="expire"):
        await s3.download_url("k", expires=expires, filename="f.pdf")
