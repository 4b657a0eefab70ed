"""Composition root of `postale`: ``parcelle run postale`` loads :data:`service` from here."""

from parcelle_contracts.postale import InviaRaccomandata
from parcelle_kit.service import ServiceDefinition
from postale.config import PostaleSettings
from postale.entrypoints import build_router

service = ServiceDefinition(
    name="postale",
    settings_cls=PostaleSettings,
    wire=build_router,
    # No handler yet: these commands wait in their durable queue, declared at start.
    waiting=(InviaRaccomandata,),
)
