"""Benchmark: from Enter in the scan field to the acquired case's page, in Chromium.

Run from the repository root (RabbitMQ must answer; Debian's chromium installed)::

    uv run --all-packages python bench/scansione_pagina.py [-n 60]

It starts ``parcelle up`` with a fresh var directory and its own bus namespace and ports,
deposits N applications through the REST API as the demo lawyer, logs in as the demo clerk in
headless Chromium and, for each application, types its code and Enter into the scan field as a
2D scanner gun does. It prints p50/p99 of the time from Enter to the first contentful paint of
the case page (the clerk sees the case acquired), to DOMContentLoaded and to the end of the
server's response, and the machine. The issue's target: under 200 ms from Enter to the page.
"""

import argparse
import asyncio

import httpx
from figures import line, machine, show
from playwright.sync_api import sync_playwright
from sistema import parcelle_up

from parcelle_kit import demo
from parcelle_testing.avvocato import deposited, lawyer, small_pdf
from tests.browser.aiuti import accedi, chromium, scansiona

WARM_UP = 3
"""Scans not timed: the first pages load the styles and scripts into the browser's cache."""


async def deposits(base: str, count: int) -> list[str]:
    async with httpx.AsyncClient(base_url=base, timeout=120) as http:
        headers = await lawyer(http)
        pdf = small_pdf("allegato")
        return [str((await deposited(http, headers, pdf))["codice"]) for _ in range(count)]


def scans(base: str, codes: list[str]) -> dict[str, list[float]]:
    times: dict[str, list[float]] = {"pagina": [], "dcl": [], "risposta": []}
    with sync_playwright() as playwright:
        browser = chromium(playwright)
        page = browser.new_page(viewport={"width": 1280, "height": 900}, locale="it-IT")
        accedi(page, base, demo.SEGRETERIA.username)
        for position, code in enumerate(codes):
            measured = scansiona(page, code)
            if "Istanza acquisita" not in page.locator("#esito").inner_text():
                raise SystemExit(f"{code} did not open acquired: {page.url}")
            if position >= WARM_UP:
                for name, value in measured.items():
                    if value is not None:
                        times[name].append(value / 1000)
        browser.close()
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=60, help="scans to time")
    count = parser.parse_args().n
    with parcelle_up() as (base, _):
        codes = asyncio.run(deposits(base, count + WARM_UP))
        times = scans(base, codes)
    show(f"machine: {machine()}")
    show(line("Enter to first paint (Chromium)", times["pagina"], high=0.99))
    show(line("Enter to DOMContentLoaded", times["dcl"], high=0.99))
    show(line("Enter to response end", times["risposta"], high=0.99))


if __name__ == "__main__":
    main()
