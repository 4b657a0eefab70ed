"""FastStream subscribers of `istanze`: decode, call the handler, publish what it returns."""

from faststream.rabbit import RabbitRouter

from istanze.config import IstanzeSettings
from parcelle_kit.bus import router
from parcelle_kit.service import Runtime


def build_router(runtime: Runtime[IstanzeSettings]) -> RabbitRouter:
    """The subscribers of `istanze`, wired to the runtime's ports (ping is the runtime's own)."""
    return router()
