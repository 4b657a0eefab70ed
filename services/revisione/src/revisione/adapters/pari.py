"""The peers of `revisione` over the bus: ``istanze`` (the application), ``firma`` (the
Ordine's signature) and ``acquisizione`` (the Ordine's settings), each asked by request/reply
with a timeout. A peer that does not answer in time is a passing failure
(:class:`~parcelle_kit.bus.retry.TransientError`): a councillor's request is answered "retry",
the signing step is retried later. A refusal is the peer's word and is not retried."""

from parcelle_contracts.common import Attore, BlobRef
from parcelle_contracts.envelope import Message
from parcelle_contracts.firma import FirmaApposta, FirmaDocumento
from parcelle_contracts.istanze import DettaglioIstanza, Istanza
from parcelle_kit.bus import RequestTimeoutError, RpcClient
from parcelle_kit.bus.retry import TransientError
from parcelle_kit.logging import get_logger
from parcelle_kit.requests import ask
from revisione.domain.errori import NonTrovataError

logger = get_logger(__name__)


class PeerNonDisponibileError(TransientError):
    """A peer did not answer in time, or answered that it cannot now."""


class FirmaRifiutataError(Exception):
    """``firma`` refused to sign: not a passing failure (an operator must look)."""


class IstanzeRemote:
    def __init__(self, rpc: RpcClient, *, timeout: float) -> None:
        self._rpc, self._timeout = rpc, timeout

    async def dettaglio(self, cause: Message, istanza_id: str, attore: Attore) -> Istanza:
        domanda = DettaglioIstanza.caused_by(cause, attore=attore, istanza_id=istanza_id)
        try:
            esito = await ask(self._rpc, domanda, Istanza, timeout=self._timeout)
        except RequestTimeoutError:
            raise PeerNonDisponibileError("istanze non risponde") from None
        if esito.ok and esito.dati is not None:
            return esito.dati
        if esito.errore is not None and esito.errore.codice == "servizio_non_disponibile":
            raise PeerNonDisponibileError(esito.errore.messaggio)
        raise NonTrovataError("Pratica non trovata")


class FirmaRemota:
    def __init__(self, rpc: RpcClient, *, timeout: float) -> None:
        self._rpc, self._timeout = rpc, timeout

    async def firma(
        self, cause: Message, message_id: str, documento: BlobRef, firmatario: str, motivo: str
    ) -> FirmaApposta:
        comando = FirmaDocumento.caused_by(
            cause,
            message_id=message_id,
            documento=documento,
            firmatario=firmatario,
            motivo=motivo,
        )
        try:
            esito = await ask(self._rpc, comando, FirmaApposta, timeout=self._timeout)
        except RequestTimeoutError:
            raise PeerNonDisponibileError("firma non risponde") from None
        if esito.ok and esito.dati is not None:
            return esito.dati
        errore = esito.errore
        if errore is not None and errore.codice in {"servizio_non_disponibile"}:
            raise PeerNonDisponibileError(errore.messaggio)
        raise FirmaRifiutataError(errore.messaggio if errore else "risposta vuota")
