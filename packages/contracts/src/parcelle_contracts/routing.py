"""Names on the bus: the services and the routing keys of queries.

Exchange and queue names depend on the deployment's bus namespace; ``parcelle_kit.bus``
derives them (``parcelle``, ``parcelle.public``, ``parcelle.dlx`` by default).
"""

from typing import Final

SERVICES: Final = ("istanze", "acquisizione", "revisione", "firma", "notifiche", "postale")
"""The six domain services, in the order of the procedure."""


def query_key(service: str, name: str) -> str:
    """Routing key of a request/reply query answered by ``service``."""
    return f"{service}.query.{name}"
