"""FastStream subscribers of `acquisizione`: decode, call the handler, publish what it returns."""

from faststream.rabbit import RabbitRouter

from acquisizione.config import AcquisizioneSettings
from parcelle_kit.bus import router
from parcelle_kit.service import Runtime


def build_router(runtime: Runtime[AcquisizioneSettings]) -> RabbitRouter:
    """The subscribers of `acquisizione`, wired to the runtime's ports (ping is built in)."""
    return router()
