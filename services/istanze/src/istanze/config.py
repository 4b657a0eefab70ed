"""Settings of the `istanze` service: ``PARCELLE_ISTANZE_*`` overrides ``PARCELLE_*``."""

from typing import ClassVar

from parcelle_kit.settings import Settings


class IstanzeSettings(Settings):
    """Everything `istanze` reads from the environment."""

    service_prefix: ClassVar[str] = "ISTANZE"
