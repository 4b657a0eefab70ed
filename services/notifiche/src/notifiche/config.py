"""Settings of the `notifiche` service: ``PARCELLE_NOTIFICHE_*`` overrides ``PARCELLE_*``."""

from typing import ClassVar

from parcelle_kit.settings import Settings


class NotificheSettings(Settings):
    """Everything `notifiche` reads from the environment."""

    service_prefix: ClassVar[str] = "NOTIFICHE"
