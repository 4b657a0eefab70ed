"""Finding the processes ``parcelle run`` can start.

Services and the gateway register themselves under the ``parcelle.services`` entry-point group
(in their pyproject.toml), so the kit never imports a service by name.
"""

import os
from importlib.metadata import entry_points
from pathlib import Path

from parcelle_contracts.routing import SERVICES
from parcelle_kit.service import Process
from parcelle_kit.smtp_sink import SmtpSink

GROUP = "parcelle.services"
SMTP_SINK = "smtp-sink"
GATEWAY = "gateway"


def process_names() -> list[str]:
    registered = {entry.name for entry in entry_points(group=GROUP)}
    ordered = [name for name in (*SERVICES, GATEWAY) if name in registered]
    return [*ordered, *sorted(registered - set(ordered)), SMTP_SINK]


def load_process(name: str) -> Process:
    if name == SMTP_SINK:
        return SmtpSink(
            host=os.environ.get("PARCELLE_SMTP_SINK_HOST", "127.0.0.1"),
            port=int(os.environ.get("PARCELLE_SMTP_SINK_PORT", "1025")),
            directory=Path(os.environ.get("PARCELLE_VAR_DIR", "var")) / "mail",
        )
    (entry,) = entry_points(group=GROUP, name=name)
    process: Process = entry.load()
    return process
