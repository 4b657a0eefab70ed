"""Expiring signed download links (:mod:`parcelle_kit.links`) under the gateway's address."""

from datetime import datetime

from parcelle_contracts.common import FileRef
from parcelle_kit.links import Collegamento, firma_link

PERCORSO = "/documenti/link/"
"""The gateway's route that checks a token and serves the document."""


class CollegamentiFirmati:
    def __init__(self, key: bytes, base_url: str) -> None:
        self._key = key
        self._base = base_url.rstrip("/")

    def link(self, documento: FileRef, *, istanza_id: str, ordine: str, scade_il: datetime) -> str:
        token = firma_link(
            self._key,
            Collegamento(
                documento=documento, istanza_id=istanza_id, ordine=ordine, scade_il=scade_il
            ),
        )
        return f"{self._base}{PERCORSO}{token}"
