"""Queue and exchange names and arguments follow ARCHITECTURE.md."""

from faststream.rabbit import ExchangeType

from parcelle_kit.bus.topology import QUERY_TTL_MS, Topology


def test_exchanges_derive_from_the_namespace() -> None:
    topology = Topology()
    assert topology.exchange.name == "parcelle"
    assert topology.exchange.type == ExchangeType.TOPIC
    assert topology.public_exchange.name == "parcelle.public"
    assert topology.dead_letter_exchange.name == "parcelle.dlx"
    assert topology.dead_letter_exchange.type == ExchangeType.DIRECT
    names = [exchange.name for exchange in topology.exchanges]
    assert names == ["parcelle", "parcelle.public", "parcelle.dlx", "parcelle.wait"]


def test_service_queues_are_quorum_with_limit_and_dead_letters() -> None:
    queue = Topology(namespace="x", delivery_limit=3).queue(
        "acquisizione", "istanza_depositata", routing_key="istanze.event.istanza_depositata"
    )
    assert queue.name == "x.acquisizione.istanza_depositata"
    assert queue.durable
    assert queue.arguments["x-queue-type"] == "quorum"
    assert queue.arguments["x-delivery-limit"] == 3
    assert queue.arguments["x-dead-letter-exchange"] == "x.dlx"
    assert queue.arguments["x-dead-letter-routing-key"] == "acquisizione"
    assert queue.arguments["x-dead-letter-strategy"] == "at-least-once"
    assert "x-expires" not in queue.arguments
    assert queue.routing() == "istanze.event.istanza_depositata"


def test_query_queues_expire_messages_and_do_not_dead_letter() -> None:
    queue = Topology().query_queue("istanze", "ping")
    assert queue.name == "parcelle.istanze.query.ping"
    assert queue.arguments["x-message-ttl"] == QUERY_TTL_MS
    assert "x-dead-letter-exchange" not in queue.arguments
    assert queue.routing() == "istanze.query.ping"


def test_only_tests_let_queues_expire() -> None:
    dead = Topology(queue_expires_ms=5000).dead_letter_queue("firma")
    assert dead.name == "parcelle.firma.dead"
    assert dead.arguments["x-expires"] == 5000
