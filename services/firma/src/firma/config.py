"""Settings of the `firma` service: ``PARCELLE_FIRMA_*`` overrides ``PARCELLE_*``."""

from typing import ClassVar

from parcelle_kit.settings import Settings


class FirmaSettings(Settings):
    """Everything `firma` reads from the environment."""

    service_prefix: ClassVar[str] = "FIRMA"
