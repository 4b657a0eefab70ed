"""Composition root of `notifiche`: ``parcelle run notifiche`` loads :data:`service` from here."""

from notifiche.config import NotificheSettings
from notifiche.entrypoints import build_router
from parcelle_contracts.comunicazioni import InviaComunicazione
from parcelle_kit.service import ServiceDefinition

service = ServiceDefinition(
    name="notifiche",
    settings_cls=NotificheSettings,
    wire=build_router,
    # No handler yet: these commands wait in their durable queue, declared at start.
    waiting=(InviaComunicazione,),
)
