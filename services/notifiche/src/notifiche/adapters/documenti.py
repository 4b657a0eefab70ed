"""The documents commands name as claim checks, read from the blob area each one names (the
sender's own, or the transfer area), as the gateway reads them for a download: the bytes are
checked against the claim check's SHA-256 and size before they are attached."""

import hashlib
from collections.abc import Callable

from notifiche.domain.errori import AllegatoNonValidoError
from parcelle_contracts.common import FileRef
from parcelle_kit.blob.ports import BlobError, BlobStore


class DocumentiBlob:
    """The :class:`~notifiche.ports.Documenti` over the blob store's areas."""

    def __init__(self, area: Callable[[str], BlobStore]) -> None:
        self._area = area
        self._aperte: dict[str, BlobStore] = {}

    async def _store(self, nome: str) -> BlobStore:
        if nome not in self._aperte:
            store = self._area(nome)
            await store.open()
            self._aperte[nome] = store
        return self._aperte[nome]

    async def leggi(self, documento: FileRef) -> bytes:
        ref = documento.blob
        store = await self._store(ref.area)
        try:
            dati = await store.get(ref.key)
        except BlobError as error:
            raise AllegatoNonValidoError(f"{ref.area}/{ref.key}: {error!r}") from error
        if len(dati) != ref.size or hashlib.sha256(dati).hexdigest() != ref.sha256:
            raise AllegatoNonValidoError(f"{ref.area}/{ref.key}: not the document named")
        return dati

    async def close(self) -> None:
        for store in self._aperte.values():
            await store.close()
        self._aperte.clear()
