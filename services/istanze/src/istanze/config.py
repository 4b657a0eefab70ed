"""Settings of the `istanze` service: ``PARCELLE_ISTANZE_*`` overrides ``PARCELLE_*``."""

from typing import ClassVar

from pydantic import Field

from parcelle_kit.settings import Settings


class IstanzeSettings(Settings):
    """Everything `istanze` reads from the environment."""

    service_prefix: ClassVar[str] = "ISTANZE"

    pdf_workers: int = Field(
        default=2, ge=1, le=16, description="Processes rendering the application and receipt PDFs."
    )
