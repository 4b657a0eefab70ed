"""Failed logins wait longer and longer, per account-and-address pair and per address, shared
through the store by every gateway replica; nobody else's failures slow a user down; a station
sends at most so many scans a second. On real SQLite stores, with a clock the test moves."""

from collections.abc import AsyncIterator
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest

from gateway.auth.throttle import (
    INDEXES,
    Counters,
    LoginRules,
    LoginThrottle,
    StationRate,
    client_address,
)
from parcelle_kit.store.sqlite import SqliteStore

RULES = LoginRules(free_per_account=3, free_per_address=6, first_wait=1, max_wait=8)


class Clock:
    def __init__(self) -> None:
        self.now = datetime(2026, 12, 6, 22, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now

    def advance(self, seconds: float) -> None:
        self.now += timedelta(seconds=seconds)


@pytest.fixture
async def store(tmp_path: Path) -> AsyncIterator[SqliteStore]:
    store = SqliteStore(tmp_path / "gateway.sqlite")
    await store.open(INDEXES)
    yield store
    await store.close()


async def test_failures_beyond_the_free_ones_wait_twice_as_long_each_time(
    store: SqliteStore,
) -> None:
    clock = Clock()
    throttle = LoginThrottle(Counters(store, clock), RULES)
    for _ in range(3):
        assert await throttle.retry_after("giulia", "10.0.0.9") == 0
        await throttle.failed("giulia", "10.0.0.9")
    assert await throttle.retry_after("giulia", "10.0.0.9") == 0
    waits = []
    for _ in range(5):
        await throttle.failed("giulia", "10.0.0.9")
        waits.append(await throttle.retry_after("giulia", "10.0.0.9"))
    assert waits == [1, 2, 4, 8, 8]  # capped
    clock.advance(8)
    assert await throttle.retry_after("giulia", "10.0.0.9") == 0


async def test_a_guesser_elsewhere_never_slows_the_user_down_and_success_clears(
    store: SqliteStore,
) -> None:
    clock = Clock()
    throttle = LoginThrottle(Counters(store, clock), RULES)
    for _ in range(5):
        await throttle.failed("giulia", "203.0.113.7")
    assert await throttle.retry_after("giulia", "203.0.113.7") > 0
    assert await throttle.retry_after("giulia", "10.0.0.9") == 0  # Giulia's own office
    await throttle.failed("giulia", "10.0.0.9")
    await throttle.succeeded("giulia", "10.0.0.9")
    for _ in range(3):
        await throttle.failed("giulia", "10.0.0.9")
    assert await throttle.retry_after("giulia", "10.0.0.9") == 0  # the success started afresh


async def test_one_address_trying_many_accounts_is_slowed_down(store: SqliteStore) -> None:
    throttle = LoginThrottle(Counters(store, Clock()), RULES)
    for number in range(7):
        await throttle.failed(f"user{number}", "203.0.113.7")
    assert await throttle.retry_after("someone.else", "203.0.113.7") == 1
    assert await throttle.retry_after("someone.else", "198.51.100.1") == 0


async def test_two_replicas_share_the_counts(tmp_path: Path) -> None:
    clock = Clock()
    first, second = SqliteStore(tmp_path / "g.sqlite"), SqliteStore(tmp_path / "g.sqlite")
    await first.open(INDEXES)
    await second.open(INDEXES)
    try:
        one = LoginThrottle(Counters(first, clock), RULES)
        two = LoginThrottle(Counters(second, clock), RULES)
        for throttle in (one, two, one, two):
            await throttle.failed("giulia", "203.0.113.7")
        assert await one.retry_after("giulia", "203.0.113.7") == 1
        assert await two.retry_after("giulia", "203.0.113.7") == 1
    finally:
        await first.close()
        await second.close()


async def test_a_quiet_hour_forgets(store: SqliteStore) -> None:
    clock = Clock()
    throttle = LoginThrottle(Counters(store, clock), RULES)
    for _ in range(6):
        await throttle.failed("giulia", "203.0.113.7")
    clock.advance(3600)
    await throttle.failed("giulia", "203.0.113.7")
    assert await throttle.retry_after("giulia", "203.0.113.7") == 0


async def test_a_station_sends_at_most_so_many_scans_a_second(store: SqliteStore) -> None:
    clock = Clock()
    rate = StationRate(Counters(store, clock), per_second=3)
    assert [await rate.retry_after("banco-1") for _ in range(3)] == [0, 0, 0]
    assert await rate.retry_after("banco-1") > 0
    assert await rate.retry_after("banco-2") == 0
    clock.advance(1)
    assert await rate.retry_after("banco-1") == 0


def test_the_address_comes_from_proxy_headers_only_behind_a_trusted_proxy() -> None:
    trusted = frozenset({"127.0.0.1", "10.1.0.2"})
    assert client_address("203.0.113.7", "1.2.3.4", trusted) == "203.0.113.7"
    assert client_address("127.0.0.1", None, trusted) == "127.0.0.1"
    assert client_address("127.0.0.1", "1.2.3.4, 203.0.113.7, 10.1.0.2", trusted) == "203.0.113.7"
    assert client_address("127.0.0.1", "spoofed, 203.0.113.7", trusted) == "203.0.113.7"
    assert client_address(None, None, frozenset()) == "unknown"
