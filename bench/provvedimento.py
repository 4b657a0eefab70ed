"""Benchmark: the liquidation order of `revisione` (provvedimento.html, PDF/A-2b) rendered by
``PdfRenderer``. Target: p50 at most 80 ms.

Run from the repository root, when the machine is otherwise idle (``uptime``)::

    uv run --all-packages python bench/provvedimento.py [-n 60] [--workers 1]

The order is made from the sample application of ``bench/istanza/istanza.json`` (the DM
147/2022 worked example), every item decided (one reduced with a reason), the council fee at
3%. It prints the first render after start, p50/p95 of N renders one after the other, the
size and the machine.
"""

import argparse
import asyncio
import os
import platform
import time
from datetime import UTC, datetime
from decimal import Decimal
from pathlib import Path

from figures import cpu_model, line, load, reference_ms, show

from parcelle_contracts.istanze import Istanza
from parcelle_contracts.ordini import ImpostazioniOrdine, RegoleRevisione
from revisione import views
from revisione.adapters.documenti import PACKAGE, TEMPLATE, contesto_provvedimento
from revisione.domain.decisione import VoceDecisa, liquida
from revisione.domain.revisione import Revisione

SAMPLE = Path(__file__).resolve().parent / "istanza" / "istanza.json"
DECISA_IL = datetime(2026, 3, 20, 10, 15, tzinfo=UTC)
IMPOSTAZIONI = ImpostazioniOrdine(
    codice="ROMA",
    nome="Ordine degli Avvocati di Roma",
    indirizzo="Piazza Cavour, 00193 Roma",
    pec="protocollo@ordineavvocatiroma.org",
    revisione=RegoleRevisione.model_validate({"diritti": {"percentuale": "3"}}),
)


def decisa(istanza: Istanza) -> Revisione:
    richiesta = views.richiesta(istanza)
    voci = [VoceDecisa(id=v.id, importo_liquidato=v.importo) for v in richiesta.voci]
    primo = richiesta.voci[0]
    voci[0] = VoceDecisa(
        id=primo.id,
        importo_liquidato=(primo.importo * Decimal("0.9")).quantize(Decimal("0.01")),
        motivazione="Questioni di fatto e di diritto di limitata complessità",
    )
    revisione = Revisione(
        istanza_id=istanza.id,
        ordine="ROMA",
        correlation_id=istanza.id,
        codice=istanza.codice,
        protocollo="2026/001234",
        relatore="consigliere",
        stato="in_firma",
    )
    revisione.decisione = liquida(
        richiesta,
        voci,
        esito="liquidata",
        regole=views.regole_diritti(IMPOSTAZIONI),
        relatore="consigliere",
        relatore_nome="Marco Verdi",
        ora=DECISA_IL,
        note="Liquidazione conforme ai parametri medi salvo la fase di studio.",
    )
    return revisione


async def run(rounds: int, workers: int) -> None:
    from parcelle_kit.pdf import PdfRenderer

    istanza = Istanza.model_validate_json(SAMPLE.read_text("utf-8"))
    contesto = contesto_provvedimento(decisa(istanza), istanza, IMPOSTAZIONI)
    load_before, speed_before = load(), reference_ms()
    started = time.perf_counter()
    async with PdfRenderer([PACKAGE], workers=workers) as renderer:
        startup = time.perf_counter() - started
        begin = time.perf_counter()
        pdf = await renderer.render(PACKAGE, TEMPLATE, contesto)
        first = time.perf_counter() - begin
        for _ in range(3):  # the first renders load the fonts and code paths
            await renderer.render(PACKAGE, TEMPLATE, contesto)
        samples: list[float] = []
        for _ in range(rounds):
            begin = time.perf_counter()
            pdf = await renderer.render(PACKAGE, TEMPLATE, contesto)
            samples.append(time.perf_counter() - begin)
    output = Path(os.environ.get("PARCELLE_BENCH_PDF", "/tmp/parcelle-bench-provvedimento.pdf"))
    output.write_bytes(pdf)
    show(f"machine     {cpu_model()}, {os.cpu_count()} cores")
    show(f"load        1-min load average {load_before} before, {load()} after")
    show(f"cpu speed   reference loop {speed_before:.1f} ms before, {reference_ms():.1f} ms after")
    show(f"python      {platform.python_version()} ({platform.platform()})")
    show(f"document    {TEMPLATE}, {len(pdf)} bytes, written to {output}")
    show(f"pool        {workers} spawn workers, warm in {startup:.1f} s")
    show(f"{'first order after start':<46} {first * 1000:7.1f} ms")
    show(line("PdfRenderer.render provvedimento (PDF/A-2b)", samples))
    show("target      p50 <= 80 ms")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.add_argument("-n", "--rounds", type=int, default=60, help="renders")
    parser.add_argument("--workers", type=int, default=1, help="pool size")
    arguments = parser.parse_args()
    asyncio.run(run(arguments.rounds, arguments.workers))


if __name__ == "__main__":
    main()
