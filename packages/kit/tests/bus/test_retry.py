"""Retries that wait and dead letters that say why, on the real broker through a running
service (the probe of conftest.py): a passing failure comes back later, at growing intervals,
until its budget; any other failure is dead-lettered at once with its reason; an asker is
answered at once; ``parcelle dlq`` shows, replays and deletes dead letters."""

import json
import os
import subprocess
from collections.abc import Callable
from typing import Any

import aio_pika
import pytest

from parcelle_kit.bus import router
from parcelle_kit.bus.retry import TransientError
from parcelle_kit.requests import answer, ask
from parcelle_kit.service import Runtime, ServiceDefinition
from parcelle_kit.settings import Settings
from parcelle_testing.comando import PARCELLE
from parcelle_testing.probe import FattoAvvenuto

from .conftest import QUEUE, Probe
from .helpers import channel, message_count, wait_for, wait_for_count

pytestmark = pytest.mark.integration


def fatto(numero: int = 7) -> FattoAvvenuto:
    return FattoAvvenuto(correlation_id="c1", ordine="DEMO", numero=numero)


def queue_name(runtime: Runtime[Settings]) -> str:
    return runtime.topology.queue("probe", QUEUE, routing_key="").name


async def dead_letters(amqp_url: str, runtime: Runtime[Settings], count: int) -> list[Any]:
    """The dead-letter queue's messages once it holds ``count``, left in the queue."""
    name = runtime.topology.dead_letter_queue("probe").name
    connection = await aio_pika.connect(amqp_url)
    async with connection:
        ch = await connection.channel()
        await wait_for_count(ch, name, count)
        queue = await ch.declare_queue(name, passive=True)
        messages = [await queue.get(timeout=5) for _ in range(count)]
        return [(m.message_id, dict(m.headers)) for m in messages]


def dlq(settings: Settings, *argomenti: str) -> subprocess.CompletedProcess[str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("PARCELLE_")}
    env["PARCELLE_AMQP_URL"] = settings.amqp_url.get_secret_value()
    env["PARCELLE_BUS_NAMESPACE"] = settings.bus_namespace
    return subprocess.run(
        [PARCELLE, "dlq", *argomenti], env=env, capture_output=True, text=True, timeout=60
    )


async def test_a_passing_failure_comes_back_later_at_growing_intervals_with_one_effect(
    start_probe: Callable[..., Any], stop_later: list[Runtime[Settings]], amqp_url: str
) -> None:
    probe = Probe(fail=lambda n: TransientError("istanze is away") if n <= 3 else None)
    runtime = await start_probe(probe)
    stop_later.append(runtime)
    await runtime.publisher.publish(fatto())

    await wait_for(lambda: probe.deliveries >= 4, timeout=15)
    gaps = [later - earlier for earlier, later in zip(probe.times, probe.times[1:], strict=False)]
    # 0.2 s, 0.4 s, 0.8 s, each within 20% jitter (and a little time to travel).
    assert 0.15 <= gaps[0] < 0.6
    assert 0.3 <= gaps[1] < 0.8
    assert 0.6 <= gaps[2] < 1.3
    assert await probe.effects() == 1
    async with channel(amqp_url) as ch:
        await wait_for_count(ch, queue_name(runtime), 0)
        assert await message_count(ch, runtime.topology.dead_letter_queue("probe").name) == 0
    assert probe.deliveries == 4


async def test_when_the_budget_is_spent_the_message_is_dead_lettered_saying_so(
    start_probe: Callable[..., Any], stop_later: list[Runtime[Settings]], amqp_url: str
) -> None:
    probe = Probe(fail=lambda _: TransientError("istanze is away"))
    # Retries after 0.1 s, 0.2 s, 0.2 s: 0.5 s in all.
    runtime = await start_probe(
        probe, retry_initial_seconds=0.1, retry_max_seconds=0.2, retry_budget_seconds=0.5
    )
    stop_later.append(runtime)
    message = fatto()
    await runtime.publisher.publish(message)

    [(message_id, headers)] = await dead_letters(amqp_url, runtime, 1)
    assert message_id == message.message_id
    assert probe.deliveries == 4
    assert headers["x-parcelle-attempts"] == 4
    assert headers["x-parcelle-reason"].startswith("retries spent (3)")
    assert "istanze is away" in headers["x-parcelle-reason"]
    assert await probe.effects() == 1


