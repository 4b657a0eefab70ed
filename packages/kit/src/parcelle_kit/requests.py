"""Requests answered with an :class:`~parcelle_contracts.common.Esito`: the one way a service
answers a command or query sent by request/reply, and the one way to ask one.

A handler returns the reply's data, or raises a domain error carrying ``codice``,
``messaggio`` and ``campi`` (any exception with those attributes, so service domains need not
import anything): the caller then gets ``Esito(ok=False, errore=...)`` and the message is
acknowledged. Any other exception is a failure of the service: the message is retried and,
at the limit, dead-lettered, while the caller's wait times out.
"""

from collections.abc import Awaitable, Callable, Mapping
from typing import Any, Protocol, TypeVar, runtime_checkable

from faststream.rabbit import RabbitRouter
from pydantic import BaseModel

from parcelle_contracts.common import Errore, Esito
from parcelle_contracts.envelope import Message
from parcelle_kit.bus import RpcClient, Topology, headers_of

M = TypeVar("M", bound=Message)
D = TypeVar("D")


@runtime_checkable
class Refusal(Protocol):
    """What a domain error carries so that it can become an :class:`Errore`."""

    codice: str
    messaggio: str
    campi: Mapping[str, str]


def answer(
    router: RabbitRouter,
    topology: Topology,
    service: str,
    message_type: type[M],
    handle: Callable[[M], Awaitable[BaseModel | list[Any] | dict[str, Any] | None]],
) -> None:
    """Subscribe ``handle`` to ``message_type`` and reply with an Esito."""
    if message_type.kind == "query":
        queue = topology.query_queue(service, message_type.name)
    else:
        queue = topology.queue(service, message_type.name, routing_key=message_type.routing_key())

    async def respond(message: Any) -> dict[str, Any]:
        try:
            dati = await handle(message)
        except Exception as error:
            if isinstance(error, Refusal):
                errore = Errore(
                    codice=error.codice, messaggio=error.messaggio, campi=dict(error.campi)
                )
                return Esito.fallito(errore).model_dump(mode="json")
            raise
        return {"ok": True, "dati": _json(dati), "errore": None}

    # FastStream decodes the body into the type annotated on the handler's first parameter.
    respond.__annotations__["message"] = message_type
    respond.__name__ = respond.__qualname__ = message_type.__name__
    router.subscriber(queue, topology.exchange, title=message_type.routing_key())(respond)


def answer_all(
    router: RabbitRouter,
    topology: Topology,
    service: str,
    handlers: Mapping[type[Message], Callable[[Any], Awaitable[Any]]],
) -> None:
    """:func:`answer` each message type with its handler."""
    for message_type, handle in handlers.items():
        answer(router, topology, service, message_type, handle)


async def ask(rpc: RpcClient, message: Message, dati_type: type[D], *, timeout: float) -> Esito[D]:
    """Send ``message`` to its owner and wait at most ``timeout`` seconds for the Esito."""
    body = await rpc.request(
        message.model_dump(mode="json"),
        routing_key=message.routing_key(),
        timeout=timeout,
        headers=headers_of(message),
        message_id=message.message_id,
    )
    return Esito[dati_type].model_validate_json(body)  # type: ignore[valid-type]


def _json(dati: BaseModel | list[Any] | dict[str, Any] | None) -> Any:
    """The reply data as JSON; a dict is taken as JSON already (a reply recorded earlier)."""
    if isinstance(dati, BaseModel):
        return dati.model_dump(mode="json")
    if isinstance(dati, list):
        return [
            item.model_dump(mode="json") if isinstance(item, BaseModel) else item for item in dati
        ]
    return dati
