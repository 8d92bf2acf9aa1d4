"""`make bench`, "My results" at scale: how long the results page takes to draw a long history, and
how an import of a very large file ends (issue 12, point 5).

- Draw: 20 000 stored results of one survey in localStorage; the time from the engine's "ready" to
  the saved-results table in the page (the engine reads, checks and scores every result; the page
  draws the trend of all of them and the latest rows of the table), and from navigation to that table.
- Import: a file of 20 000 results (it fits: the history is bounded by what localStorage keeps) and
  one of 200 000 (it does not): the time from picking the file to the page's answer, and whether the
  page showed progress meanwhile.

    .venv/bin/python bench/history_timing.py [--site site] [--runs 3]   (only this part, on a built site)
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, sync_playwright

BENCH = Path(__file__).resolve().parent
sys.path.insert(0, str(BENCH))

from browser_timing import CHROMIUM, CHROMIUM_ARGS, TIMEOUT_MS  # noqa: E402

RESULTS_PAGE = "/results/"
KEY = "okr1on1.results"
DRAWN, IMPORTED = 20_000, (20_000, 200_000)
STATEMENTS = ("progress", "address-behaviour", "receive-feedback", "career-path", "strengths")

# Records, on the results page, when the engine is ready, when the first row of the table is in the
# page (a frame later: drawn), and every progress text of an import.
OBSERVER = r"""
globalThis.__history = { readyAt: null, drawnAt: null, progress: [], answeredAt: null };
new MutationObserver(() => {
  const h = globalThis.__history;
  if (h.readyAt === null && document.querySelector('.okr-history[data-engine="ready"]')) h.readyAt = performance.now();
  if (h.drawnAt === null && document.querySelector(".okr-history tr[data-result]")) {
    requestAnimationFrame(() => { h.drawnAt ??= performance.now(); });
  }
  const progress = document.querySelector(".okr-history__progress")?.textContent;
  if (progress && progress !== h.progress.at(-1)) h.progress.push(progress);
  if (h.answeredAt === null && document.querySelector(".okr-history__message .admonition.success, .okr-history__message .admonition.failure")) {
    h.answeredAt = performance.now();
  }
}).observe(document, { subtree: true, childList: true, attributes: true, characterData: true });
"""


def results(count: int, seed: int = 12) -> list[dict[str, Any]]:
    """`count` saved results of personal-development, one a minute, with random answers."""
    rng = random.Random(seed)
    return [
        {
            "id": str(uuid.UUID(int=rng.getrandbits(128))),
            "survey": "personal-development",
            "survey_version": 1,
            "saved_at": f"2025-{1 + i // 40_000 % 12:02d}-{1 + i // 1440 % 28:02d}T{i // 60 % 24:02d}:{i % 60:02d}:00.000Z",
            "answers": {statement: rng.randint(1, 7) for statement in STATEMENTS},
            "notes": {},
        }
        for i in range(count)
    ]


def document(items: list[dict[str, Any]], indent: int | None = None) -> str:
    data = {"format": "okr1on1-results", "version": 1, "results": items}
    return json.dumps(data, indent=indent) if indent else json.dumps(data, separators=(",", ":"))


@dataclass
class HistoryResults:
    runs: int
    draw_ms: list[float] = field(default_factory=list)  # engine ready → table drawn
    page_ms: list[float] = field(default_factory=list)  # navigation → table drawn
    imports: dict[int, list[tuple[float, bool, str]]] = field(default_factory=dict)  # size → (ms, progress shown, answer)


def _draw(browser: Browser, origin: str, stored: str) -> tuple[float, float]:
    context = browser.new_context(base_url=origin, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(OBSERVER)
    page = context.new_page()
    page.goto("/about/")
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [KEY, stored])
    page.goto(RESULTS_PAGE)
    page.wait_for_function("() => globalThis.__history.drawnAt !== null", timeout=TIMEOUT_MS)
    rows = page.locator("tr[data-result]").count()
    if rows == 0:
        raise RuntimeError("no rows drawn")
    timing = page.evaluate("() => globalThis.__history")
    context.close()
    return timing["drawnAt"] - timing["readyAt"], timing["drawnAt"]


def _import(browser: Browser, origin: str, text: str, folder: Path) -> tuple[float, bool, str]:
    context = browser.new_context(base_url=origin, locale="nl-NL")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(OBSERVER)
    page = context.new_page()
    page.goto(RESULTS_PAGE)
    page.wait_for_selector('.okr-history[data-engine="ready"]', timeout=TIMEOUT_MS)
    file = folder / "okr1on1-results-big.json"  # a path: Playwright hands over at most 50 MB as a buffer
    file.write_text(text, encoding="utf-8")
    page.locator(".okr-history__file").set_input_files(file)
    # The moment the file was picked: the page's own "checking" notice appears at once.
    page.wait_for_selector(".okr-history__progress", state="attached", timeout=TIMEOUT_MS)
    picked = page.evaluate("() => performance.now()")
    page.wait_for_function("() => globalThis.__history.answeredAt !== null", timeout=TIMEOUT_MS)
    timing = page.evaluate("() => globalThis.__history")
    answer = page.locator(".okr-history__message").inner_text().replace("\n", " ")
    context.close()
    return timing["answeredAt"] - picked, any("van" in text for text in timing["progress"]), answer


def history_benchmarks(origin: str, runs: int = 3, log: Any = print) -> HistoryResults:
    measured = HistoryResults(runs)
    stored = document(results(DRAWN))
    files = {count: document(results(count, seed=count), indent=2) for count in IMPORTED}
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            for run in range(runs):
                draw, page = _draw(browser, origin, stored)
                measured.draw_ms.append(draw)
                measured.page_ms.append(page)
                log(f"  draw {DRAWN} results, run {run + 1}: {draw:.0f} ms after ready ({page:.0f} ms after navigation)")
            for count, text in files.items():
                for run in range(runs):
                    with tempfile.TemporaryDirectory(prefix="okr1on1-bench-") as folder:
                        outcome = _import(browser, origin, text, Path(folder))
                    measured.imports.setdefault(count, []).append(outcome)
                    size = f"{len(text) / 1e6:.0f} MB"
                    log(f"  import {count} results ({size}), run {run + 1}: {outcome[0]:.0f} ms, progress {outcome[1]}: {outcome[2][:90]}")
        finally:
            browser.close()
    return measured


def history_rows(measured: HistoryResults, row: Any) -> list[Any]:
    """The bench table's rows (`row` makes one: what, figure, target, met)."""
    draw = statistics.median(measured.draw_ms)
    rows = [
        row(
            f"My results: {DRAWN:,} stored results drawn (engine ready → table in the page), median of {measured.runs}; "
            "from navigation",
            f"{draw / 1000:.2f} s; {statistics.median(measured.page_ms) / 1000:.2f} s",
            "< 2 s",
            draw < 2000,
        )
    ]
    for count, outcomes in measured.imports.items():
        ms = statistics.median(outcome[0] for outcome in outcomes)
        answer = outcomes[0][2]
        said = "refused" if "geweigerd" in answer.lower() else "imported" if "toegevoegd" in answer else answer[:40]
        rows.append(row(
            f"My results: import of {count:,} results (file picked → answer), median of {len(outcomes)}; progress shown",
            f"{ms / 1000:.2f} s, {said}; progress {'yes' if all(o[1] for o in outcomes) else 'no (answered at once)'}",
            "≤ 10 s",
            ms <= 10_000,
        ))
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=BENCH.parent / "site", help="a built site (default: site/)")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from run import Row, table  # the bench's table
    from site_server import serve

    with serve(args.site) as origin:
        measured = history_benchmarks(origin, args.runs, log=lambda message: print(message, file=sys.stderr, flush=True))
    print(table(history_rows(measured, Row), {}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
