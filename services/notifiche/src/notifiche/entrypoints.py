"""FastStream subscribers of `notifiche`: decode, call the handler, publish what it returns."""

from faststream.rabbit import RabbitRouter

from notifiche.config import NotificheSettings
from parcelle_kit.bus import router
from parcelle_kit.service import Runtime


def build_router(runtime: Runtime[NotificheSettings]) -> RabbitRouter:
    """The subscribers of `notifiche`, wired to the runtime's ports (ping is the runtime's own)."""
    return router()
