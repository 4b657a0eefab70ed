"""Composition root of `istanze`: ``parcelle run`` loads :data:`service` from here."""

from istanze.adapters.archivio import INDEXES
from istanze.config import IstanzeSettings
from istanze.entrypoints import build_router
from parcelle_kit.service import ServiceDefinition

service = ServiceDefinition(
    name="istanze", settings_cls=IstanzeSettings, wire=build_router, indexes=INDEXES
)
