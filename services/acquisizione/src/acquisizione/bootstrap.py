"""Composition root of `acquisizione`: ``parcelle run`` loads :data:`service` from here."""

from acquisizione.adapters.registro import INDEXES
from acquisizione.config import AcquisizioneSettings
from acquisizione.entrypoints import build_router
from parcelle_kit.service import ServiceDefinition

service = ServiceDefinition(
    name="acquisizione", settings_cls=AcquisizioneSettings, wire=build_router, indexes=INDEXES
)
