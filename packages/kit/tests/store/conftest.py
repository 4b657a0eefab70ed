"""Fixtures for the document store contract: one suite, run against every adapter.

``store`` is parametrised over SQLite (a fresh file under ``tmp_path``), MongoDB through the
in-process stand-in, and MongoDB on a real replica set (marked ``mongo``; only when
``PARCELLE_TEST_MONGO_URL`` is set, in a fresh database dropped afterwards). ``mongo_client``
gives the raw client (stand-in or real) for tests of the MongoDB adapter and of the stand-in.
"""

import os
import secrets
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest
from pymongo import AsyncMongoClient

from parcelle_kit.store.mongo import ClientLike, MongoStore
from parcelle_kit.store.ports import DocumentStore, Index
from parcelle_kit.store.sqlite import SqliteStore
from parcelle_testing.mongo_standin import StandinClient

MONGO_URL_VARIABLE = "PARCELLE_TEST_MONGO_URL"
NO_MONGO = "set PARCELLE_TEST_MONGO_URL to run against a real MongoDB replica set"

INDEXES = (
    Index("registro", ("codice",), unique=True),
    Index("registro", ("ordine", "numero"), unique=True, name="registro_numero"),
    Index("pratiche", ("stato",)),
    Index("fascicoli", ("ordine", "avvocato.username", "aggiornata_il", "_id")),
)
"""The indexes every contract test's store is opened with.

The unique ones are on their own collection: as in MongoDB, a document lacking an indexed field
is indexed as null, so two documents lacking it collide.
"""

MONGO_KINDS = ["mongo-standin", pytest.param("mongo-real", marks=pytest.mark.mongo)]


@dataclass
class MongoTarget:
    """A raw client with a fresh database on it."""

    kind: str
    client: Any
    database: str


@asynccontextmanager
async def mongo_database(kind: str) -> AsyncIterator[MongoTarget]:
    """A fresh database on the stand-in, or on the real server (dropped afterwards)."""
    database = f"parcelle_test_{secrets.token_hex(6)}"
    if kind == "mongo-standin":
        yield MongoTarget(kind, StandinClient(), database)
        return
    url = os.environ.get(MONGO_URL_VARIABLE)
    if not url:
        pytest.skip(NO_MONGO)
    client: AsyncMongoClient[dict[str, Any]] = AsyncMongoClient(url)
    try:
        yield MongoTarget(kind, client, database)
    finally:
        await client.drop_database(database)
        await client.close()


@pytest.fixture(params=MONGO_KINDS)
async def mongo_target(request: pytest.FixtureRequest) -> AsyncIterator[MongoTarget]:
    async with mongo_database(request.param) as target:
        yield target


async def open_mongo_store(target: MongoTarget) -> MongoStore:
    client: ClientLike[Any] = target.client
    store = MongoStore(client=client, database=target.database)
    await store.open(INDEXES)
    return store


@pytest.fixture(params=["sqlite", *MONGO_KINDS])
async def store(request: pytest.FixtureRequest, tmp_path: Path) -> AsyncIterator[DocumentStore]:
    """An open store of each kind, with the contract's indexes."""
    if request.param == "sqlite":
        sqlite: DocumentStore = SqliteStore(tmp_path / "db" / "svc.sqlite")
        await sqlite.open(INDEXES)
        yield sqlite
        await sqlite.close()
        return
    async with mongo_database(request.param) as target:
        mongo: DocumentStore = await open_mongo_store(target)
        yield mongo
        await mongo.close()
