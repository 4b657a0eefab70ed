"""Document stores: the port, and adapters for SQLite (embedded default) and MongoDB."""

from parcelle_kit.store.ports import (
    ASCENDING,
    DESCENDING,
    MAX_PAGE,
    ConcurrencyError,
    Document,
    DocumentStore,
    DuplicateKeyError,
    Index,
    InvalidCursorError,
    Page,
    StoreError,
    Transaction,
    TransientStoreError,
)

__all__ = [
    "ASCENDING",
    "DESCENDING",
    "MAX_PAGE",
    "ConcurrencyError",
    "Document",
    "DocumentStore",
    "DuplicateKeyError",
    "Index",
    "InvalidCursorError",
    "Page",
    "StoreError",
    "Transaction",
    "TransientStoreError",
]
