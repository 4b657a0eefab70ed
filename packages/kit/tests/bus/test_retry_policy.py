"""The retry rules without a broker: the waits of the default budget, what counts as a failure
that may pass, and what a failed message becomes (the broker is a fake that records what it is
asked to publish; the metric reader is OpenTelemetry's in-memory one)."""

from dataclasses import dataclass, field
from typing import Any

from hypothesis import given
from hypothesis import strategies as st
from opentelemetry.sdk.metrics import MeterProvider
from opentelemetry.sdk.metrics.export import InMemoryMetricReader

from parcelle_kit.bus import Topology
from parcelle_kit.bus.retry import Failures, RetryPolicy, TransientError, is_transient
from parcelle_kit.bus.rpc import RequestTimeoutError
from parcelle_kit.store.ports import DuplicateKeyError, TransientStoreError


def test_the_default_waits_double_from_one_second_to_five_minutes_for_about_half_an_hour() -> None:
    delays = RetryPolicy().delays()
    assert delays[:10] == (1, 2, 4, 8, 16, 32, 64, 128, 256, 300)
    assert set(delays[9:]) == {300}
    assert 1500 <= sum(delays) <= 1800
    assert RetryPolicy().tiers_ms() == (
        1000,
        2000,
        4000,
        8000,
        16000,
        32000,
        64000,
        128000,
        256000,
        300000,
    )


def test_what_may_pass_and_what_will_not() -> None:
    passing: tuple[BaseException, ...] = (
        TransientError("x"),
        RequestTimeoutError("istanze"),
        TransientStoreError("locked"),
        ConnectionRefusedError(),
        TimeoutError(),
    )
    assert all(is_transient(error) for error in passing)
    lasting = (RuntimeError("bug"), ValueError("invalid"), DuplicateKeyError("k"))
    assert not any(is_transient(error) for error in lasting)
    wrapped = RuntimeError("could not ask istanze")
    wrapped.__cause__ = RequestTimeoutError("istanze")
    assert is_transient(wrapped)


@given(
    initial=st.floats(min_value=0.05, max_value=10),
    maximum=st.floats(min_value=0.05, max_value=600),
    budget=st.floats(min_value=0, max_value=4000),
)
def test_waits_never_exceed_the_cap_nor_the_budget(
    initial: float, maximum: float, budget: float
) -> None:
    delays = RetryPolicy(initial=initial, maximum=maximum, budget=budget).delays()
    assert sum(delays) <= budget + 1e-9
    assert all(delay <= maximum for delay in delays)
    assert list(delays) == sorted(delays)


@given(retries=st.integers(min_value=0, max_value=20))
def test_each_wait_is_its_tier_within_the_jitter_or_a_dead_letter(retries: int) -> None:
    policy = RetryPolicy()
    failures = Failures(Topology(), policy, "istanze")
    decision = failures.decide(TransientError("away"), retries)
    delays = policy.delays()
    if retries >= len(delays):
        assert decision.delay_ms is None
        assert decision.reason.startswith(f"retries spent ({retries})")
    else:
        assert decision.delay_ms is not None
        assert abs(decision.delay_ms - delays[retries] * 1000) <= delays[retries] * 200 + 1
    assert failures.decide(RuntimeError("bug"), retries).delay_ms is None


@dataclass
class FakeBroker:
    published: list[dict[str, Any]] = field(default_factory=list)

    async def publish(self, body: bytes, **properties: Any) -> None:
        self.published.append({"body": body, **properties})


@dataclass
class Raw:
    """What a consumed message looks like to the middleware (aio-pika's IncomingMessage)."""

    body: bytes = b'{"numero": 1}'
    headers: dict[str, Any] = field(default_factory=lambda: {"message_type": "FattoAvvenuto"})
    message_id: str = "m-1"
    correlation_id: str | None = None
    content_type: str = "application/json"
    reply_to: str | None = None


def failures_with(broker: FakeBroker) -> tuple[Failures, InMemoryMetricReader]:
    reader = InMemoryMetricReader()
    meter = MeterProvider(metric_readers=[reader]).get_meter("test")
    failures = Failures(Topology(namespace="t"), RetryPolicy(), "istanze", meter=meter)
    failures.attach(broker)  # type: ignore[arg-type]
    return failures, reader


def dead_letter_count(reader: InMemoryMetricReader) -> int:
    data = reader.get_metrics_data()
    if data is None:
        return 0
    total = 0
    for resource in data.resource_metrics:
        for scope in resource.scope_metrics:
            for metric in scope.metrics:
                if metric.name == "parcelle.dead_letters":
                    total += sum(int(getattr(p, "value", 0)) for p in metric.data.data_points)
    return total


async def test_a_passing_failure_waits_in_its_tier_and_names_its_queue() -> None:
    broker = FakeBroker()
    failures, reader = failures_with(broker)
    raw = Raw(headers={"message_type": "X", "x-parcelle-retries": 2, "x-death": [{}]})
    assert await failures.handle(TransientError("away"), raw, "t.istanze.x") is None
    [sent] = broker.published
    assert sent["exchange"].name == "t.wait"
    assert sent["routing_key"] == "wait-4000ms"
    assert 3.2 <= sent["expiration"] <= 4.8
    assert sent["headers"] == {"message_type": "X", "x-parcelle-retries": 3, "CC": ["t.istanze.x"]}
    assert sent["message_id"] == "m-1"
    assert dead_letter_count(reader) == 0


async def test_a_dead_letter_carries_its_reason_and_counts() -> None:
    broker = FakeBroker()
    failures, reader = failures_with(broker)
    assert await failures.handle(ValueError("not valid"), Raw(), "t.istanze.x") is None
    [sent] = broker.published
    assert (sent["exchange"].name, sent["routing_key"]) == ("t.dlx", "istanze")
    assert sent["headers"]["x-parcelle-reason"] == "ValueError: not valid"
    assert sent["headers"]["x-parcelle-queue"] == "t.istanze.x"
    assert sent["headers"]["x-parcelle-attempts"] == 1
    assert dead_letter_count(reader) == 1


async def test_an_asker_gets_an_answer_and_only_a_bug_is_dead_lettered() -> None:
    broker = FakeBroker()
    failures, reader = failures_with(broker)
    away = await failures.handle(TransientError("away"), Raw(reply_to="amq.rabbitmq.reply-to"), "q")
    assert away is not None
    assert away["errore"]["codice"] == "servizio_non_disponibile"
    assert broker.published == []
    bug = await failures.handle(RuntimeError("bug"), Raw(reply_to="amq.rabbitmq.reply-to"), "q")
    assert bug is not None
    assert bug["errore"]["codice"] == "errore_interno"
    assert [sent["routing_key"] for sent in broker.published] == ["istanze"]
    assert dead_letter_count(reader) == 1
