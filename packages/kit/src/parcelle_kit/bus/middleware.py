"""What happens around every consumed message: log context, and what a failure leads to.

The correlation id, message id and Ordine of the message are bound to every log line written
while it is handled. When handling fails, :class:`~parcelle_kit.bus.retry.Failures` retries
it later or dead-letters it (and answers an asker at once); the message itself is then
acknowledged. Only when that cannot be done (the broker refuses the retry) is the message
nacked, and the quorum queue's delivery limit stays the last resort.
"""

from typing import Any

from faststream import BaseMiddleware
from faststream._internal.context.repository import ContextRepo
from faststream.message import StreamMessage

from parcelle_kit.bus.retry import Failures
from parcelle_kit.logging import get_logger, log_context

logger = get_logger(__name__)


class MessageContext:
    """Builds the per-message middleware around :class:`Failures`."""

    def __init__(self, failures: Failures) -> None:
        self.failures = failures

    def __call__(self, msg: Any | None, /, *, context: ContextRepo) -> "_MessageContextMiddleware":
        return _MessageContextMiddleware(msg, context=context, failures=self.failures)


class _MessageContextMiddleware(BaseMiddleware):
    def __init__(self, msg: Any | None, /, *, context: ContextRepo, failures: Failures) -> None:
        super().__init__(msg, context=context)
        self._failures = failures

    async def consume_scope(self, call_next: Any, msg: StreamMessage[Any]) -> Any:
        headers = msg.headers or {}
        raw = msg.raw_message
        routing_key = getattr(raw, "routing_key", None)
        with log_context(
            correlation_id=headers.get("correlation_id") or msg.correlation_id,
            message_id=msg.message_id,
            ordine=headers.get("ordine"),
            routing_key=routing_key,
        ):
            try:
                return await call_next(msg)
            except Exception as error:
                queue = _queue_of(self.context)
                if queue is None:
                    logger.exception("message handling failed outside a subscriber")
                    raise
                return await self._failures.handle(error, raw, queue)


def _queue_of(context: ContextRepo) -> str | None:
    """The name of the queue the message was consumed from (None outside a subscriber)."""
    subscriber = context.get_local("handler_")
    queue = getattr(subscriber, "queue", None)
    name = getattr(queue, "name", None)
    return name if isinstance(name, str) else None
