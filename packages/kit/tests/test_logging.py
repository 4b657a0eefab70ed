"""Log lines are JSON off a terminal and carry the context of the work being done."""

import json
import logging

import pytest
from opentelemetry.sdk.trace import TracerProvider

from parcelle_kit.logging import configure_logging, get_logger, log_context


def lines(captured: str) -> list[dict[str, object]]:
    return [json.loads(line) for line in captured.splitlines() if line.strip()]


def test_json_lines_carry_service_context_and_trace(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("istanze", fmt="json")
    tracer = TracerProvider().get_tracer("test")
    with (
        tracer.start_as_current_span("work") as span,
        log_context(correlation_id="case-1", ordine="DEMO", message_id=None),
    ):
        get_logger("test").info("depositata", codice="A1")
    (line,) = lines(capsys.readouterr().err)
    assert line["event"] == "depositata"
    assert line["service"] == "istanze"
    assert line["correlation_id"] == "case-1"
    assert line["ordine"] == "DEMO"
    assert "message_id" not in line
    assert line["trace_id"] == format(span.get_span_context().trace_id, "032x")
    assert line["level"] == "info"


def test_context_ends_with_the_work(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("istanze", fmt="json")
    with log_context(correlation_id="case-1"):
        pass
    get_logger("test").info("after")
    (line,) = lines(capsys.readouterr().err)
    assert "correlation_id" not in line


def test_standard_library_loggers_are_rendered_the_same(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("gateway", fmt="json", level="DEBUG")
    with log_context(ordine="DEMO"):
        logging.getLogger("uvicorn.error").warning("from a library")
    (line,) = lines(capsys.readouterr().err)
    assert line["event"] == "from a library"
    assert line["ordine"] == "DEMO"
    assert line["logger"] == "uvicorn.error"


def test_console_rendering_is_not_json(capsys: pytest.CaptureFixture[str]) -> None:
    configure_logging("gateway", fmt="console")
    get_logger("test").info("human readable")
    err = capsys.readouterr().err
    assert "human readable" in err
    with pytest.raises(json.JSONDecodeError):
        json.loads(err)
