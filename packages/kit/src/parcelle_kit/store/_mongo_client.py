"""What the MongoDB adapter uses of PyMongo's async client, as small protocols.

Both ``AsyncMongoClient`` and the test stand-in satisfy them (mypy checks both), so the
adapter's logic runs the same against either.
"""

from collections.abc import Mapping
from types import TracebackType
from typing import Any, Protocol, Self, TypeVar

from pymongo.read_concern import ReadConcern
from pymongo.results import DeleteResult, InsertOneResult, UpdateResult
from pymongo.write_concern import WriteConcern

from parcelle_kit.store.ports import Document

S = TypeVar("S", bound="SessionLike")
S_contra = TypeVar("S_contra", bound="SessionLike", contravariant=True)


class SessionLike(Protocol):
    """What the adapter uses of ``AsyncClientSession``."""

    @property
    def in_transaction(self) -> bool: ...

    async def start_transaction(
        self, read_concern: ReadConcern | None = None, write_concern: WriteConcern | None = None
    ) -> object: ...

    async def commit_transaction(self) -> None: ...

    async def abort_transaction(self) -> None: ...

    async def __aenter__(self) -> Self: ...

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None: ...


class CursorLike(Protocol):
    async def to_list(self, length: int | None = None) -> list[Document]: ...


class CollectionLike(Protocol[S_contra]):
    """What the adapter uses of ``AsyncCollection``."""

    async def insert_one(
        self, document: Document, *, session: S_contra | None = None
    ) -> InsertOneResult: ...

    async def find_one(
        self, filter: Mapping[str, Any], *, session: S_contra | None = None
    ) -> Document | None: ...

    def find(
        self,
        filter: Mapping[str, Any],
        *,
        sort: list[tuple[str, int]],
        limit: int,
        projection: Mapping[str, Any] | None = None,
        session: S_contra | None = None,
    ) -> CursorLike: ...

    async def replace_one(
        self,
        filter: Mapping[str, Any],
        replacement: Document,
        *,
        session: S_contra | None = None,
    ) -> UpdateResult: ...

    async def delete_one(
        self, filter: Mapping[str, Any], *, session: S_contra | None = None
    ) -> DeleteResult: ...

    async def count_documents(
        self, filter: Mapping[str, Any], *, session: S_contra | None = None
    ) -> int: ...

    async def find_one_and_update(
        self,
        filter: Mapping[str, Any],
        update: Mapping[str, Any],
        *,
        upsert: bool,
        return_document: bool,
        session: S_contra | None = None,
    ) -> Document | None: ...

    async def create_index(
        self, keys: list[tuple[str, int]], *, name: str, unique: bool
    ) -> str: ...


class DatabaseLike(Protocol[S_contra]):
    def __getitem__(self, name: str) -> CollectionLike[S_contra]: ...

    async def command(self, command: str) -> dict[str, Any]: ...


class ClientLike(Protocol[S]):
    """What the adapter uses of ``AsyncMongoClient``."""

    def __getitem__(self, name: str) -> DatabaseLike[S]: ...

    def start_session(self) -> S: ...

    async def close(self) -> None: ...
