"""FastStream subscribers of `firma`: decode, call the handler, publish what it returns."""

from faststream.rabbit import RabbitRouter

from firma.config import FirmaSettings
from parcelle_kit.bus import router
from parcelle_kit.service import Runtime


def build_router(runtime: Runtime[FirmaSettings]) -> RabbitRouter:
    """The subscribers of `firma`, wired to the runtime's ports (ping is the runtime's own)."""
    return router()
