"""One trace spans gateway -> RabbitMQ -> service."""

import pytest
from opentelemetry.sdk.trace.export import SimpleSpanProcessor
from opentelemetry.sdk.trace.export.in_memory_span_exporter import InMemorySpanExporter
from opentelemetry.trace import SpanKind

from parcelle_kit.telemetry import build_tracer_provider
from parcelle_testing.fixtures import StartServices

from .conftest import GatewayClient

pytestmark = pytest.mark.integration


async def test_a_request_is_one_trace_across_gateway_broker_and_service(
    start_services: StartServices, gateway_client: GatewayClient
) -> None:
    exporter = InMemorySpanExporter()
    await start_services("istanze", span_processors=(SimpleSpanProcessor(exporter),))
    gateway_tracing = build_tracer_provider("gateway", processors=(SimpleSpanProcessor(exporter),))
    async with gateway_client(gateway_tracing) as gateway:
        await gateway.http.get("/readyz")
    spans = exporter.get_finished_spans()

    (request,) = [s for s in spans if s.kind == SpanKind.SERVER]
    assert request.resource.attributes["service.name"] == "gateway"
    assert request.name == "GET /readyz"
    (handled,) = [
        s
        for s in spans
        if s.kind == SpanKind.CONSUMER and s.resource.attributes["service.name"] == "istanze"
    ]
    assert handled.name.endswith("istanze.query.ping process")
    assert handled.context.trace_id == request.context.trace_id
    # The service's span is a child of the gateway's message, itself a child of the request.
    (sent,) = [s for s in spans if handled.parent and s.context.span_id == handled.parent.span_id]
    assert sent.kind == SpanKind.PRODUCER
    assert sent.resource.attributes["service.name"] == "gateway"
    assert sent.parent is not None
    assert sent.parent.span_id == request.context.span_id
