"""FastStream subscribers of `postale`: decode, call the handler, publish what it returns."""

from faststream.rabbit import RabbitRouter

from parcelle_kit.bus import router
from parcelle_kit.service import Runtime
from postale.config import PostaleSettings


def build_router(runtime: Runtime[PostaleSettings]) -> RabbitRouter:
    """The subscribers of `postale`, wired to the runtime's ports (ping is the runtime's own)."""
    return router()
