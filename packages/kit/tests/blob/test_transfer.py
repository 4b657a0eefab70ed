"""Claiming a payload from the transfer area: copied once, checked, removed from the area."""

import hashlib
from collections.abc import AsyncIterator
from pathlib import Path

import pytest

from parcelle_contracts.common import BlobRef
from parcelle_kit.blob.filesystem import FilesystemBlobStore
from parcelle_kit.blob.transfer import PayloadMismatchError, claim, head

PAYLOAD = b"%PDF-1.7\n" + b"x" * 20_000


async def once(data: bytes) -> AsyncIterator[bytes]:
    yield data


async def stores(root: Path) -> tuple[FilesystemBlobStore, FilesystemBlobStore]:
    transfer, own = FilesystemBlobStore(root / "transfer"), FilesystemBlobStore(root / "own")
    await transfer.open()
    await own.open()
    return transfer, own


async def uploaded(transfer: FilesystemBlobStore, data: bytes = PAYLOAD) -> BlobRef:
    info = await transfer.put("upload-1", once(data), max_size=len(data))
    return BlobRef(area="transfer", key="upload-1", sha256=info.sha256, size=info.size)


async def test_the_payload_moves_into_the_services_store(tmp_path: Path) -> None:
    transfer, own = await stores(tmp_path)
    ref = await uploaded(transfer)

    assert await head(transfer, ref, 9) == b"%PDF-1.7\n"
    info = await claim(transfer, ref, own, "doc/1.pdf", content_type="application/pdf")

    assert info.sha256 == hashlib.sha256(PAYLOAD).hexdigest()
    assert await own.get("doc/1.pdf") == PAYLOAD
    assert await transfer.stat(ref.key) is None


async def test_a_redelivery_finds_its_own_copy(tmp_path: Path) -> None:
    transfer, own = await stores(tmp_path)
    ref = await uploaded(transfer)
    await own.put("doc/1.pdf", once(PAYLOAD), max_size=len(PAYLOAD))  # the first attempt's

    info = await claim(transfer, ref, own, "doc/1.pdf", content_type="application/pdf")

    assert info.size == len(PAYLOAD)
    assert await transfer.stat(ref.key) is None


async def test_another_payload_than_the_message_says_is_refused(tmp_path: Path) -> None:
    transfer, own = await stores(tmp_path)
    ref = await uploaded(transfer)
    falso = ref.model_copy(update={"sha256": "0" * 64})

    with pytest.raises(PayloadMismatchError):
        await claim(transfer, falso, own, "doc/1.pdf", content_type="application/pdf")
    assert await transfer.stat(ref.key) is not None  # left for an operator to look at
