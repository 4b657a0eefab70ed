"""Composition root of `revisione`: ``parcelle run revisione`` loads :data:`service` from here."""

from parcelle_kit.service import ServiceDefinition
from revisione.config import RevisioneSettings
from revisione.entrypoints import build_router

service = ServiceDefinition(name="revisione", settings_cls=RevisioneSettings, wire=build_router)
