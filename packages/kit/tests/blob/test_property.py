"""Property: any byte stream, cut into any chunks, comes back whole with hashlib's SHA-256."""

import asyncio
import hashlib
import itertools
import secrets
from collections.abc import AsyncIterator

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from parcelle_kit.blob.ports import BlobStore


@st.composite
def chunked(draw: st.DrawFn) -> tuple[bytes, list[bytes]]:
    """Bytes, and the same bytes cut at arbitrary points (empty chunks included)."""
    data = draw(st.binary(max_size=200_000))
    cuts = sorted(draw(st.lists(st.integers(0, len(data)), max_size=20)))
    bounds = [0, *cuts, len(data)]
    return data, [data[a:b] for a, b in itertools.pairwise(bounds)]


async def stream_of(parts: list[bytes]) -> AsyncIterator[bytes]:
    for part in parts:
        await asyncio.sleep(0)
        yield part


# The store fixture is built once per test, not per example; that is intended here (each
# example writes its own key), so Hypothesis' check against function-scoped fixtures is off.
@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(case=chunked())
async def test_random_chunked_streams_round_trip_with_the_right_hash(
    store: BlobStore, case: tuple[bytes, list[bytes]]
) -> None:
    data, chunks = case
    key = f"prop/{secrets.token_hex(8)}"

    info = await store.put(key, stream_of(chunks), max_size=len(data))

    assert info.size == len(data)
    assert info.sha256 == hashlib.sha256(data).hexdigest()
    assert await store.get(key) == data
    assert b"".join([c async for c in store.stream(key, chunk_size=4096)]) == data
