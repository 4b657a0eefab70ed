"""Settings of the `postale` service: ``PARCELLE_POSTALE_*`` overrides ``PARCELLE_*``."""

from typing import ClassVar

from parcelle_kit.settings import Settings


class PostaleSettings(Settings):
    """Everything `postale` reads from the environment."""

    service_prefix: ClassVar[str] = "POSTALE"
