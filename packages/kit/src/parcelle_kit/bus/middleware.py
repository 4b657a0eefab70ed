"""What happens around every consumed message: log context, and a clear line on failure.

The correlation id, message id and Ordine of the message are bound to every log line written
while it is handled. When handling fails, one error line says which attempt it was and whether
the broker will now dead-letter the message (the quorum queue's delivery limit is reached).
"""

from typing import Any

from faststream import BaseMiddleware
from faststream._internal.context.repository import ContextRepo
from faststream.message import StreamMessage

from parcelle_kit.logging import get_logger, log_context

logger = get_logger(__name__)


class MessageContext:
    """Builds the per-message middleware; ``delivery_limit`` is the queues' x-delivery-limit."""

    def __init__(self, delivery_limit: int) -> None:
        self.delivery_limit = delivery_limit

    def __call__(self, msg: Any | None, /, *, context: ContextRepo) -> "_MessageContextMiddleware":
        return _MessageContextMiddleware(msg, context=context, delivery_limit=self.delivery_limit)


class _MessageContextMiddleware(BaseMiddleware):
    def __init__(self, msg: Any | None, /, *, context: ContextRepo, delivery_limit: int) -> None:
        super().__init__(msg, context=context)
        self._delivery_limit = delivery_limit

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
            except Exception:
                # x-delivery-count is how many times the quorum queue has redelivered it.
                redeliveries = int(headers.get("x-delivery-count") or 0)
                logger.exception(
                    "message handling failed",
                    attempt=redeliveries + 1,
                    attempts_allowed=self._delivery_limit + 1,
                    dead_lettered=redeliveries >= self._delivery_limit,
                    message_type=headers.get("message_type"),
                )
                raise
