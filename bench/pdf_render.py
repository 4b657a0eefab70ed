"""Benchmark: a two-page application (istanza di parere) through the PDF render pool.

Run from the repository root::

    uv run --all-packages python bench/pdf_render.py [-n 60] [--workers 2]

It renders ``bench/pdf/parcelle_bench_docs/templates/istanza_parere.html`` N times through
``PdfRenderer`` (warm spawn workers, PDF/A-2b, packaged fonts) and, interleaved in the same
run, the same HTML with WeasyPrint's defaults (``HTML(string=...).write_pdf()``, with the
kit's base stylesheet inlined and the same Liberation fonts found as system fonts), and prints
p50/p95 latency for each, the pool's throughput with every worker busy, and the machine.
"""

import argparse
import asyncio
import os
import platform
import sys
import time
from collections.abc import Callable, Mapping
from datetime import UTC, date, datetime
from decimal import ROUND_HALF_UP, Decimal
from importlib import resources
from pathlib import Path
from typing import Any

from figures import cpu_model, line, show

BENCH_PACKAGE = "parcelle_bench_docs"
TEMPLATE = "istanza_parere.html"
# Worker processes are spawned: they find the benchmark's package through sys.path, which
# multiprocessing hands to each child.
sys.path.insert(0, str(Path(__file__).resolve().parent / "pdf"))


def build_context() -> dict[str, Any]:
    """A realistic application: names with accents, 12 fee items, totals in Decimal."""
    cent = Decimal("0.01")
    fasi = ("di studio", "introduttiva", "istruttoria e di trattazione", "decisionale")
    voci: list[dict[str, Any]] = []
    richiesti: list[Decimal] = []
    for numero in range(1, 13):
        medio = (Decimal("1275.00") + Decimal(numero * 137)).quantize(cent)
        richiesto = (medio * Decimal("1.1")).quantize(cent, ROUND_HALF_UP)
        richiesti.append(richiesto)
        voci.append(
            {
                "descrizione": f"Fase {fasi[numero % 4]}: atti e udienza n. {numero}",
                "medio": medio,
                "richiesto": richiesto,
            }
        )
    compenso = sum(richiesti, Decimal(0))
    spese = (compenso * Decimal("0.15")).quantize(cent, ROUND_HALF_UP)
    cpa = ((compenso + spese) * Decimal("0.04")).quantize(cent, ROUND_HALF_UP)
    iva = ((compenso + spese + cpa) * Decimal("0.22")).quantize(cent, ROUND_HALF_UP)
    premessa = (
        "Nel corso del giudizio la difesa ha richiesto l'esame di consulenze tecniche, "
        "ha partecipato a tre udienze istruttorie e ha depositato note autorizzate; la "
        "controversia, di particolare complessità per la pluralità delle parti e delle "
        "questioni trattate, si è conclusa con sentenza favorevole al cliente."
    )
    return {
        "ordine": {
            "citta": "Roma",
            "indirizzo": "Piazza Cavour, Palazzo di Giustizia, 00193 Roma",
            "pec": "protocollo@ordineavvocatiroma.example",
        },
        "istanza": {
            "codice": "PAR-2025-000123-K",
            "presentata_il": datetime(2025, 3, 12, 13, 5, tzinfo=UTC),
        },
        "avvocato": {
            "nome": "Niccolò D'Angelo",
            "codice_fiscale": "DNGNCC80A01H501U",
            "iscritto_dal": date(2008, 5, 14),
            "studio": "Roma, via Cola di Rienzo 212",
        },
        "cliente": {
            "nome": "Società Cooperativa Edilizia «La Quercia» S.r.l. (leg. rapp. Ștefan Pârvu)",
            "indirizzo": "via dei Mille 5, Città di Castello",
        },
        "procedimento": {
            "numero": "R.G. 12345/2021",
            "ufficio": "Tribunale ordinario di Roma, sezione X civile",
            "valore": Decimal("187500.00"),
        },
        "premesse": [premessa],
        "voci": voci,
        "riepilogo": [
            {"voce": "Compenso richiesto", "importo": compenso},
            {"voce": "Spese generali (15%)", "importo": spese},
            {"voce": "Cassa previdenza avvocati (4%)", "importo": cpa},
            {"voce": "IVA (22%)", "importo": iva},
            {"voce": "Totale", "importo": compenso + spese + cpa + iva},
        ],
        "dichiarazioni": [
            "Il sottoscritto dichiara che la parcella non è stata oggetto di altra richiesta "
            "di parere e che il cliente è stato informato della presente istanza.",
            "Dichiara altresì di essere consapevole delle responsabilità previste per le "
            "dichiarazioni non veritiere e di aver versato il contributo dovuto.",
        ],
        "allegati": [
            "Parcella analitica sottoscritta",
            "Copia del mandato professionale",
            "Atti e verbali di udienza (14 documenti)",
            "Ricevuta del versamento del contributo",
        ],
    }


