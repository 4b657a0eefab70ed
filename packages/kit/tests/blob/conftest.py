"""Fixtures for the blob store contract: one suite, run against every adapter.

``backend`` is parametrised over the filesystem (a fresh ``tmp_path``) and S3 (a moto server
on 127.0.0.1 started once per session, with a fresh key prefix per test in one shared bucket,
as services share a bucket in production). Each backend also knows how to reach behind its
store, to corrupt an object or list what is physically stored.
"""

import asyncio
import io
import secrets
from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from minio import Minio
from moto.server import ThreadedMotoServer

from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.blob.s3 import S3BlobStore

BUCKET = "parcelle-test"


@dataclass
class Backend:
    """A store under test, plus access to what lies behind it."""

    kind: str
    store: BlobStore
    corrupt: Callable[[str], Awaitable[None]]
    """Flip one byte of the stored object, keeping its recorded metadata."""
    stored: Callable[[], Awaitable[list[str]]]
    """Every file (filesystem) or object version (S3) physically present for this store."""


@pytest.fixture(scope="session")
def moto_endpoint() -> Iterator[str]:
    """A moto S3 server on a free local port, for the whole session."""
    server = ThreadedMotoServer(ip_address="127.0.0.1", port=0, verbose=False)
    server.start()
    host, port = server.get_host_and_port()
    yield f"{host}:{port}"
    server.stop()


@pytest.fixture(scope="session")
def raw_s3(moto_endpoint: str) -> Minio:
    """A plain minio client, for reaching behind the adapter."""
    return Minio(endpoint=moto_endpoint, access_key="test", secret_key="test", secure=False)


def s3_store(moto_endpoint: str, *, bucket: str = BUCKET, prefix: str | None = None) -> S3BlobStore:
    return S3BlobStore(
        endpoint=moto_endpoint,
        access_key="test",
        secret_key="test",
        bucket=bucket,
        prefix=prefix or f"t{secrets.token_hex(6)}",
        secure=False,
        region="us-east-1",
    )


def filesystem_object(root: Path, key: str) -> Path:
    """Where the filesystem adapter keeps an object's bytes (see its module docstring)."""
    return root.joinpath(*key.split("/")).with_name(key.rsplit("/", 1)[-1] + "~blob") / "data"


def _flip_first_byte(data: bytes) -> bytes:
    return bytes([data[0] ^ 0xFF]) + data[1:]


def _filesystem_backend(root: Path) -> Backend:
    async def corrupt(key: str) -> None:
        path = filesystem_object(root, key)
        path.write_bytes(_flip_first_byte(path.read_bytes()))

    async def stored() -> list[str]:
        return sorted(str(p.relative_to(root)) for p in root.rglob("*") if not p.is_dir())

    return Backend("filesystem", FilesystemBlobStore(root), corrupt, stored)


def _s3_backend(moto_endpoint: str, raw: Minio) -> Backend:
    prefix = f"t{secrets.token_hex(6)}"

    def corrupt_sync(key: str) -> None:
        name = f"{prefix}/{key}"
        response = raw.get_object(bucket_name=BUCKET, object_name=name)
        try:
            data = response.read()
            kept = {
                k: v for k, v in response.headers.items() if k.lower().startswith("x-amz-meta-")
            }
        finally:
            response.close()
            response.release_conn()
        raw.put_object(
            bucket_name=BUCKET,
            object_name=name,
            data=io.BytesIO(_flip_first_byte(data)),
            length=len(data),
            metadata=dict(kept),
        )

    def stored_sync() -> list[str]:
        found = raw.list_objects(
            bucket_name=BUCKET, prefix=f"{prefix}/", recursive=True, include_version=True
        )
        return sorted(str(item.object_name) for item in found if not item.is_delete_marker)

    async def corrupt(key: str) -> None:
        await asyncio.to_thread(corrupt_sync, key)

    async def stored() -> list[str]:
        return await asyncio.to_thread(stored_sync)

    return Backend("s3", s3_store(moto_endpoint, prefix=prefix), corrupt, stored)


@pytest.fixture(params=["filesystem", pytest.param("s3", marks=pytest.mark.integration)])
async def backend(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[Backend]:
    """An opened store of each kind, with its behind-the-scenes helpers."""
    if request.param == "filesystem":
        chosen = _filesystem_backend(tmp_path / "blobs")
    else:
        endpoint: str = request.getfixturevalue("moto_endpoint")
        raw: Minio = request.getfixturevalue("raw_s3")
        chosen = _s3_backend(endpoint, raw)
    await chosen.store.open()
    yield chosen
    await chosen.store.close()


@pytest.fixture
def store(backend: Backend) -> BlobStore:
    return backend.store


@pytest.fixture
def kind(backend: Backend) -> str:
    return backend.kind


@pytest.fixture
def corrupt(backend: Backend) -> Callable[[str], Awaitable[None]]:
    """Flip one byte of a stored object behind the store's back, keeping its metadata."""
    return backend.corrupt


@pytest.fixture
def stored(backend: Backend) -> Callable[[], Awaitable[list[str]]]:
    """List every file or object version physically stored for this store."""
    return backend.stored


@pytest.fixture
def make_s3_store(moto_endpoint: str) -> Callable[..., S3BlobStore]:
    """Build (not open) an S3 store on the moto server: ``bucket`` and ``prefix`` optional."""

    def make(*, bucket: str = BUCKET, prefix: str | None = None) -> S3BlobStore:
        return s3_store(moto_endpoint, bucket=bucket, prefix=prefix)

    return make
