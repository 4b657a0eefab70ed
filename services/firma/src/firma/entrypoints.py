"""FastStream subscribers of `firma`: decode, call the handler, reply with an Esito."""

from faststream.rabbit import RabbitRouter

from firma.config import FirmaSettings
from firma.handlers.firma_demo import firma_demo
from firma.handlers.firma_documento import firma_documento
from firma.handlers.verifica import verifica_firma
from firma.ports import Dependencies
from parcelle_contracts.common import BlobRef
from parcelle_contracts.firma import (
    EsitoVerifica,
    FirmaApposta,
    FirmaDemo,
    FirmaDocumento,
    VerificaFirma,
)
from parcelle_kit.bus import router
from parcelle_kit.requests import answer
from parcelle_kit.service import Runtime


def build_router(runtime: Runtime[FirmaSettings], deps: Dependencies) -> RabbitRouter:
    """The subscribers of `firma`, wired to ``deps`` (ping is the runtime's own)."""
    subscribers = router()

    async def verifica(message: VerificaFirma) -> EsitoVerifica:
        return await verifica_firma(message, deps)

    async def demo(message: FirmaDemo) -> BlobRef:
        return await firma_demo(message, deps)

    async def firma(message: FirmaDocumento) -> FirmaApposta:
        return await firma_documento(message, deps)

    answer(subscribers, runtime.topology, runtime.name, VerificaFirma, verifica)
    answer(subscribers, runtime.topology, runtime.name, FirmaDemo, demo)
    answer(subscribers, runtime.topology, runtime.name, FirmaDocumento, firma)
    return subscribers