def plain_render(context: Mapping[str, Any]) -> tuple[Callable[..., bytes], str]:
    """WeasyPrint's defaults on the same HTML: base CSS inlined, assets read from disk."""
    # Imported here: WeasyPrint is slow to import and the pool's workers do not need this.
    from parcelle_kit.pdf._weasyprint import HTML
    from parcelle_kit.pdf.templating import build_environment

    html = build_environment(BENCH_PACKAGE).get_template(TEMPLATE).render(context)
    css = (resources.files("parcelle_kit.pdf") / "assets" / "base.css").read_text("utf-8")
    html = html.replace("</head>", f"<style>{css}</style></head>", 1)
    base_url = Path(str(resources.files(BENCH_PACKAGE))).as_uri() + "/"

    def render(**options: Any) -> bytes:
        pdf: bytes = HTML(string=html, base_url=base_url).write_pdf(**options)
        return pdf

    return render, html


async def run(rounds: int, workers: int) -> None:
    from parcelle_kit.pdf import PdfRenderer
    from parcelle_kit.pdf._weasyprint import (
        harfbuzz_subset_active,
        harfbuzz_version,
        weasyprint_version,
    )

    context = build_context()
    default, _ = plain_render(context)
    load_before = os.getloadavg()[0]
    started = time.perf_counter()
    async with PdfRenderer([BENCH_PACKAGE], workers=workers) as renderer:
        startup = time.perf_counter() - started
        pool: list[float] = []
        plain: list[float] = []
        plain_pdfa: list[float] = []
        sizes: dict[str, int] = {}
        for _ in range(3):  # the default path's first renders load fonts and code
            default()
        for _ in range(rounds):
            # Interleaved, so that noise from the host hits every variant alike.
            begin = time.perf_counter()
            pdf = await renderer.render(BENCH_PACKAGE, TEMPLATE, context)
            pool.append(time.perf_counter() - begin)
            sizes["pool"] = len(pdf)
            begin = time.perf_counter()
            sizes["default"] = len(default())
            plain.append(time.perf_counter() - begin)
            begin = time.perf_counter()
            sizes["default_pdfa"] = len(default(pdf_variant="pdf/a-2b"))
            plain_pdfa.append(time.perf_counter() - begin)
        batch = rounds * workers
        begin = time.perf_counter()
        await asyncio.gather(
            *(renderer.render(BENCH_PACKAGE, TEMPLATE, context) for _ in range(batch))
        )
        throughput = batch / (time.perf_counter() - begin)
    output = Path(os.environ.get("PARCELLE_BENCH_PDF", "/tmp/parcelle-bench-istanza.pdf"))
    output.write_bytes(pdf)

    show(f"machine     {cpu_model()}, {os.cpu_count()} cores")
    # Other work on the machine shows up in every figure below: say how busy it was.
    show(f"load        1-min load average {load_before:.2f} before, {os.getloadavg()[0]:.2f} after")
    show(f"python      {platform.python_version()} ({platform.platform()})")
    show(f"weasyprint  {weasyprint_version()}")
    active = "yes" if harfbuzz_subset_active() else "NO (fontTools fallback: slow)"
    show(f"harfbuzz    {harfbuzz_version()}, subsetting with libharfbuzz-subset: {active}")
    show(f"document    {TEMPLATE}, {sizes['pool']} bytes (pool), written to {output}")
    show(f"pool        {workers} spawn workers, warm in {startup:.1f} s")
    show(line("PdfRenderer.render (PDF/A-2b, one at a time)", pool))
    show(line("HTML(string=...).write_pdf() defaults", plain))
    show(line("HTML(string=...).write_pdf(pdf/a-2b)", plain_pdfa))
    show(f"{'PdfRenderer throughput, all workers busy':<44} {throughput:7.1f} documents/s")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", "--rounds", type=int, default=60, help="renders per variant")
    parser.add_argument("--workers", type=int, default=2, help="pool size")
    arguments = parser.parse_args()
    asyncio.run(run(arguments.rounds, arguments.workers))


if __name__ == "__main__":
    main()
