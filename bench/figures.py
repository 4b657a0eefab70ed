"""What every benchmark prints: percentiles of its samples and the machine it ran on."""

import os
import platform
import statistics
import time
from pathlib import Path


def show(text: str) -> None:
    print(text, flush=True)


def percentile(samples: list[float], fraction: float) -> float:
    """Nearest-rank percentile of samples in seconds, in milliseconds."""
    ordered = sorted(samples)
    rank = max(0, min(len(ordered) - 1, round(fraction * len(ordered)) - 1))
    return ordered[rank] * 1000


def line(label: str, samples: list[float], high: float = 0.95) -> str:
    """``label  p50 … ms  p95 … ms  (n=…)`` for samples in seconds."""
    return (
        f"{label:<46} p50 {statistics.median(samples) * 1000:7.1f} ms"
        f"   p{round(high * 100)} {percentile(samples, high):7.1f} ms   (n={len(samples)})"
    )


def cpu_model() -> str:
    try:
        for row in Path("/proc/cpuinfo").read_text().splitlines():
            if row.startswith("model name"):
                return row.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def load() -> str:
    one, five, _ = os.getloadavg()
    return f"{one:.2f} (5-min {five:.2f})"


def machine() -> str:
    return (
        f"{cpu_model()}, {os.cpu_count()} cores, Python {platform.python_version()}, load {load()}"
    )


def reference_ms() -> float:
    """A fixed pure-Python loop, best of 5: how fast this (shared) machine is right now.

    The host's other tenants slow this VM down by up to a third without it showing in the
    load average; this figure, taken before and after, says how fast the run's CPU was.
    """
    best = float("inf")
    for _ in range(5):
        begin = time.perf_counter()
        sum(number * number for number in range(1_000_000))
        best = min(best, time.perf_counter() - begin)
    return best * 1000
