"""Builds a service's document and blob stores from its settings.

The MongoDB and S3 adapters are imported only when configured, so an embedded installation
never loads their drivers.
"""

from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.blob.ports import BlobStore
from parcelle_kit.settings import ConfigurationError, Settings
from parcelle_kit.store.ports import DocumentStore
from parcelle_kit.store.sqlite import SqliteStore


def build_document_store(settings: Settings, service: str) -> DocumentStore:
    """MongoDB when configured, otherwise one SQLite file per service under the var dir."""
    if settings.store == "mongodb":
        from parcelle_kit.store.mongo import MongoStore

        if settings.mongo_url is None:
            raise ConfigurationError("PARCELLE_STORE=mongodb needs PARCELLE_MONGO_URL")
        return MongoStore(
            url=settings.mongo_url.get_secret_value(),
            database=settings.mongo_database or f"parcelle_{service}",
        )
    return SqliteStore(settings.var_dir / f"{service}.sqlite")


def build_blob_store(settings: Settings, service: str) -> BlobStore:
    """An S3 bucket prefix when configured, otherwise a directory per service under var/blobs."""
    if settings.blob == "s3":
        from parcelle_kit.blob.s3 import S3BlobStore

        if not (settings.s3_endpoint and settings.s3_access_key and settings.s3_secret_key):
            raise ConfigurationError(
                "PARCELLE_BLOB=s3 needs PARCELLE_S3_ENDPOINT, PARCELLE_S3_ACCESS_KEY and "
                "PARCELLE_S3_SECRET_KEY"
            )
        return S3BlobStore(
            endpoint=settings.s3_endpoint,
            access_key=settings.s3_access_key.get_secret_value(),
            secret_key=settings.s3_secret_key.get_secret_value(),
            bucket=settings.s3_bucket,
            prefix=service,
            secure=settings.s3_secure,
            region=settings.s3_region,
        )
    return FilesystemBlobStore(settings.var_dir / "blobs" / service)
