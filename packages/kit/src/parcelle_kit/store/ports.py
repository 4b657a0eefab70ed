"""The document store port: what every service needs from its database, and nothing more.

Documents are JSON-compatible dicts (str, int, float, bool, None, lists, dicts) with a string
``_id``. The store owns a ``_v`` field: 1 on insert, incremented by every update, which is how
optimistic concurrency is checked. Datetimes and decimals are stored as ISO strings and decimal
strings by the code that owns them, so both adapters hold and sort exactly the same values.

All reads and writes happen inside :meth:`DocumentStore.run`, which executes a unit of work in one
atomic transaction and re-runs it when the database reports a transient conflict.
"""

from collections.abc import Awaitable, Callable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any, Literal, Protocol, TypeVar

Document = dict[str, Any]
Scalar = str | int | float | bool | None
Direction = Literal[1, -1]
ASCENDING: Direction = 1
DESCENDING: Direction = -1

T = TypeVar("T")


class StoreError(Exception):
    """Base of the errors the document store raises."""


class DuplicateKeyError(StoreError):
    """An insert or update would break the primary key or a unique index."""


class ConcurrencyError(StoreError):
    """The document changed (or vanished) since it was read: its ``_v`` no longer matches."""


class TransientStoreError(StoreError):
    """The database asks to retry the whole unit of work (write conflict, lock timeout)."""


class InvalidCursorError(StoreError):
    """A page cursor that this store did not hand out for this query: garbled, tampered with,
    or taken from another query or collection. An API answers it with 400.

    It carries ``codice``, ``messaggio`` and ``campi`` like a domain refusal, so a request
    handler answers it as one (see :mod:`parcelle_kit.requests`)."""

    codice = "cursore_non_valido"
    messaggio = (
        "Il riferimento alla pagina non è valido (è stato alterato o viene da un'altra "
        "ricerca): riparti dalla prima pagina."
    )
    campi: Mapping[str, str] = {"cursor": messaggio}


MAX_PAGE = 1000
"""The largest ``limit`` :meth:`Transaction.page` accepts."""


@dataclass(frozen=True)
class Page:
    """One page of a list: its documents, and the cursor of the next page (None on the last)."""

    documents: list[Document]
    next: str | None


@dataclass(frozen=True)
class Index:
    """A secondary index on one collection; ``unique`` indexes are enforced by the database.

    The index that serves a list (:meth:`Transaction.page`) holds, in this order, the fields the
    list filters by equality (``where``, ``any_of``), its ``order`` fields, then ``_id`` (the
    tie-breaker), e.g. ``Index("istanze", ("ordine", "avvocato.username", "aggiornata_il",
    "_id"))``; a range or prefix filter on a field not in ``order`` comes after those.
    """

    collection: str
    fields: tuple[str, ...]
    unique: bool = False
    name: str = field(default="")

    def index_name(self) -> str:
        return self.name or "_".join((self.collection, *self.fields))


class Transaction(Protocol):
    """The operations available inside one unit of work."""

    async def insert(self, collection: str, document: Document) -> Document:
        """Insert a new document (``_id`` required); returns it with ``_v`` = 1.

        Raises :class:`DuplicateKeyError` if the ``_id`` or a unique index value exists.
        """
        ...

    async def get(self, collection: str, id: str) -> Document | None:
        """The document with this ``_id``, or None."""
        ...

    async def update(self, collection: str, document: Document) -> Document:
        """Replace the stored document if its ``_v`` still equals ``document['_v']``.

        Returns the document with ``_v`` incremented. Raises :class:`ConcurrencyError` if the
        stored version differs or the document is gone, :class:`DuplicateKeyError` on a unique
        index violation.
        """
        ...

    async def delete(self, collection: str, id: str) -> bool:
        """Delete by ``_id``; True if a document was deleted."""
        ...

    async def find(
        self,
        collection: str,
        where: Mapping[str, Scalar] | None = None,
        *,
        sort: Sequence[tuple[str, Direction]] = (),
        limit: int | None = None,
    ) -> list[Document]:
        """Documents whose top-level or dotted fields equal the given values.

        ``None`` matches a missing field or an explicit null. Sort keys may be dotted paths.
        """
        ...

    async def count(self, collection: str, where: Mapping[str, Scalar] | None = None) -> int:
        """How many documents match ``where`` (same matching rules as :meth:`find`)."""
        ...

    async def page(
        self,
        collection: str,
        *,
        where: Mapping[str, Scalar] | None = None,
        prefix: Mapping[str, str] | None = None,
        between: Mapping[str, tuple[Scalar, Scalar]] | None = None,
        any_of: Mapping[str, Sequence[Scalar]] | None = None,
        order: Sequence[str],
        descending: bool = False,
        limit: int,
        after: str | None = None,
        fields: Sequence[str] | None = None,
    ) -> Page:
        """One page of the documents matching every filter, in keyset order.

        - ``where``: equality, as in :meth:`find`;
        - ``prefix``: text fields starting with the given text, case-sensitive (store a
          normalised lowercase search key beside the field to search without case);
        - ``between``: inclusive ranges of numbers or of text (ISO dates and times sort as
          text); a None bound leaves that side open; both bounds of one field of one type;
        - ``any_of``: the field equals one of the values (None is not one);
        - ``order``: the sort fields, all in one direction (``descending``), ``_id`` always
          appended as the tie-breaker. Every document queried must hold every sort field with a
          non-null scalar value, of one type per field (all text, all numbers or all booleans):
          the order is by plain values, so that an index serves it; a document that breaks
          this makes the page that meets it raise :class:`StoreError`, or is left out of the
          pages after it (it sorts outside every cursor's range), on every adapter alike;
        - ``limit``: 1 to :data:`MAX_PAGE` documents;
        - ``after``: the ``next`` of the previous page; a cursor from another query or
          collection, or not from this store at all, raises :class:`InvalidCursorError`;
        - ``fields``: a projection of top-level or dotted fields: each document then holds
          only those, nested as stored, and ``_id`` (so no ``_v`` unless asked for); a missing
          field is left out, an embedded document on a dotted path is kept even if it lacks
          the rest (then empty), as MongoDB does; None gives whole documents, ``_v`` included.

        ``next`` is an opaque, URL-safe string (base64 of the last document's sort values and
        ``_id``, with a fingerprint of the query): not secret, but checked on the way back in.

        Keyset paging never repeats or skips a document that stays put while a list is read,
        whatever is inserted or deleted meanwhile. Dotted paths through lists are not
        supported. Filters and order go through an index when one is declared that starts
        with the equality fields, then the order fields and ``_id`` (see :class:`Index`).
        """
        ...

    async def next_value(self, counter: str) -> int:
        """Increment the named counter and return its new value (first call returns 1).

        The increment is part of the transaction: if the unit of work fails, the number was
        never given out, which is what makes protocol numbers gapless.
        """
        ...


class DocumentStore(Protocol):
    """A service's own database."""

    kind: str
    """``sqlite`` or ``mongodb``: reported by the service's ping."""

    async def open(self, indexes: Sequence[Index] = ()) -> None:
        """Connect and create the collections' indexes (idempotent)."""
        ...

    async def close(self) -> None: ...

    async def ping(self) -> bool:
        """True if the database answers."""
        ...

    async def run(self, work: Callable[[Transaction], Awaitable[T]], *, attempts: int = 5) -> T:
        """Run ``work`` in one atomic transaction and return its result.

        If ``work`` raises, nothing it wrote is kept. On :class:`TransientStoreError` the whole
        unit is re-run, at most ``attempts`` times, with a short randomised back-off.
        """
        ...
