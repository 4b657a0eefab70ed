"""The message bus: topology, broker factory, publishing with confirms."""

from parcelle_kit.bus.broker import (
    build_broker,
    declare_dead_letters,
    declare_exchanges,
    declare_retries,
    retry_policy,
    router,
    topology_of,
)
from parcelle_kit.bus.follow import follow, follow_dead_letters
from parcelle_kit.bus.outgoing import Outgoing, headers_of
from parcelle_kit.bus.publisher import Publisher
from parcelle_kit.bus.rpc import RequestTimeoutError, RpcClient
from parcelle_kit.bus.topology import Topology

__all__ = [
    "Outgoing",
    "Publisher",
    "RequestTimeoutError",
    "RpcClient",
    "Topology",
    "build_broker",
    "declare_dead_letters",
    "declare_exchanges",
    "declare_retries",
    "follow",
    "follow_dead_letters",
    "headers_of",
    "retry_policy",
    "router",
    "topology_of",
]
