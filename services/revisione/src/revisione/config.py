"""Settings of the `revisione` service: ``PARCELLE_REVISIONE_*`` overrides ``PARCELLE_*``."""

from typing import ClassVar

from parcelle_kit.settings import Settings


class RevisioneSettings(Settings):
    """Everything `revisione` reads from the environment."""

    service_prefix: ClassVar[str] = "REVISIONE"
