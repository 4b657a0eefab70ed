"""Settings of the `postale` service: ``PARCELLE_POSTALE_*`` overrides ``PARCELLE_*``."""

from typing import ClassVar, Literal

from pydantic import Field

from parcelle_kit.settings import Settings


class PostaleSettings(Settings):
    """Everything `postale` reads from the environment."""

    service_prefix: ClassVar[str] = "POSTALE"

    centro_stampa: Literal["simulatore"] = Field(
        default="simulatore",
        description="The print center: only the local simulator until a provider's contract "
        "exists.",
    )
    fronte_retro: bool = Field(
        default=False, description="The print center prints on both sides of each sheet."
    )
    tracciamento_ogni: float = Field(
        default=1.0, gt=0, le=3600, description="Seconds between two rounds of tracking."
    )
    simulatore_accelerazione: float = Field(
        default=20160.0,
        gt=0,
        description="How many times faster than real time the simulator's course runs (the "
        "default puts a raccomandata's week in 30 seconds; 1 is real time).",
    )
    simulatore_probabilita_guasto: float = Field(
        default=0.0, ge=0, le=1, description="Chance that a submission fails for a while."
    )
    simulatore_probabilita_giacenza: float = Field(
        default=0.0, ge=0, le=1, description="Chance that a mailing is held at the post office."
    )
    pdf_workers: int = Field(default=1, ge=1, le=16, description="Processes rendering PDFs.")
    impostazioni_timeout: float = Field(default=2.0, gt=0, le=30)
    impostazioni_pausa: float = Field(default=30.0, ge=0, le=3600)
