"""Composition root of `firma`: ``parcelle run firma`` loads :data:`service` from here."""

from firma.config import FirmaSettings
from firma.entrypoints import build_router
from parcelle_kit.service import ServiceDefinition

service = ServiceDefinition(name="firma", settings_cls=FirmaSettings, wire=build_router)
