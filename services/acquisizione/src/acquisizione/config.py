"""Settings of the `acquisizione` service: ``PARCELLE_ACQUISIZIONE_*`` overrides ``PARCELLE_*``.

An Ordine's settings (terms, observations window, relatori, automatic assignment, what an
application needs) are not environment settings: `acquisizione` owns them in its store
(collection ``ordini``, one versioned document per Ordine), changes them with ``parcelle ordini
imposta`` and announces every change to the other services.
"""

from typing import ClassVar

from pydantic import Field

from parcelle_kit.settings import Settings


class AcquisizioneSettings(Settings):
    """Everything `acquisizione` reads from the environment."""

    service_prefix: ClassVar[str] = "ACQUISIZIONE"

    pdf_workers: int = Field(
        default=1,
        ge=1,
        le=16,
        description="Processes rendering the notices of start of proceedings (one per "
        "acquisition, off the clerk's path: one worker keeps up with any Ordine's counter).",
    )
    istanze_timeout: float = Field(
        default=10.0,
        gt=0,
        le=120,
        description="Seconds to wait for istanze's answer when preparing a notice; a longer "
        "silence fails the attempt, which the broker retries.",
    )
    max_osservazioni_mb: int = Field(
        default=16, ge=1, le=100, description="Largest file of observations accepted, in MB."
    )
