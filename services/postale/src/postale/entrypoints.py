"""FastStream subscribers of `postale`: decode, call the handler, publish what it returns.

No handler yet: the registered letters other services order (the notice of start of
proceedings to a client without PEC) wait in this service's durable queue, declared at start,
until one exists.
"""

from faststream.rabbit import RabbitRouter

from parcelle_contracts.comunicazioni import InviaRaccomandata
from parcelle_kit.bus import router
from parcelle_kit.bus.attesa import declare_waiting
from parcelle_kit.service import Runtime
from postale.config import PostaleSettings

WAITING = (InviaRaccomandata,)
"""Commands owned by `postale` that nothing consumes yet: they wait in their queues."""


def build_router(runtime: Runtime[PostaleSettings]) -> RabbitRouter:
    """The subscribers of `postale`, wired to the runtime's ports (ping is the runtime's own)."""
    runtime.on_start(
        lambda: declare_waiting(runtime.broker, runtime.topology, runtime.name, WAITING)
    )
    return router()
