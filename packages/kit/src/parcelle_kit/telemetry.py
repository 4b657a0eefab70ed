"""OpenTelemetry tracing: one tracer provider per process, exported over OTLP when configured.

With ``OTEL_EXPORTER_OTLP_ENDPOINT`` set, spans go to that collector over OTLP/HTTP; without
it nothing is exported (spans still exist, so trace ids still appear in logs). Tests pass their
own span processor to capture spans in memory.
"""

import os

from opentelemetry.sdk.resources import SERVICE_NAME, Resource
from opentelemetry.sdk.trace import SpanProcessor, TracerProvider
from opentelemetry.sdk.trace.export import BatchSpanProcessor

OTLP_ENDPOINT_VARIABLE = "OTEL_EXPORTER_OTLP_ENDPOINT"


def build_tracer_provider(
    service: str, *, processors: tuple[SpanProcessor, ...] = ()
) -> TracerProvider:
    """A tracer provider named after ``service``; OTLP export only if the endpoint is set."""
    provider = TracerProvider(
        resource=Resource.create({SERVICE_NAME: os.environ.get("OTEL_SERVICE_NAME", service)})
    )
    if os.environ.get(OTLP_ENDPOINT_VARIABLE):
        # Imported here: the exporter pulls in an HTTP stack that most test runs never need.
        from opentelemetry.exporter.otlp.proto.http.trace_exporter import OTLPSpanExporter

        provider.add_span_processor(BatchSpanProcessor(OTLPSpanExporter()))
    for processor in processors:
        provider.add_span_processor(processor)
    return provider
