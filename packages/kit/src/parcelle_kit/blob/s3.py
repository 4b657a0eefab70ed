"""The S3 blob store: MinIO in production, but any S3 server, through the ``minio`` client.

Each service owns the key prefix ``<service>/`` in a shared bucket. Only plain S3 APIs are used
(the MinIO server's community edition is in maintenance mode, so nothing may depend on it):

- The SHA-256 of every object travels as user metadata ``x-amz-meta-sha256`` and is checked on
  every full read. Caller metadata rides beside it; values are percent-encoded where HTTP
  headers cannot carry them (non-ASCII, ``%``), so they round-trip exactly.
- Write-once is enforced twice: a ``stat`` before the upload gives a clean early refusal, and
  the upload itself carries ``If-None-Match: *`` (S3 conditional writes), which the server
  checks atomically, so of two concurrent puts one gets ``PreconditionFailed``. A server
  without conditional writes ignores the header and only the ``stat`` check remains.
- Retention uses S3 object lock (COMPLIANCE mode) when the bucket has it. The date is also kept
  in user metadata, and ``delete`` refuses before it on any server, lock or not.

The ``minio`` client is synchronous, so every call runs in a worker thread. Its ``put_object``
cannot send arbitrary request headers, so ``If-None-Match`` and ``Content-MD5`` (which AWS and
moto require for uploads under object lock) are added by the urllib3 pool the client is given.
"""

import asyncio
import hashlib
import tempfile
from base64 import b64encode
from collections.abc import AsyncIterable, AsyncIterator, Mapping
from contextvars import ContextVar
from datetime import UTC, datetime, timedelta
from typing import Any, BinaryIO
from urllib.parse import quote, unquote, urlsplit

import urllib3
from minio import Minio
from minio.commonconfig import COMPLIANCE
from minio.error import S3Error
from minio.helpers import DictType
from minio.retention import Retention
from urllib3.response import BaseHTTPResponse

from parcelle_kit.blob.filenames import content_disposition
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
from parcelle_kit.logging import get_logger

logger = get_logger(__name__)

_META = "x-amz-meta-"
_SHA256 = "sha256"
_RETAIN_UNTIL = "retain-until"
_NOT_FOUND = frozenset({"NoSuchKey", "NoSuchVersion", "NoSuchObject"})
_TAKEN = frozenset({"PreconditionFailed", "ConditionalRequestConflict"})
_BUCKET_TAKEN = frozenset({"BucketAlreadyOwnedByYou", "BucketAlreadyExists"})
# Printable ASCII travels in a header as is; '%' is escaped so that decoding is unambiguous.
_HEADER_SAFE = "".join(chr(c) for c in range(0x21, 0x7F) if chr(c) != "%")

_create_only: ContextVar[bool] = ContextVar("parcelle_blob_create_only", default=False)
"""Set while our own upload runs, so the pool marks its object writes ``If-None-Match: *``."""


class _WriteOncePool(urllib3.PoolManager):
    """The urllib3 pool handed to the minio client, adding two standard S3 headers.

    Both are left out of the request signature, which SigV4 allows for headers other than
    ``x-amz-*``. Part uploads run on minio's own threads, where ``_create_only`` is unset: only
    the single-part PutObject and CompleteMultipartUpload carry the condition, as S3 expects.
    """

    def urlopen(  # type: ignore[override]  # urllib3's own subclasses ignore it the same way
        self, method: str, url: str, redirect: bool = True, **kw: Any
    ) -> BaseHTTPResponse:
        headers = urllib3.HTTPHeaderDict(kw.get("headers") or {})
        body = kw.get("body")
        if method == "PUT" and isinstance(body, bytes) and "Content-MD5" not in headers:
            headers["Content-MD5"] = b64encode(
                hashlib.md5(body, usedforsecurity=False).digest()
            ).decode()
        if _create_only.get():
            multipart = "uploadId=" in urlsplit(url).query
            if (method == "PUT" and not multipart) or (method == "POST" and multipart):
                headers["If-None-Match"] = "*"
        kw["headers"] = headers
        return super().urlopen(method, url, redirect, **kw)


def _http_pool() -> _WriteOncePool:
    # The same settings minio uses for its own pool, except the CA bundle: the system store
    # (plus SSL_CERT_FILE, which OpenSSL honours) rather than certifi, so a council's own CA
    # for an internal MinIO works without extra configuration.
    timeout = timedelta(minutes=5).total_seconds()
    return _WriteOncePool(
        timeout=urllib3.Timeout(connect=timeout, read=timeout),
        maxsize=10,
        cert_reqs="CERT_REQUIRED",
        retries=urllib3.Retry(total=5, backoff_factor=0.2, status_forcelist=[500, 502, 503, 504]),
    )


