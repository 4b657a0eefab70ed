"""Benchmark: the application PDF of `istanze` (istanza.html, two A4 pages) and its receipt.

Run from the repository root, when the machine is otherwise idle (``uptime``)::

    uv run --all-packages python bench/istanza_pdf.py [-n 60] [--workers 2]
    uv run --all-packages python bench/istanza_pdf.py --profile   # where a render's time goes
    uv run --all-packages python bench/istanza_pdf.py --qr        # the 2D code's SVG encodings

The default run renders the application of ``bench/istanza/istanza.json`` N times through
``PdfRenderer`` (warm spawn workers, PDF/A-2b, packaged fonts) and, interleaved in the same
run, the same HTML with WeasyPrint's defaults (``HTML(string=...).write_pdf()``: the kit's
and the package's stylesheets inlined, the same Liberation fonts found as system fonts, a
fresh font configuration each time) and the receipt through the pool; then N applications
through the pool one after the other; and prints p50/p95 of each and the machine.
``--profile`` and ``--qr`` render in this process with the pool's engine, one at a time.
"""

import argparse
import asyncio
import cProfile
import io
import os
import platform
import pstats
import time
from collections.abc import Callable
from datetime import UTC, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import segno
from figures import cpu_model, line, load, reference_ms, show
from markupsafe import Markup

from istanze.adapters.contesti import contesto_istanza, contesto_ricevuta, qr_svg
from istanze.adapters.documenti import PACKAGE, TEMPLATE_ISTANZA, TEMPLATE_RICEVUTA
from parcelle_contracts.common import BlobRef, FileRef
from parcelle_contracts.istanze import Firma, Istanza

SAMPLE = Path(__file__).resolve().parent / "istanza" / "istanza.json"
ORDINE = "Ordine degli Avvocati di Roma"
GENERATA_IL = datetime(2026, 3, 12, 9, 41, tzinfo=UTC)
DEPOSITATA_IL = datetime(2026, 3, 12, 23, 5, tzinfo=UTC)


def istanza() -> Istanza:
    """The sample application: the DM 147/2022 worked example (fee 7,616.00), 5 attachments."""
    return Istanza.model_validate_json(SAMPLE.read_text("utf-8"))


def context_istanza(qr: Markup | None = None) -> dict[str, Any]:
    context = contesto_istanza(istanza(), ordine_nome=ORDINE, generata_il=GENERATA_IL)
    if qr is not None:
        context["qr"] = qr
    return context


def context_ricevuta() -> dict[str, Any]:
    firma = Firma(tipo="pades", firmatario="Niccolò D'Angelo", emittente="Demo CA")
    firmato = FileRef(
        blob=BlobRef(area="istanze", key="firmati/bench", sha256="c" * 64, size=212_345),
        nome_file="istanza_firmata.pdf",
        content_type="application/pdf",
    )
    return contesto_ricevuta(
        istanza(),
        ordine_nome=ORDINE,
        depositata_il=DEPOSITATA_IL,
        generata_il=DEPOSITATA_IL,
        firma=firma,
        file_firmato=firmato,
    )


def default_render(context: dict[str, Any]) -> Callable[[], bytes]:
    """WeasyPrint's defaults on the pool's HTML: stylesheets inlined, system fonts."""
    # Imported here: WeasyPrint is slow to import and the pool's workers do not need this.
    from parcelle_kit.pdf._weasyprint import HTML
    from parcelle_kit.pdf.engine import PACKAGE_STYLESHEET
    from parcelle_kit.pdf.templating import build_environment

    html = build_environment(PACKAGE).get_template(TEMPLATE_ISTANZA).render(context)
    css = (resources.files("parcelle_kit.pdf") / "assets" / "base.css").read_text("utf-8")
    css += (resources.files(PACKAGE) / PACKAGE_STYLESHEET).read_text("utf-8")
    html = html.replace("</head>", f"<style>{css}</style></head>", 1)
    base_url = Path(str(resources.files(PACKAGE))).as_uri() + "/"

    def render() -> bytes:
        pdf: bytes = HTML(string=html, base_url=base_url).write_pdf()
        return pdf

    return render


