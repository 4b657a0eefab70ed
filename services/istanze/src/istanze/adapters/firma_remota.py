"""The signature port over the bus: ``firma`` verifies and, in development, demo-signs."""

from typing import TypeVar

from pydantic import TypeAdapter

from parcelle_contracts.common import BlobRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.firma import EsitoVerifica, FirmaDemo, Originale, VerificaFirma
from parcelle_kit.bus import RequestTimeoutError, RpcClient
from parcelle_kit.requests import ask

D = TypeVar("D")
TIMEOUT = 30.0
"""Verification fetches revocation data in production; give it time."""


class FirmaNonDisponibileError(Exception):
    """``firma`` refused or did not answer; the deposit cannot be checked now."""


class FirmaRemota:
    """Asks the ``firma`` service; ``cause`` links the request to the lawyer's command."""

    def __init__(self, rpc: RpcClient) -> None:
        self._rpc = rpc

    async def verifica(
        self, cause: Message, firmato: BlobRef, originale: Originale, codice_fiscale: str
    ) -> EsitoVerifica:
        request = VerificaFirma.caused_by(
            cause, firmato=firmato, originale=originale, codice_fiscale=codice_fiscale
        )
        return await self._ask(request, EsitoVerifica)

    async def firma_demo(self, cause: Message, documento: BlobRef) -> BlobRef:
        return await self._ask(FirmaDemo.caused_by(cause, documento=documento), BlobRef)

    async def _ask(self, request: Message, dati_type: type[D]) -> D:
        try:
            esito = await ask(self._rpc, request, dati_type, timeout=TIMEOUT)
        except RequestTimeoutError:
            raise FirmaNonDisponibileError("il servizio di firma non risponde") from None
        if not esito.ok or esito.dati is None:
            reason = esito.errore.messaggio if esito.errore else "risposta vuota"
            raise FirmaNonDisponibileError(reason)
        return TypeAdapter(dati_type).validate_python(esito.dati)
