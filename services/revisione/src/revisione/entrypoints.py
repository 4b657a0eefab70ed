"""FastStream subscribers of `revisione`: decode, call the handler, publish what it returns."""

from faststream.rabbit import RabbitRouter

from parcelle_kit.bus import router
from parcelle_kit.service import Runtime
from revisione.config import RevisioneSettings


def build_router(runtime: Runtime[RevisioneSettings]) -> RabbitRouter:
    """The subscribers of `revisione`, wired to the runtime's ports (ping is the runtime's own)."""
    return router()
