"""Blob stores: the port, and adapters for the filesystem (embedded default) and S3 (MinIO)."""

from parcelle_kit.blob.ports import (
    BlobCorruptedError,
    BlobError,
    BlobExistsError,
    BlobInfo,
    BlobNotFoundError,
    BlobRetainedError,
    BlobStore,
    BlobTooLargeError,
)

__all__ = [
    "BlobCorruptedError",
    "BlobError",
    "BlobExistsError",
    "BlobInfo",
    "BlobNotFoundError",
    "BlobRetainedError",
    "BlobStore",
    "BlobTooLargeError",
]