async def run(rounds: int, workers: int) -> None:
    from parcelle_kit.pdf import PdfRenderer
    from parcelle_kit.pdf._weasyprint import (
        harfbuzz_subset_active,
        harfbuzz_version,
        weasyprint_version,
    )

    application, receipt = context_istanza(), context_ricevuta()
    default = default_render(application)
    load_before, speed_before = load(), reference_ms()
    started = time.perf_counter()
    async with PdfRenderer([PACKAGE], workers=workers) as renderer:
        startup = time.perf_counter() - started
        pool: list[float] = []
        plain: list[float] = []
        ricevuta: list[float] = []
        begin = time.perf_counter()
        await renderer.render(PACKAGE, TEMPLATE_ISTANZA, application)
        first = time.perf_counter() - begin
        for _ in range(3):  # the first renders of a document load its fonts and code paths
            await renderer.render(PACKAGE, TEMPLATE_ISTANZA, application)
            await renderer.render(PACKAGE, TEMPLATE_RICEVUTA, receipt)
            default()
        for _ in range(rounds):
            # Interleaved, so that noise from the host hits both renders alike. Each pool
            # render follows a default one, whose ~200 MB of churn in this process leaves
            # the worker's CPU caches cold: closer to a service's sporadic renders.
            begin = time.perf_counter()
            pdf = await renderer.render(PACKAGE, TEMPLATE_ISTANZA, application)
            pool.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            reference = default()
            plain.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            await renderer.render(PACKAGE, TEMPLATE_RICEVUTA, receipt)
            ricevuta.append(time.perf_counter() - begin)
        warm: list[float] = []
        for _ in range(rounds):  # one after the other: a queue of applications, caches warm
            begin = time.perf_counter()
            await renderer.render(PACKAGE, TEMPLATE_ISTANZA, application)
            warm.append(time.perf_counter() - begin)
    output = Path(os.environ.get("PARCELLE_BENCH_PDF", "/tmp/parcelle-bench-istanza-documenti.pdf"))
    output.write_bytes(pdf)

    show(f"machine     {cpu_model()}, {os.cpu_count()} cores")
    # Other work on the machine shows in every figure below: say how busy it was.
    show(f"load        1-min load average {load_before} before, {load()} after")
    show(f"cpu speed   reference loop {speed_before:.1f} ms before, {reference_ms():.1f} ms after")
    show(f"python      {platform.python_version()} ({platform.platform()})")
    show(f"weasyprint  {weasyprint_version()}")
    active = "yes" if harfbuzz_subset_active() else "NO (fontTools fallback: slow)"
    show(f"harfbuzz    {harfbuzz_version()}, subsetting with libharfbuzz-subset: {active}")
    show(f"document    {TEMPLATE_ISTANZA}, {len(pdf)} bytes (pool), written to {output}")
    show(f"            default render: {len(reference)} bytes, not PDF/A")
    show(f"pool        {workers} spawn workers, warm in {startup:.1f} s")
    show(f"{'first istanza after start (one worker)':<46} {first * 1000:7.1f} ms")
    show(line("PdfRenderer.render istanza (PDF/A-2b)", pool))
    show(line("HTML(string=...).write_pdf() istanza, defaults", plain))
    show(line("PdfRenderer.render ricevuta (PDF/A-2b)", ricevuta))
    show(line("PdfRenderer.render istanza, back to back", warm))


def engine() -> Any:
    """The pool's engine, in this process, warm."""
    from parcelle_kit.pdf.engine import Engine

    warm = Engine([PACKAGE], pdf_variant="pdf/a-2b")
    warm.warm_up()
    for _ in range(3):
        warm.render(PACKAGE, TEMPLATE_ISTANZA, context_istanza())
    return warm


def profile(rounds: int) -> None:
    """cProfile of ``rounds`` renders of the application: the 30 costliest functions."""
    warm = engine()
    context = context_istanza()
    profiler = cProfile.Profile()
    profiler.enable()
    for _ in range(rounds):
        warm.render(PACKAGE, TEMPLATE_ISTANZA, context)
    profiler.disable()
    report = io.StringIO()
    pstats.Stats(profiler, stream=report).sort_stats("cumulative").print_stats(30)
    show(report.getvalue())


def qr_encodings(codice: str) -> dict[str, Markup]:
    """The same QR code written four ways, and no code at all as the baseline."""
    qr = segno.make_qr(codice, error="m", boost_error=True)
    border = 4
    side = len(qr.matrix) + 2 * border
    runs = [
        (start + border, row + border, length)
        for row, modules in enumerate(qr.matrix)
        for start, length in _runs(modules)
    ]
    cells = [
        (x + border, y + border)
        for y, modules in enumerate(qr.matrix)
        for x, dark in enumerate(modules)
        if dark
    ]

    def svg(body: str) -> Markup:
        return Markup(
            f'<svg xmlns="http://www.w3.org/2000/svg" class="qr" viewBox="0 0 {side} {side}">'
            f'<path fill="#fff" d="M0 0h{side}v{side}h-{side}z"/>{body}</svg>'
        )

    filled = "".join(f"M{x} {y}h{n}v1h-{n}z" for x, y, n in runs)
    return {
        "no 2D code (baseline)": Markup(""),
        "segno stroked path (qr_svg)": qr_svg(codice),
        "filled path, one sub-path a run": svg(f'<path d="{filled}"/>'),
        "one <rect> a run": svg(
            "".join(f'<rect x="{x}" y="{y}" width="{n}" height="1"/>' for x, y, n in runs)
        ),
        "one <rect> a module": svg(
            "".join(f'<rect x="{x}" y="{y}" width="1" height="1"/>' for x, y in cells)
        ),
    }


def _runs(modules: bytearray) -> list[tuple[int, int]]:
    """(start, length) of each run of dark modules in a row."""
    found: list[tuple[int, int]] = []
    start = None
    for index, dark in enumerate([*modules, 0]):
        if dark and start is None:
            start = index
        elif not dark and start is not None:
            found.append((start, index - start))
            start = None
    return found


def compare_qr(rounds: int) -> None:
    """The application rendered with each encoding of its QR code, interleaved, in process."""
    warm = engine()
    base = context_istanza()
    variants = qr_encodings(base["codice"])
    samples: dict[str, list[float]] = {name: [] for name in variants}
    for _ in range(rounds):
        for name, markup in variants.items():
            context = {**base, "qr": markup}
            begin = time.perf_counter()
            warm.render(PACKAGE, TEMPLATE_ISTANZA, context)
            samples[name].append(time.perf_counter() - begin)
    show(f"load        1-min load average {load()}")
    for name, values in samples.items():
        show(f"{line(name, values)}   {len(variants[name]):6d} bytes of SVG")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", "--rounds", type=int, default=60, help="renders per variant")
    parser.add_argument("--workers", type=int, default=2, help="pool size")
    parser.add_argument("--profile", action="store_true", help="profile renders in process")
    parser.add_argument("--qr", action="store_true", help="compare the QR code's encodings")
    arguments = parser.parse_args()
    if arguments.profile:
        profile(arguments.rounds)
    elif arguments.qr:
        compare_qr(arguments.rounds)
    else:
        asyncio.run(run(arguments.rounds, arguments.workers))


if __name__ == "__main__":
    main()
