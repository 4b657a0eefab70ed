"""The session half of the MongoDB stand-in: PyMongo's client-side transaction state machine.

It follows ``AsyncClientSession`` state by state (none, starting, in progress, committed, empty
commit, aborted), including which misuses raise ``InvalidOperation`` and that a commit can be
re-sent after an unknown result; the server side of the transaction lives in the engine.
"""

import asyncio
from types import TracebackType
from typing import TYPE_CHECKING, Self

from pymongo.errors import ConnectionFailure, InvalidOperation, OperationFailure

from parcelle_testing._standin_engine import ServerTransaction, no_such_transaction

if TYPE_CHECKING:
    from parcelle_testing.mongo_standin import StandinClient


class StandinSession:
    """Plays ``AsyncClientSession`` with its transaction state machine."""

    def __init__(self, client: "StandinClient") -> None:
        self._client = client
        self._state = "none"  # none, starting, in_progress, committed, committed_empty, aborted
        self._server_txn: ServerTransaction | None = None
        self._ended = False

    @property
    def client(self) -> "StandinClient":
        return self._client

    @property
    def in_transaction(self) -> bool:
        return self._state in ("starting", "in_progress")

    @property
    def has_ended(self) -> bool:
        return self._ended

    async def start_transaction(
        self,
        read_concern: object = None,
        write_concern: object = None,
        read_preference: object = None,
        max_commit_time_ms: int | None = None,
    ) -> "_TransactionContext":
        self._check_ended()
        if self.in_transaction:
            raise InvalidOperation("Transaction already in progress")
        self._state, self._server_txn = "starting", None
        return _TransactionContext(self)

    async def commit_transaction(self) -> None:
        self._check_ended()
        await asyncio.sleep(0)
        if self._state == "none":
            raise InvalidOperation("No transaction started")
        if self._state in ("starting", "committed_empty"):
            self._state = "committed_empty"
            return
        if self._state == "aborted":
            raise InvalidOperation("Cannot call commitTransaction after calling abortTransaction")
        engine, txn = self._client._engine, self._server_txn
        assert txn is not None
        try:
            engine.fail_point("commitTransaction", after_apply=False)
            engine.commit(txn)
            engine.fail_point("commitTransaction", after_apply=True)
        finally:
            self._state = "committed"  # as PyMongo does, so that a retried commit is re-sent

    async def abort_transaction(self) -> None:
        self._check_ended()
        await asyncio.sleep(0)
        if self._state == "none":
            raise InvalidOperation("No transaction started")
        if self._state == "aborted":
            raise InvalidOperation("Cannot call abortTransaction twice")
        if self._state in ("committed", "committed_empty"):
            raise InvalidOperation("Cannot call abortTransaction after calling commitTransaction")
        try:
            if self._server_txn is not None:
                self._client._engine.fail_point("abortTransaction", after_apply=False)
                self._client._engine.abort(self._server_txn)
        except (OperationFailure, ConnectionFailure):
            pass  # PyMongo ignores abort errors; the server times the transaction out
        finally:
            self._state = "aborted"

    async def end_session(self) -> None:
        if self._ended:
            return
        if self.in_transaction:
            await self.abort_transaction()
        if self._server_txn is not None:
            # Stands for the server's transaction lifetime limit: a transaction whose commit
            # outcome was never learnt does not hold its documents for ever.
            self._client._engine.abort(self._server_txn)
        self._ended = True

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        await self.end_session()

    def _check_ended(self) -> None:
        if self._ended:
            raise InvalidOperation("Cannot use ended session")

    def _operation_transaction(self, client: "StandinClient") -> ServerTransaction | None:
        self._check_ended()
        if client is not self._client:
            raise InvalidOperation("Can only use session with the AsyncMongoClient that started it")
        if self._state == "starting":
            # Like the server, the snapshot is taken at the transaction's first command.
            self._server_txn, self._state = client._engine.begin(), "in_progress"
        if self._state != "in_progress":
            self._state = "none"
            return None
        assert self._server_txn is not None
        if self._server_txn.state != "active":
            raise no_such_transaction()
        return self._server_txn


class _TransactionContext:
    """What ``start_transaction`` returns: commits on a clean exit, aborts otherwise."""

    def __init__(self, session: StandinSession) -> None:
        self._session = session

    async def __aenter__(self) -> Self:
        return self

    async def __aexit__(
        self,
        exc_type: type[BaseException] | None,
        exc_val: BaseException | None,
        exc_tb: TracebackType | None,
    ) -> None:
        if self._session.in_transaction:
            if exc_val is None:
                await self._session.commit_transaction()
            else:
                await self._session.abort_transaction()
