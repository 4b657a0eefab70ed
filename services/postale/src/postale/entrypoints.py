"""What drives `postale`: the FastStream subscribers (the command to send a raccomandata, the
secretariat's queries, the Ordine's settings) and the periodic round that advances the
tracking (:class:`Giro`), started and stopped with the process."""

import asyncio
import contextlib

from faststream.rabbit import RabbitRouter

from parcelle_contracts import postale as contratti
from parcelle_contracts.ordini import ImpostazioniOrdineCambiate
from parcelle_kit.bus import Topology, follow, router
from parcelle_kit.logging import get_logger
from parcelle_kit.requests import answer_all
from postale.handlers import seguiti
from postale.handlers.consultazione import Consultazione
from postale.handlers.invio import Invio
from postale.handlers.tracciamento import Tracciamento
from postale.ports import Dependencies

logger = get_logger(__name__)


def build_router(topology: Topology, service: str, d: Dependencies) -> RabbitRouter:
    """The subscribers of `postale`, over the dependencies ``d`` (ping is built in)."""
    invio, consultazione = Invio(d), Consultazione(d)
    subscribers = router()
    answer_all(
        subscribers,
        topology,
        service,
        {
            contratti.ElencoRaccomandate: consultazione.elenco,
            contratti.FileRicevutaPostale: consultazione.file,
        },
    )

    async def impostazioni(message: ImpostazioniOrdineCambiate) -> None:
        await seguiti.registra_impostazioni(d, message)

    follow(subscribers, topology, service, contratti.InviaRaccomandata, invio.invia)
    follow(subscribers, topology, service, ImpostazioniOrdineCambiate, impostazioni)
    return subscribers


class Giro:
    """The tracking round every ``ogni`` seconds, as one task of the process: started with
    it, cancelled when it stops (no task outlives the service). A failed round is logged and
    the next one tries again."""

    def __init__(self, d: Dependencies, ogni: float) -> None:
        self._tracciamento = Tracciamento(d)
        self._ogni = ogni
        self._task: asyncio.Task[None] | None = None

    async def start(self) -> None:
        if self._task is None:
            self._task = asyncio.create_task(self._gira(), name="postale-tracciamento")

    async def stop(self) -> None:
        if self._task is None:
            return
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        self._task = None

    async def _gira(self) -> None:
        while True:
            try:
                await self._tracciamento.avanza()
            except Exception:
                logger.exception("tracking round failed; the next one tries again")
            await asyncio.sleep(self._ogni)
