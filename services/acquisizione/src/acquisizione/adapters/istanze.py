"""The ``istanze`` service as `acquisizione` asks it: the application's details (the client's
PEC and address are not in the deposit event), read as the Ordine's secretariat."""

from parcelle_contracts.common import Attore, Errore
from parcelle_contracts.envelope import Message
from parcelle_contracts.istanze import DettaglioIstanza, Istanza
from parcelle_kit.bus import RpcClient
from parcelle_kit.bus.retry import NON_DISPONIBILE, TransientError
from parcelle_kit.requests import ask


class IstanzaNonDisponibileError(Exception):
    """``istanze`` refused to show the application (not a refusal the clerk can act on: the
    message is retried and, at the limit, dead-lettered for an operator)."""

    def __init__(self, istanza_id: str, errore: Errore | None) -> None:
        motivo = f"{errore.codice}: {errore.messaggio}" if errore else "no data"
        super().__init__(f"istanze did not give application {istanza_id} ({motivo})")


class FascicoliIstanze:
    """Asks ``istanze`` by request/reply; a silence longer than ``timeout`` seconds raises
    :class:`parcelle_kit.bus.RequestTimeoutError`, an answer that it cannot answer now a
    :class:`~parcelle_kit.bus.retry.TransientError`: both are retried later."""

    def __init__(self, rpc: RpcClient, *, timeout: float) -> None:
        self._rpc = rpc
        self._timeout = timeout

    async def dettaglio(self, causa: Message, attore: Attore, istanza_id: str) -> Istanza:
        domanda = DettaglioIstanza.caused_by(causa, attore=attore, istanza_id=istanza_id)
        esito = await ask(self._rpc, domanda, Istanza, timeout=self._timeout)
        if esito.errore is not None and esito.errore.codice == NON_DISPONIBILE.codice:
            # istanze is up but could not answer now (its own peer or store): try again later.
            raise TransientError(f"istanze could not give application {istanza_id} now")
        if not esito.ok or esito.dati is None:
            raise IstanzaNonDisponibileError(istanza_id, esito.errore)
        return esito.dati
