"""The owner of the Ordini's settings over the bus: ``acquisizione`` answers
``LeggiImpostazioniOrdine`` for a service that has no read copy yet.

When it does not answer in time, it is not asked again about that Ordine for a pause: every
request meanwhile takes the defaults at once instead of waiting out the timeout again (one
slow page, not all of them, while the owner is down)."""

import time

from parcelle_contracts.envelope import Message
from parcelle_contracts.ordini import ImpostazioniOrdine, LeggiImpostazioniOrdine
from parcelle_kit.bus import RequestTimeoutError, RpcClient
from parcelle_kit.logging import get_logger
from parcelle_kit.requests import ask

logger = get_logger(__name__)


class AcquisizioneRemota:
    """Asks ``acquisizione`` with a short timeout: a case's page must not hang on it."""

    def __init__(self, rpc: RpcClient, *, timeout: float, pausa: float) -> None:
        self._rpc = rpc
        self._timeout = timeout
        self._pausa = pausa
        self._muto_fino: dict[str, float] = {}
        """Ordine -> monotonic time until which the owner is not asked again."""

    async def impostazioni(self, cause: Message, ordine: str) -> ImpostazioniOrdine | None:
        if time.monotonic() < self._muto_fino.get(ordine, 0.0):
            return None
        domanda = LeggiImpostazioniOrdine.caused_by(cause, ordine=ordine)
        try:
            esito = await ask(self._rpc, domanda, ImpostazioniOrdine, timeout=self._timeout)
        except RequestTimeoutError:
            self._muto_fino[ordine] = time.monotonic() + self._pausa
            return None
        self._muto_fino.pop(ordine, None)
        if not esito.ok or esito.dati is None:
            motivo = esito.errore.messaggio if esito.errore else "risposta vuota"
            logger.warning("acquisizione refused the Ordine's settings", reason=motivo)
            return None
        return esito.dati
