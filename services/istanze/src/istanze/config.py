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
    impostazioni_timeout: float = Field(
        default=2.0,
        gt=0,
        le=30,
        description="Seconds to wait for acquisizione's answer with an Ordine's settings when "
        "there is no read copy yet (then the defaults apply to that request).",
    )
    impostazioni_pausa: float = Field(
        default=30.0,
        ge=0,
        le=3600,
        description="Seconds during which acquisizione is not asked again about an Ordine after "
        "it did not answer (requests meanwhile take the defaults at once).",
    )
