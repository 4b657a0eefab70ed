"""FastStream subscribers of `notifiche`: decode, call the handler, publish what it returns.

No handler yet: the commands other services send here (the notice of start of proceedings by
PEC or e-mail) wait in this service's durable queue, declared at start, until one exists.
"""

from faststream.rabbit import RabbitRouter

from notifiche.config import NotificheSettings
from parcelle_contracts.comunicazioni import InviaComunicazione
from parcelle_kit.bus import router
from parcelle_kit.bus.attesa import declare_waiting
from parcelle_kit.service import Runtime

WAITING = (InviaComunicazione,)
"""Commands owned by `notifiche` that nothing consumes yet: they wait in their queues."""


def build_router(runtime: Runtime[NotificheSettings]) -> RabbitRouter:
    """The subscribers of `notifiche`, wired to the runtime's ports (ping is the runtime's own)."""
    runtime.on_start(
        lambda: declare_waiting(runtime.broker, runtime.topology, runtime.name, WAITING)
    )
    return router()
