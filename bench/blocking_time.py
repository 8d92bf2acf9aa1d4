"""The survey page's main thread while the engine starts, on a phone's CPU (CDP's 4× CPU throttling, which
Lighthouse's mobile run also assumes): total blocking time from the first contentful paint on (each long
task's time beyond 50 ms, as Lighthouse counts it), seen in the page by browser_timing's INIT_SCRIPT (its PerformanceObserver of long tasks).

Three ways, interleaved, each load in a new context (cold cache):
- as built: the worker fetches its files at once and starts Pyodide once the page is idle (start.js's "go");
- "go" at once: the page's Worker wrapped so that the worker has it as it is created (its CPU from the
  first bytes on, as before the hold);
- no engine: worker.js refused, so nothing but the page itself.

    .venv/bin/python bench/blocking_time.py [--runs 9] [--site site]
"""

from __future__ import annotations

import argparse
import statistics
import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from browser_timing import CHROMIUM, CHROMIUM_ARGS, INIT_SCRIPT, SURVEY_PAGE  # noqa: E402
from site_server import serve  # noqa: E402

CPU_SLOWDOWN = 4  # Lighthouse's mobile CPU multiplier
WATCH_MS = 8000  # after the navigation: the engine is ready well before, on 127.0.0.1
PHONE = {"width": 412, "height": 823}  # Lighthouse's emulated phone

GO_AT_ONCE = """(() => {
  const PageWorker = globalThis.Worker;
  globalThis.Worker = class extends PageWorker {
    constructor(url, options) {
      super(url, options);
      if (options?.type === "module") this.postMessage({ type: "go" }); // the engine's (the theme's search worker is classic)
    }
  };
})();"""
WAYS = ("as built", "go at once", "no engine")
RUNS = 9  # of each way: a load on two cores varies by half


def _blocking_ms(browser: Browser, origin: str, way: str) -> float | None:
    """Total blocking time after the first contentful paint of one cold load (None: no paint seen)."""
    context = browser.new_context(viewport=PHONE, service_workers="block")
    try:
        page = context.new_page()
        page.add_init_script(INIT_SCRIPT)  # globalThis.__bench.longTasks
        if way == "go at once":
            page.add_init_script(GO_AT_ONCE)
        if way == "no engine":
            page.route("**/worker.js*", lambda route: route.abort())
        context.new_cdp_session(page).send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        page.goto(f"{origin}{SURVEY_PAGE}")
        page.wait_for_timeout(WATCH_MS)
        fcp = page.evaluate("performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null")
        tasks: list[dict[str, float]] = page.evaluate("globalThis.__bench.longTasks")
        return None if fcp is None else sum(max(0.0, task["duration"] - 50) for task in tasks if task["startTime"] >= fcp)
    finally:
        context.close()


def blocking_rows(browser: Browser, origin: str, runs: int, row: Callable[..., Any]) -> list[Any]:
    """One row: the median (min–max) blocking time of each way, and whether holding the engine back helps."""
    times: dict[str, list[float]] = {way: [] for way in WAYS}
    for _ in range(runs):
        for way in WAYS:
            ms = _blocking_ms(browser, origin, way)
            if ms is not None:
                times[way].append(ms)
    cells = [
        f"{way} {statistics.median(times[way]):.0f} ms ({min(times[way]):.0f}–{max(times[way]):.0f})" if times[way] else f"{way}: no paint"
        for way in WAYS
    ]
    held, at_once = times["as built"], times["go at once"]
    return [row(
        f"Survey page's main thread under {CPU_SLOWDOWN}× CPU throttling: total blocking time after the first contentful paint, "
        f"median (min–max) of {runs}: as built (the engine starts once the page is idle) / the worker's \"go\" at once / no engine",
        "; ".join(cells), "as built below \"go\" at once",
        bool(held and at_once) and statistics.median(held) < statistics.median(at_once),
    )]


def blocking_benchmarks(
    origin: str, runs: int = RUNS, row: Callable[..., Any] = lambda *cells: cells, log: Callable[[str], Any] = print
) -> list[Any]:
    """blocking_rows in a browser of its own."""
    log(f"Blocking time under {CPU_SLOWDOWN}× CPU throttling: {runs} loads each way, interleaved …")
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            return blocking_rows(browser, origin, runs, row)
        finally:
            browser.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=RUNS)
    parser.add_argument("--site", type=Path, default=BENCH.parent / "site", help="the built site (default site/)")
    args = parser.parse_args(argv)
    with serve(args.site) as origin:
        for line in blocking_benchmarks(origin, args.runs, log=lambda message: print(message, file=sys.stderr)):
            print(" | ".join(str(cell) for cell in line))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
