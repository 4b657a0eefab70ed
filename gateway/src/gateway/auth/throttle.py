"""Limits on guessing and on flooding: failed logins wait longer and longer, scanner stations
send at most so many scans a second.

Counters live in the gateway's own store (SQLite by default, MongoDB in production), so every
gateway replica sees the same counts. Failed logins are counted per account-and-address pair
and per address: after a few free failures, each further one makes the next attempt wait
twice as long (1 s, 2 s, 4 s ... at most 15 minutes), and a quiet hour forgets them. Nothing
locks an account: someone guessing a lawyer's password from elsewhere slows down only their
own address, never the lawyer's own attempts, so nobody can shut a lawyer or a councillor out
before a deadline. A success clears its pair. The password is never logged.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime, timedelta

from fastapi import Request

from gateway.auth.accounts import Account, AccountStore
from parcelle_contracts.envelope import utcnow
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import DocumentStore, Index, Transaction

COUNTERS = "contatori"
INDEXES: tuple[Index, ...] = ()
"""Counters are read and written by key only."""

logger = get_logger(__name__)


@dataclass(frozen=True)
class Counter:
    count: int
    first: datetime
    last: datetime


class Counters:
    """Named counters over a time window, in the gateway's store."""

    def __init__(self, store: DocumentStore, clock: Callable[[], datetime] = utcnow) -> None:
        self._store = store
        self._clock = clock

    def now(self) -> datetime:
        return self._clock()

    async def read(self, key: str, window: timedelta) -> Counter | None:
        """The counter, or None when it is unset or its window has passed."""
        document = await self._store.run(lambda tx: tx.get(COUNTERS, key))
        return self._live(document, window)

    async def hit(self, key: str, window: timedelta) -> Counter:
        """Count one more; a counter whose window has passed starts again from one."""
        now = self.now()

        async def unit(tx: Transaction) -> Counter:
            document = await tx.get(COUNTERS, key)
            counter = self._live(document, window)
            count, first = (counter.count + 1, counter.first) if counter else (1, now)
            values = {"count": count, "first": first.isoformat(), "last": now.isoformat()}
            if document is None:
                await tx.insert(COUNTERS, {"_id": key, **values})
            else:
                await tx.update(COUNTERS, {**document, **values})
            return Counter(count, first, now)

        return await self._store.run(unit)

    async def clear(self, key: str) -> None:
        await self._store.run(lambda tx: tx.delete(COUNTERS, key))

    def _live(self, document: dict[str, object] | None, window: timedelta) -> Counter | None:
        if document is None:
            return None
        first = datetime.fromisoformat(str(document["first"]))
        last = datetime.fromisoformat(str(document["last"]))
        if self.now() - first >= window and self.now() - last >= window:
            return None
        return Counter(int(str(document["count"])), first, last)


@dataclass(frozen=True)
class LoginRules:
    free_per_account: int = 5
    """Failures from one address on one account before any wait."""
    free_per_address: int = 30
    """Failures from one address over every account before any wait."""
    first_wait: float = 1.0
    max_wait: float = 900.0
    forget_after: float = 3600.0
    """A quiet period after which the failures are forgotten."""

    def wait(self, failures: int, free: int) -> float:
        """Seconds to wait after ``failures`` failures, the first ``free`` of them free."""
        beyond = failures - free
        if beyond <= 0:
            return 0.0
        return float(min(self.first_wait * 2 ** (beyond - 1), self.max_wait))


class LoginThrottle:
    """How long a login attempt must wait, and what a failure or success changes."""

    def __init__(self, counters: Counters, rules: LoginRules) -> None:
        self._counters = counters
        self._rules = rules
        self._window = timedelta(seconds=rules.forget_after)

    async def retry_after(self, username: str, address: str) -> float:
        """Seconds before this user may try again from this address (0: now)."""
        waits = [0.0]
        for key, free in self._keys(username, address):
            counter = await self._counters.read(key, self._window)
            if counter is not None:
                until = counter.last + timedelta(seconds=self._rules.wait(counter.count, free))
                waits.append((until - self._counters.now()).total_seconds())
        return max(waits)

    async def failed(self, username: str, address: str) -> None:
        counts = [
            (await self._counters.hit(key, self._window)).count
            for key, _ in self._keys(username, address)
        ]
        logger.warning("login failed", username=username, address=address, failures=counts[0])

    async def succeeded(self, username: str, address: str) -> None:
        pair, _ = self._keys(username, address)[0]
        await self._counters.clear(pair)

    def _keys(self, username: str, address: str) -> list[tuple[str, int]]:
        return [
            (f"login:{username.strip().lower()}|{address}", self._rules.free_per_account),
            (f"login:*|{address}", self._rules.free_per_address),
        ]


class StationRate:
    """At most ``per_second`` scans a second from one station (a stuck trigger, a script)."""

    def __init__(self, counters: Counters, per_second: int) -> None:
        self._counters = counters
        self._per_second = per_second

    async def retry_after(self, station_id: str) -> float:
        """0 if this scan may go on (and it is counted), else the seconds to wait."""
        counter = await self._counters.hit(f"station:{station_id}", timedelta(seconds=1))
        if counter.count <= self._per_second:
            return 0.0
        return max(
            (counter.first + timedelta(seconds=1) - self._counters.now()).total_seconds(), 0.1
        )


class TooManyAttemptsError(Exception):
    """Too many failed logins: the next attempt may come in ``retry_after`` seconds."""

    def __init__(self, retry_after: float) -> None:
        self.retry_after = max(1, round(retry_after + 0.49))
        super().__init__(
            "Troppi tentativi di accesso non riusciti: riprova tra "
            f"{_durata(self.retry_after)}. Se non ricordi la password, rivolgiti alla "
            "segreteria del tuo Ordine."
        )


class GuardedLogin:
    """Password checks that wait as :class:`LoginThrottle` says: the one way pages and the API
    authenticate a user."""

    def __init__(self, accounts: AccountStore, throttle: LoginThrottle) -> None:
        self._accounts = accounts
        self._throttle = throttle

    async def authenticate(self, username: str, password: str, address: str) -> Account | None:
        """The account, None for wrong credentials, or :class:`TooManyAttemptsError`."""
        wait = await self._throttle.retry_after(username, address)
        if wait > 0:
            raise TooManyAttemptsError(wait)
        account = await self._accounts.authenticate(username, password)
        if account is None:
            await self._throttle.failed(username, address)
        else:
            await self._throttle.succeeded(username, address)
        return account


def _durata(secondi: int) -> str:
    if secondi < 60:
        return "1 secondo" if secondi == 1 else f"{secondi} secondi"
    minuti = -(-secondi // 60)
    return "1 minuto" if minuti == 1 else f"{minuti} minuti"


def client_address(peer: str | None, forwarded_for: str | None, trusted: frozenset[str]) -> str:
    """The client's address: the peer's, or, when the peer is a trusted proxy, the nearest
    address in ``X-Forwarded-For`` that is not one (the rest of the header anyone can write)."""
    address = peer or "unknown"
    if address not in trusted or not forwarded_for:
        return address
    for hop in reversed([part.strip() for part in forwarded_for.split(",") if part.strip()]):
        if hop not in trusted:
            return hop
    return address


def address_of(request: Request) -> str:
    """The address of the client of ``request``, as :func:`client_address` finds it."""
    trusted: frozenset[str] = request.app.state.settings.trusted_proxies
    peer = request.client.host if request.client else None
    return client_address(peer, request.headers.get("x-forwarded-for"), trusted)
