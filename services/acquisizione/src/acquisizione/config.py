"""Settings of the `acquisizione` service: ``PARCELLE_ACQUISIZIONE_*`` overrides ``PARCELLE_*``."""

from typing import ClassVar

from parcelle_kit.settings import Settings


class AcquisizioneSettings(Settings):
    """Everything `acquisizione` reads from the environment."""

    service_prefix: ClassVar[str] = "ACQUISIZIONE"
