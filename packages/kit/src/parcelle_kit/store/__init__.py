"""Document stores: the port, and adapters for SQLite (embedded default) and MongoDB."""

from parcelle_kit.store.ports import (
    ASCENDING,
    DESCENDING,
    ConcurrencyError,
    Document,
    DocumentStore,
    DuplicateKeyError,
    Index,
    StoreError,
    Transaction,
    TransientStoreError,
)

__all__ = [
    "ASCENDING",
    "DESCENDING",
    "ConcurrencyError",
    "Document",
    "DocumentStore",
    "DuplicateKeyError",
    "Index",
    "StoreError",
    "Transaction",
    "TransientStoreError",
]
