"""Retries that wait, and dead letters that say why.

What happens when handling a consumed message fails depends on the failure and on whether
someone waits for an answer:

- nobody waits (an event, a command sent and forgotten) and the failure may pass (a peer
  down, a request timed out, the store busy: :func:`is_transient`): the message is sent to a
  wait queue of the broker and comes back to its own queue after a delay that doubles at each
  attempt (1 s, 2 s, 4 s ... capped at 5 min, each with some jitter) until the budget (about
  30 min) is spent; RabbitMQ has no delayed delivery without a plugin, so each delay is a
  queue whose messages expire into the default exchange, which routes them by the ``CC``
  header to the queue they came from. The attempt count travels in a header.
- a failure that will not pass (invalid message, a refusal, a bug), or the budget spent: the
  message goes to the service's dead-letter queue at once, with the reason, the service, the
  queue it came from and the attempt count in headers (``parcelle dlq`` shows and replays it).
- someone waits (request/reply): nobody is made to wait for a delayed retry; the asker gets an
  error answer at once (``servizio_non_disponibile`` for a failure that may pass,
  ``errore_interno`` otherwise, which is also dead-lettered for an operator).

Every retried or dead-lettered message keeps its message id, so the idempotent consumer still
gives one effect however often it comes back. A dead letter writes one structured error line
and counts in the ``parcelle.dead_letters`` metric.
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from aio_pika.abc import HeadersType
from faststream.rabbit import RabbitBroker
from opentelemetry.metrics import Meter, get_meter

from parcelle_contracts.common import Errore, Esito
from parcelle_contracts.envelope import utcnow
from parcelle_kit.bus.rpc import RequestTimeoutError
from parcelle_kit.bus.topology import Topology
from parcelle_kit.logging import get_logger
from parcelle_kit.store.ports import ConcurrencyError, TransientStoreError

logger = get_logger(__name__)

RETRIES = "x-parcelle-retries"
"""How many delayed retries the message has had."""
REASON = "x-parcelle-reason"
SERVICE = "x-parcelle-service"
QUEUE = "x-parcelle-queue"
"""The queue a dead letter came from: where a replay sends it back."""
ATTEMPTS = "x-parcelle-attempts"
FAILED_AT = "x-parcelle-failed-at"
OURS = (RETRIES, REASON, SERVICE, QUEUE, ATTEMPTS, FAILED_AT)

NON_DISPONIBILE = Errore(
    codice="servizio_non_disponibile",
    messaggio="Il servizio è momentaneamente non disponibile: riprova tra qualche minuto.",
)
ERRORE_INTERNO = Errore(
    codice="errore_interno",
    messaggio="Si è verificato un errore interno: la richiesta non è stata eseguita ed è stata "
    "segnalata al personale tecnico.",
)


class TransientError(Exception):
    """A failure that may pass by itself (a peer down, a timeout): raise it, or a subclass,
    to have the message tried again later."""


TRANSIENT: tuple[type[BaseException], ...] = (
    TransientError,
    RequestTimeoutError,
    TransientStoreError,
    ConcurrencyError,
    ConnectionError,
    TimeoutError,
)


def is_transient(error: BaseException) -> bool:
    """Whether ``error`` (or what caused it) may pass by itself."""
    seen: BaseException | None = error
    while seen is not None:
        if isinstance(seen, TRANSIENT):
            return True
        seen = seen.__cause__
    return False


@dataclass(frozen=True)
class RetryPolicy:
    """Delays before each retry: ``initial`` seconds doubling up to ``maximum``, while their
    sum stays within ``budget``; each delay varies by up to ``jitter`` (a fraction) so that
    messages failing together do not all come back together."""

    initial: float = 1.0
    maximum: float = 300.0
    budget: float = 1800.0
    jitter: float = 0.2

    def delays(self) -> tuple[float, ...]:
        """The delay before each retry, in order; their number is the retries allowed."""
        delays: list[float] = []
        delay, total = min(self.initial, self.maximum), 0.0
        while total + delay <= self.budget:
            delays.append(delay)
            total += delay
            delay = min(delay * 2, self.maximum)
        return tuple(delays)

    def tiers_ms(self) -> tuple[int, ...]:
        """The distinct delays in milliseconds: one wait queue each."""
        return tuple(sorted({round(delay * 1000) for delay in self.delays()}))


@dataclass(frozen=True)
class Decision:
    """What to do with a failed message: retry after ``delay_ms``, or dead-letter."""

    delay_ms: int | None
    reason: str


class Failures:
    """Decides and carries out what happens to a message whose handling failed."""

    def __init__(
        self,
        topology: Topology,
        policy: RetryPolicy,
        service: str,
        *,
        meter: Meter | None = None,
    ) -> None:
        self.topology = topology
        self.policy = policy
        self.service = service
        self._delays = policy.delays()
        self._broker: RabbitBroker | None = None
        self._dead_letters = (meter or get_meter("parcelle")).create_counter(
            "parcelle.dead_letters",
            description="Messages sent to a dead-letter queue, by service and kind of failure.",
        )

    def attach(self, broker: RabbitBroker) -> None:
        """The broker to publish retries and dead letters with (built after this object)."""
        self._broker = broker

    def decide(self, error: BaseException, retries: int) -> Decision:
        reason = f"{type(error).__name__}: {error}"[:500]
        if not is_transient(error):
            return Decision(None, reason)
        if retries >= len(self._delays):
            return Decision(None, f"retries spent ({retries}); last: {reason}")
        delay = self._delays[retries]
        spread = delay * self.policy.jitter
        return Decision(round((delay + random.uniform(-spread, spread)) * 1000), reason)

    async def handle(self, error: BaseException, raw: Any, queue: str) -> dict[str, Any] | None:
        """Retry or dead-letter the failed message ``raw`` (aio-pika) of ``queue``; for a
        request, the error answer to give its asker."""
        headers: dict[str, Any] = dict(raw.headers or {})
        retries = int(headers.get(RETRIES) or 0)
        if raw.reply_to:
            if is_transient(error):
                logger.warning("request failed; the asker is told to retry", error=repr(error))
                return Esito.fallito(NON_DISPONIBILE).model_dump(mode="json")
            await self._dead_letter(raw, headers, queue, f"{type(error).__name__}: {error}")
            return Esito.fallito(ERRORE_INTERNO).model_dump(mode="json")
        decision = self.decide(error, retries)
        if decision.delay_ms is None:
            await self._dead_letter(raw, headers, queue, decision.reason, retries)
            return None
        logger.warning(
            "message handling failed; retrying later",
            retry=retries + 1,
            delay_ms=decision.delay_ms,
            error=decision.reason,
        )
        await self._publish(
            raw,
            {**clean_headers(headers), RETRIES: retries + 1, "CC": [queue]},
            exchange=self.topology.wait_exchange,
            routing_key=self.topology.wait_key(self._tier(retries)),
            expiration=decision.delay_ms / 1000,
        )
        return None

    def _tier(self, retries: int) -> int:
        return round(self._delays[retries] * 1000)

    async def _dead_letter(
        self, raw: Any, headers: dict[str, Any], queue: str, reason: str, retries: int = 0
    ) -> None:
        logger.error(
            "message dead-lettered",
            queue=queue,
            attempts=retries + 1,
            reason=reason,
            message_type=headers.get("message_type"),
        )
        self._dead_letters.add(1, {"service": self.service, "queue": queue})
        await self._publish(
            raw,
            {
                **clean_headers(headers),
                REASON: reason,
                SERVICE: self.service,
                QUEUE: queue,
                ATTEMPTS: retries + 1,
                FAILED_AT: utcnow().isoformat(),
            },
            exchange=self.topology.dead_letter_exchange,
            routing_key=self.service,
        )

    async def _publish(
        self,
        raw: Any,
        headers: Mapping[str, Any],
        *,
        exchange: Any,
        routing_key: str,
        expiration: float | None = None,
    ) -> None:
        if self._broker is None:
            raise RuntimeError("Failures used before attach(broker)")
        wire_headers: HeadersType = dict(headers)
        await self._broker.publish(
            raw.body,
            exchange=exchange,
            routing_key=routing_key,
            message_id=raw.message_id,
            correlation_id=raw.correlation_id,
            headers=wire_headers,
            content_type=raw.content_type or "application/json",
            persist=True,
            expiration=expiration,
            mandatory=False,
            timeout=10.0,
        )


def clean_headers(headers: Mapping[str, Any]) -> dict[str, Any]:
    """The message's own headers, without what the broker or an earlier failure added."""
    return {
        key: value
        for key, value in headers.items()
        if not key.startswith(("x-death", "x-first-death", "x-last-death", "x-delivery"))
        and key not in OURS
        and key != "CC"
    }