async def test_a_poison_message_is_dead_lettered_after_one_try_with_its_reason(
    start_probe: Callable[..., Any],
    stop_later: list[Runtime[Settings]],
    amqp_url: str,
    capsys: pytest.CaptureFixture[str],
) -> None:
    probe = Probe(fail=lambda _: RuntimeError("a bug"))
    runtime = await start_probe(probe)
    stop_later.append(runtime)
    message = fatto(9)
    await runtime.publisher.publish(message)

    [(message_id, headers)] = await dead_letters(amqp_url, runtime, 1)
    assert message_id == message.message_id
    assert headers["x-parcelle-reason"] == "RuntimeError: a bug"
    assert headers["x-parcelle-service"] == "probe"
    assert headers["x-parcelle-queue"] == queue_name(runtime)
    assert headers["x-parcelle-attempts"] == 1
    assert headers["message_type"] == "FattoAvvenuto"
    assert probe.deliveries == 1
    lines = [
        line
        for line in map(json.loads, filter(None, capsys.readouterr().err.splitlines()))
        if line.get("event") == "message dead-lettered"
    ]
    assert [(line["message_id"], line["reason"]) for line in lines] == [
        (message.message_id, "RuntimeError: a bug")
    ]


async def test_parcelle_dlq_lists_replays_and_purges(
    start_probe: Callable[..., Any], stop_later: list[Runtime[Settings]], amqp_url: str
) -> None:
    # The first delivery of each message fails as a bug would; a replay then succeeds.
    probe = Probe(fail=lambda n: RuntimeError("a bug") if n <= 3 else None)
    runtime = await start_probe(probe)
    stop_later.append(runtime)
    first, second, third = fatto(1), fatto(2), fatto(3)
    for message in (first, second, third):
        await runtime.publisher.publish(message)
    await dead_letters(amqp_url, runtime, 3)
    settings = runtime.settings

    listed = dlq(settings, "list", "probe")
    assert listed.returncode == 0, listed.stderr
    rows = [line.split("\t") for line in listed.stdout.splitlines()]
    assert {row[0] for row in rows} == {first.message_id, second.message_id, third.message_id}
    assert {(row[1], row[3], row[5]) for row in rows} == {
        ("FattoAvvenuto", "1", "RuntimeError: a bug")
    }
    shown = dlq(settings, "show", "probe", first.message_id)
    assert json.loads(shown.stdout)["body"]["numero"] == 1
    assert dlq(settings, "list", "probe").stdout == listed.stdout  # reading changes nothing

    replayed = dlq(settings, "replay", "probe", first.message_id)
    assert replayed.returncode == 0, replayed.stderr
    await wait_for(lambda: probe.deliveries == 4)
    # The replay kept the message id: its effect, done before it failed, is not done twice.
    assert await probe.effects() == 3
    assert dlq(settings, "replay", "probe", first.message_id).returncode == 1

    assert dlq(settings, "purge", "probe").returncode == 2  # an id or --tutti
    assert dlq(settings, "purge", "probe", second.message_id).returncode == 0
    assert [r.split("\t")[0] for r in dlq(settings, "list", "probe").stdout.splitlines()] == [
        third.message_id
    ]
    assert dlq(settings, "purge", "probe", "--tutti").returncode == 0
    async with channel(amqp_url) as ch:
        await wait_for_count(ch, runtime.topology.dead_letter_queue("probe").name, 0)


async def test_an_asker_is_answered_at_once_and_never_made_to_wait_for_a_retry(
    settings_values: dict[str, Any],
    stop_later: list[Runtime[Settings]],
    amqp_url: str,
) -> None:
    def wire(runtime: Runtime[Settings]) -> Any:
        subscribers = router()

        async def handle(message: FattoAvvenuto) -> dict[str, Any]:
            if message.numero == 1:
                raise TransientError("firma is away")
            raise RuntimeError("a bug")

        answer(subscribers, runtime.topology, "probe", FattoAvvenuto, handle)
        return subscribers

    definition = ServiceDefinition(name="probe", settings_cls=Settings, wire=wire)
    runtime = await Runtime.start(definition, Settings(**settings_values))
    stop_later.append(runtime)

    away = await ask(runtime.rpc, fatto(1), dict, timeout=5)
    assert not away.ok
    assert away.errore is not None
    assert away.errore.codice == "servizio_non_disponibile"
    bug = fatto(2)
    broken = await ask(runtime.rpc, bug, dict, timeout=5)
    assert broken.errore is not None
    assert broken.errore.codice == "errore_interno"
    [(message_id, headers)] = await dead_letters(amqp_url, runtime, 1)
    assert message_id == bug.message_id
    assert headers["x-parcelle-reason"] == "RuntimeError: a bug"