class S3BlobStore:
    """A service's key prefix in a shared S3 bucket."""

    kind = "s3"

    def __init__(
        self,
        *,
        endpoint: str,
        access_key: str,
        secret_key: str,
        bucket: str,
        prefix: str,
        secure: bool = True,
        region: str | None = None,
    ) -> None:
        """``endpoint`` is ``host:port``; ``prefix`` is the service's name. No I/O here."""
        self._bucket = bucket
        self._prefix = validate_key(prefix)
        self._region = region
        self._http = _http_pool()
        self._client = Minio(
            endpoint=endpoint,
            access_key=access_key,
            secret_key=secret_key,
            secure=secure,
            region=region,
            http_client=self._http,
        )
        self._object_lock = False

    @property
    def object_lock(self) -> bool:
        """Whether the server itself enforces retention (known after :meth:`open`)."""
        return self._object_lock

    async def open(self) -> None:
        await asyncio.to_thread(self._open_sync)

    async def close(self) -> None:
        await asyncio.to_thread(self._http.clear)

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
        name = self._name(key)
        checked = validate_metadata(metadata)
        retain_until = validate_retain_until(retain_until)
        validate_content_type(content_type)
        validate_max_size(max_size)
        if await asyncio.to_thread(self._exists, key):
            raise BlobExistsError(key)
        # Spooled to disk first: the limit is enforced before a byte reaches the server, and
        # the exact length lets minio choose between one PutObject and a multipart upload.
        sink = await asyncio.to_thread(tempfile.TemporaryFile)
        try:
            size, sha256 = await spool(chunks, sink, max_size=max_size)
            info = BlobInfo(key, size, sha256, content_type, checked, retain_until)
            await asyncio.to_thread(self._upload, name, sink, info)
        finally:
            await asyncio.to_thread(sink.close)
        return info

    async def get(self, key: str) -> bytes:
        return await asyncio.to_thread(self._get_sync, key)

    async def stream(self, key: str, *, chunk_size: int = 64 * 1024) -> AsyncIterator[bytes]:
        response = await asyncio.to_thread(self._get_object, key)
        try:
            info = _info(key, response.headers)
            digest = hashlib.sha256()
            while chunk := await asyncio.to_thread(response.read, chunk_size):
                digest.update(chunk)
                yield chunk
        finally:
            await asyncio.to_thread(_release, response)
        if digest.hexdigest() != info.sha256:
            raise BlobCorruptedError(key)

    async def stat(self, key: str) -> BlobInfo | None:
        return await asyncio.to_thread(self._stat_sync, key)

    async def delete(self, key: str) -> None:
        await asyncio.to_thread(self._delete_sync, key)

    async def download_url(self, key: str, *, expires: timedelta, filename: str) -> str | None:
        """A presigned GET that makes the browser save the object as ``filename``.

        The browser gets the bytes straight from the server, so the SHA-256 is not checked on
        this path; the expiry is fixed in the signature (1 second to 7 days, S3's limits).
        """
        name = self._name(key)
        if not timedelta(seconds=1) <= expires <= timedelta(days=7):
            raise ValueError("download URLs expire after 1 second to 7 days")
        disposition: DictType = {"response-content-disposition": content_disposition(filename)}
        url: str = await asyncio.to_thread(
            self._client.presigned_get_object,
            bucket_name=self._bucket,
            object_name=name,
            expires=expires,
            response_headers=disposition,
        )
        return url

    # Synchronous halves, run in worker threads.

    def _name(self, key: str) -> str:
        return f"{self._prefix}/{validate_key(key)}"

    def _open_sync(self) -> None:
        if not self._client.bucket_exists(bucket_name=self._bucket):
            self._make_bucket()
        try:
            self._client.get_object_lock_config(bucket_name=self._bucket)
            self._object_lock = True
        except S3Error as exc:
            self._object_lock = False
            logger.warning(
                "blob_store_without_object_lock",
                bucket=self._bucket,
                code=exc.code,
                consequence="retention is enforced by this adapter only",
            )

    def _make_bucket(self) -> None:
        try:
            self._client.make_bucket(
                bucket_name=self._bucket, location=self._region, object_lock=True
            )
            return
        except S3Error as exc:
            if exc.code in _BUCKET_TAKEN:  # another replica created it meanwhile
                return
            logger.warning("blob_bucket_object_lock_refused", bucket=self._bucket, code=exc.code)
        try:
            self._client.make_bucket(bucket_name=self._bucket, location=self._region)
        except S3Error as exc:
            if exc.code not in _BUCKET_TAKEN:
                raise self._error(exc, self._bucket) from exc

    def _upload(self, name: str, sink: BinaryIO, info: BlobInfo) -> None:
        headers = {_META + _SHA256: info.sha256}
        headers.update({_META + k: quote(v, safe=_HEADER_SAFE) for k, v in info.metadata.items()})
        retention = None
        if info.retain_until is not None:
            headers[_META + _RETAIN_UNTIL] = info.retain_until.isoformat()
            if self._object_lock:
                retention = Retention(COMPLIANCE, _next_second(info.retain_until))
        sink.seek(0)
        token = _create_only.set(True)
        try:
            self._client.put_object(
                bucket_name=self._bucket,
                object_name=name,
                data=sink,
                length=info.size,
                content_type=info.content_type,
                metadata=dict(headers),
                retention=retention,
            )
        except S3Error as exc:
            raise self._error(exc, info.key) from exc
        finally:
            _create_only.reset(token)

    def _get_object(self, key: str) -> BaseHTTPResponse:
        try:
            response: BaseHTTPResponse = self._client.get_object(
                bucket_name=self._bucket, object_name=self._name(key)
            )
        except S3Error as exc:
            raise self._error(exc, key) from exc
        return response

    def _get_sync(self, key: str) -> bytes:
        response = self._get_object(key)
        try:
            info = _info(key, response.headers)
            data = response.read()
        finally:
            _release(response)
        if hashlib.sha256(data).hexdigest() != info.sha256:
            raise BlobCorruptedError(key)
        return data

    def _stat_object(self, key: str) -> tuple[Mapping[str, str], str | None]:
        try:
            found = self._client.stat_object(bucket_name=self._bucket, object_name=self._name(key))
        except S3Error as exc:
            raise self._error(exc, key) from exc
        return found.metadata or {}, found.version_id

    def _exists(self, key: str) -> bool:
        try:
            self._stat_object(key)
        except BlobNotFoundError:
            return False
        return True

    def _stat_sync(self, key: str) -> BlobInfo | None:
        try:
            headers, _version = self._stat_object(key)
        except BlobNotFoundError:
            return None
        return _info(key, headers)

    def _delete_sync(self, key: str) -> None:
        headers, version = self._stat_object(key)
        if is_retained(_info(key, headers, verified=False)):
            raise BlobRetainedError(key)
        # With object lock the bucket is versioned: deleting without the version would only
        # add a delete marker and keep the bytes, so the version just seen is removed.
        try:
            self._client.remove_object(
                bucket_name=self._bucket, object_name=self._name(key), version_id=version
            )
        except S3Error as exc:
            if exc.code == "AccessDenied":  # the server's lock outlasts ours by < 1 second
                raise BlobRetainedError(key) from exc
            raise self._error(exc, key) from exc

    def _error(self, exc: S3Error, key: str) -> BlobError:
        if exc.code in _NOT_FOUND:
            return BlobNotFoundError(key)
        if exc.code in _TAKEN:
            return BlobExistsError(key)
        if exc.code == "NoSuchBucket":
            return BlobError(f"bucket {self._bucket!r} does not exist: was open() called?")
        return BlobError(f"S3 error {exc.code} on {key!r}: {exc.message}")


