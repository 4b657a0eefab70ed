"""Settings of the `revisione` service: ``PARCELLE_REVISIONE_*`` overrides ``PARCELLE_*``."""

from typing import ClassVar

from pydantic import Field

from parcelle_kit.settings import Settings


class RevisioneSettings(Settings):
    """Everything `revisione` reads from the environment."""

    service_prefix: ClassVar[str] = "REVISIONE"

    pdf_workers: int = Field(
        default=1, ge=1, le=16, description="Processes rendering the orders' PDFs."
    )
    istanze_timeout: float = Field(
        default=5.0, gt=0, le=60, description="Seconds to wait for istanze's application."
    )
    firma_timeout: float = Field(
        default=60.0,
        gt=0,
        le=600,
        description="Seconds to wait for firma's signature (a remote signer may be slow); "
        "then the signing step is retried later.",
    )
    impostazioni_timeout: float = Field(default=2.0, gt=0, le=30)
    impostazioni_pausa: float = Field(default=30.0, ge=0, le=3600)
