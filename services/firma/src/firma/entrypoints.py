"""FastStream subscribers of `firma`: decode, call the handler, reply with an Esito."""

from faststream.rabbit import RabbitRouter

from firma import handlers
from firma.config import FirmaSettings
from firma.handlers import Ports
from parcelle_contracts.common import BlobRef
from parcelle_contracts.firma import EsitoVerifica, FirmaDemo, VerificaFirma
from parcelle_kit.bus import router
from parcelle_kit.requests import answer
from parcelle_kit.service import Runtime


def build_router(runtime: Runtime[FirmaSettings], ports: Ports) -> RabbitRouter:
    """The subscribers of `firma`, wired to ``ports`` (ping is the runtime's own)."""
    subscribers = router()

    async def verifica_firma(message: VerificaFirma) -> EsitoVerifica:
        return await handlers.verifica_firma(message, ports)

    async def firma_demo(message: FirmaDemo) -> BlobRef:
        return await handlers.firma_demo(message, ports)

    answer(subscribers, runtime.topology, runtime.name, VerificaFirma, verifica_firma)
    answer(subscribers, runtime.topology, runtime.name, FirmaDemo, firma_demo)
    return subscribers