def _info(key: str, raw: Mapping[str, str], *, verified: bool = True) -> BlobInfo:
    """Read our metadata back from response headers (names compared case-insensitively)."""
    headers = {name.lower(): value for name, value in raw.items()}
    user = {name[len(_META) :]: value for name, value in headers.items() if name.startswith(_META)}
    sha256 = user.pop(_SHA256, "")
    if verified and not sha256:
        # Written behind our back, or its metadata was lost: it cannot be verified.
        raise BlobCorruptedError(key)
    retain = user.pop(_RETAIN_UNTIL, None) or headers.get("x-amz-object-lock-retain-until-date")
    return BlobInfo(
        key=key,
        size=int(headers.get("content-length", "0")),
        sha256=sha256,
        content_type=headers.get("content-type", "application/octet-stream"),
        metadata={name: unquote(value) for name, value in user.items()},
        retain_until=_parse_time(retain) if retain else None,
    )


def _parse_time(value: str) -> datetime:
    return datetime.fromisoformat(value).astimezone(UTC)


def _next_second(moment: datetime) -> datetime:
    # minio sends retention dates to the millisecond, truncating; rounding up to a whole
    # second keeps the server's lock from ending before the date the caller asked for.
    whole = moment.replace(microsecond=0)
    return whole if whole == moment else whole + timedelta(seconds=1)


def _release(response: BaseHTTPResponse) -> None:
    response.close()
    response.release_conn()
