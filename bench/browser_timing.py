"""Browser benchmarks in headless Chromium against the built site (bench/site_server.py):

- widget start-up against the floor: a bare page that only runs loadPyodide() (bench/fixtures) and a
  survey page until its widget reports `data-engine="ready"`, cold (new context) and warm (reload),
  interleaved; also loadPyodide() on the main thread, for comparison;
- the scoring round trip: "Score" clicked → results drawn, with Pyodide ready;
- long tasks (> 50 ms) on the survey page's main thread between navigation and widget ready, with
  their scripts (Long Animation Frames) to tell Pyodide's from the theme's;
- page weight: bytes transferred for guide pages without a widget and for the survey page.

Times are `performance.now()` in the page, so they count from the start of the navigation.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, Request, sync_playwright

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
TIMEOUT_MS = 120_000
LONG_MS = 50  # a long task, or a long animation frame, lasts longer than this

SURVEY_PAGE = "/templates/personal-development/"
BARE_WORKER = "/__bench__/bare.html"
BARE_MAIN_THREAD = "/__bench__/main-thread.html"
GUIDE_PAGES = ("/", "/questions/", "/tips/", "/mood-checks/", "/templates/", "/templates/okr-agenda/", "/about/", "/en/", "/en/tips/")
READY = '[data-engine="ready"]'
FAILED = '[data-engine="failed"]'

# Runs before any script of the page: when the engine became ready, long tasks, long animation frames.
INIT_SCRIPT = r"""
(() => {
  const bench = (globalThis.__bench = { readyAt: null, longTasks: [], frames: [], workerAt: null, workerMs: null, workerFrom: null });
  // When the engine's worker was created, and how long it took by its own clock (its "ready" message).
  const PageWorker = globalThis.Worker;
  globalThis.Worker = class extends PageWorker {
    constructor(url, options) {
      super(url, options);
      if (!/okr1on1\/worker\.js|bare-worker\.js|^blob:/.test(String(url))) return; // the engine's is made from a blob: URL (start.js)
      bench.workerAt = performance.now();
      this.addEventListener("message", ({ data }) => {
        if (data?.type === "ready" && bench.workerMs === null) {
          bench.workerMs = data.ms ?? null;
          bench.workerFrom = data.from ?? null; // the widget's worker: "snapshot" or "scratch"
        }
      });
    }
  };
  new MutationObserver(() => {
    if (bench.readyAt === null && document.querySelector('[data-engine="ready"]')) bench.readyAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-engine"] });
  const observe = (type, record) => {
    try {
      new PerformanceObserver((list) => list.getEntries().forEach((entry) => bench[record].push(entry.toJSON()))).observe({ type, buffered: true });
    } catch {}
  };
  observe("longtask", "longTasks");
  observe("long-animation-frame", "frames");
})();
"""

# "Score" clicked → results drawn (the frame after the results are in the document), `runs` times,
# each with other answers, chosen before the clock starts. Runs in the page; returns milliseconds.
ROUND_TRIP_SCRIPT = r"""
async (runs) => {
  const root = document.querySelector(".okr-survey");
  const fieldsets = [...root.querySelectorAll("fieldset.okr-statement")];
  const button = root.querySelector(".okr-survey__score");
  const painted = () => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
  const times = [];
  for (let run = 0; run < runs; run++) {
    fieldsets.forEach((fieldset, index) => {
      const options = fieldset.querySelectorAll("input[type=radio]");
      options[(run * 3 + index) % options.length].click();
    });
    await painted();
    const previous = root.querySelector(".okr-results__title");
    const drawn = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        const title = root.querySelector(".okr-results__title");
        if (title && title !== previous) {
          observer.disconnect();
          resolve();
        }
      });
      observer.observe(root, { childList: true, subtree: true });
    });
    const start = performance.now();
    button.click();
    await drawn;
    await painted();
    times.push(performance.now() - start);
  }
  return times;
}
"""

ENGINE_PATHS = ("/assets/pyodide/", "/assets/okr1on1/worker.js")


def is_engine_request(url: str) -> bool:
    """A request of the scoring engine: Pyodide's files, the wheel, the lockfile, the worker script."""
    return any(part in url for part in ENGINE_PATHS)


ENGINE_SCRIPTS = ("/assets/okr1on1/engine.js", "/assets/okr1on1/worker.js")


def script_owner(url: str) -> str:
    """Whose script a URL is: "pyodide" (Pyodide, or the code that starts it), "widget", "theme", "page"."""
    if "/assets/pyodide/" in url or any(name in url for name in ENGINE_SCRIPTS):
        return "pyodide"
    if "/assets/okr1on1/" in url:
        return "widget"
    if "/assets/javascripts/" in url:
        return "theme"
    return "page"


@dataclass
class Load:
    """One load of a page until its engine was ready."""

    ready_ms: float
    worker_at_ms: float | None = None  # when the page created the engine's worker
    worker_ms: float | None = None  # the worker's own time from its start to ready
    worker_from: str | None = None  # how the widget's engine started: "snapshot" or "scratch"
    long_tasks: list[dict[str, Any]] = field(default_factory=list)
    frames: list[dict[str, Any]] = field(default_factory=list)

    def long_tasks_before_ready(self) -> list[dict[str, Any]]:
        return [task for task in self.long_tasks if task["startTime"] < self.ready_ms]

    def long_frames_before_ready(self) -> list[str]:
        """Whose work made each long animation frame (> 50 ms) before the engine was ready: the
        `script_owner` whose scripts in the frame took longest, if without them the frame would not
        have been long; otherwise "rendering" (parsing, style, layout, paint and short scripts)."""
        owners = []
        for frame in self.frames:
            if frame["startTime"] >= self.ready_ms:
                continue
            spent: dict[str, float] = {}
            for script in frame.get("scripts", []):
                owner = script_owner(script.get("sourceURL") or "")
                if self.worker_at_ms is not None and script["startTime"] <= self.worker_at_ms <= script["startTime"] + script["duration"]:
                    owner = "pyodide"  # the script that created the engine's worker: start.js, inline in the page
                spent[owner] = spent.get(owner, 0) + script.get("duration", 0)
            owner = max(spent, key=lambda name: spent[name], default=None)
            made_it_long = owner is not None and frame["duration"] - spent[owner] <= LONG_MS
            owners.append(owner if made_it_long else "rendering")
        return owners


@dataclass
class BrowserResults:
    runs: int
    startup: dict[str, dict[str, list[float]]]  # page → cold | warm → ms
    round_trips_ms: list[float]
    long_tasks_cold: list[int]  # per cold survey load: long tasks before ready
    long_tasks_warm: list[int]
    long_task_ms: list[float]  # durations of those long tasks (cold and warm)
    long_frames: list[str]  # whose work made each long animation frame before ready (all survey loads)
    guide_weights: dict[str, tuple[int, int]]  # path → (bytes, of which engine bytes)
    survey_page_bytes: int  # everything but the engine
    survey_engine_bytes: int  # the engine's requests, up to ready
    survey_uncompressed: tuple[int, int]  # the same two, as file sizes
    guide_uncompressed: dict[str, int] = field(default_factory=dict)
    guide_long_tasks: list[int] = field(default_factory=list)  # per guide page load, for comparison
    survey_started_from: list[str] = field(default_factory=list)  # per survey load (cold and warm): "snapshot" | "scratch"

    def median(self, page: str, mode: str) -> float:
        return statistics.median(self.startup[page][mode])

    def long_frames_of(self, owner: str) -> int:
        """Long animation frames (before ready, all survey loads) made by `owner`'s work."""
        return self.long_frames.count(owner)


class _Recorder:
    """The requests a context made (the page's and its workers'), to sum bytes transferred."""

    def __init__(self, context: BrowserContext) -> None:
        self.requests: list[Request] = []
        context.on("requestfinished", lambda request: self.requests.append(request))

    def transferred(self, site_dir: Path) -> list[tuple[str, int, int]]:
        """(url, bytes on the wire incl. headers, size of the file served) per finished request."""
        rows = []
        for request in self.requests:
            sizes = request.sizes()
            rows.append((request.url, sizes["responseBodySize"] + sizes["responseHeadersSize"], _file_size(site_dir, request.url)))
        return rows


def _file_size(site_dir: Path, url: str) -> int:
    path = unquote(urlsplit(url).path)
    if path.startswith("/__bench__/"):
        return 0
    file = site_dir / path.lstrip("/")
    if file.is_dir():
        file = file / "index.html"
    return file.stat().st_size if file.is_file() else 0


def _context(browser: Browser, origin: str) -> BrowserContext:
    context = browser.new_context(base_url=origin, locale="nl-NL", color_scheme="light")
    context.set_default_timeout(TIMEOUT_MS)
    context.add_init_script(INIT_SCRIPT)
    return context


def _wait_ready(page: Page) -> Load:
    page.wait_for_selector(f"{READY}, {FAILED}", state="attached", timeout=TIMEOUT_MS)
    if page.query_selector(FAILED):
        raise RuntimeError(f"the engine failed on {page.url}")
    page.wait_for_function("() => globalThis.__bench.readyAt !== null", timeout=TIMEOUT_MS)
    data = page.evaluate("() => globalThis.__bench")
    return Load(
        ready_ms=data["readyAt"], long_tasks=data["longTasks"], frames=data["frames"], worker_at_ms=data["workerAt"], worker_ms=data["workerMs"],
        worker_from=data["workerFrom"],
    )


def _cold_load(browser: Browser, origin: str, path: str, site_dir: Path) -> tuple[Load, list[tuple[str, int, int]]]:
    """A load in a new context; with the bytes of every request up to the engine's ready."""
    context = _context(browser, origin)
    recorder = _Recorder(context)
    try:
        page = context.new_page()
        page.goto(path)
        load = _wait_ready(page)
        page.wait_for_load_state("networkidle")
        return load, recorder.transferred(site_dir)
    finally:
        context.close()


def _guide_load(browser: Browser, origin: str, path: str, site_dir: Path) -> tuple[list[tuple[str, int, int]], int]:
    """A guide page in a new context until its network is quiet: the bytes of every request, and
    its long tasks (what the theme and the page cost the main thread without Pyodide)."""
    context = _context(browser, origin)
    recorder = _Recorder(context)
    try:
        page = context.new_page()
        page.goto(path)
        page.wait_for_load_state("networkidle")
        page.wait_for_timeout(500)  # anything a script fetches after the network went quiet
        page.wait_for_load_state("networkidle")
        return recorder.transferred(site_dir), page.evaluate("() => globalThis.__bench.longTasks.length")
    finally:
        context.close()


def browser_benchmarks(origin: str, site_dir: Path, runs: int = 7, round_trips: int = 20, log: Any = print) -> BrowserResults:
    pages = {"bare-worker": BARE_WORKER, "survey": SURVEY_PAGE, "bare-main-thread": BARE_MAIN_THREAD}
    startup: dict[str, dict[str, list[float]]] = {name: {"cold": [], "warm": []} for name in pages}
    long_cold: list[int] = []
    long_warm: list[int] = []
    long_ms: list[float] = []
    frames: list[str] = []
    started_from: list[str] = []
    survey_rows: list[tuple[str, int, int]] = []

    def note(load: Load, counts: list[int]) -> None:
        tasks = load.long_tasks_before_ready()
        counts.append(len(tasks))
        long_ms.extend(task["duration"] for task in tasks)
        frames.extend(load.long_frames_before_ready())
        started_from.append(load.worker_from or "unknown")

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            names = list(pages)
            # Cold: a new context (empty HTTP cache, no compiled code) for every load; the order of the
            # pages turns every run, so no page always follows the same one.
            for run in range(runs):
                for name in names[run % len(names):] + names[: run % len(names)]:
                    load, rows = _cold_load(browser, origin, pages[name], site_dir)
                    startup[name]["cold"].append(load.ready_ms)
                    if name == "survey":
                        note(load, long_cold)
                        survey_rows = survey_rows or rows
                log(f"  cold run {run + 1}/{runs}: " + ", ".join(f"{n} {startup[n]['cold'][-1]:.0f} ms" for n in names))
            # Warm: one context, one tab a page, each loaded once, then reloaded in turn.
            context = _context(browser, origin)
            try:
                tabs = {name: context.new_page() for name in names}
                for name, tab in tabs.items():
                    tab.bring_to_front()
                    tab.goto(pages[name])
                    _wait_ready(tab)
                for run in range(runs):
                    for name in names[run % len(names):] + names[: run % len(names)]:
                        # The tab in front: a hidden one gets no animation frames and slow timers.
                        tabs[name].bring_to_front()
                        tabs[name].reload()
                        load = _wait_ready(tabs[name])
                        startup[name]["warm"].append(load.ready_ms)
                        if name == "survey":
                            note(load, long_warm)
                    log(f"  warm run {run + 1}/{runs}: " + ", ".join(f"{n} {startup[n]['warm'][-1]:.0f} ms" for n in names))
                survey = tabs["survey"]
                survey.bring_to_front()
                survey.evaluate(ROUND_TRIP_SCRIPT, 1)  # warm-up, not counted
                round_trip_ms = survey.evaluate(ROUND_TRIP_SCRIPT, round_trips)
            finally:
                context.close()
            guide_loads = {path: _guide_load(browser, origin, path, site_dir) for path in GUIDE_PAGES}
            guide_rows = {path: rows for path, (rows, _) in guide_loads.items()}
        finally:
            browser.close()

    return BrowserResults(
        runs=runs,
        startup=startup,
        round_trips_ms=round_trip_ms,
        long_tasks_cold=long_cold,
        long_tasks_warm=long_warm,
        long_task_ms=long_ms,
        long_frames=frames,
        guide_weights={path: (sum(r[1] for r in rows), sum(r[1] for r in rows if is_engine_request(r[0]))) for path, rows in guide_rows.items()},
        survey_page_bytes=sum(r[1] for r in survey_rows if not is_engine_request(r[0])),
        survey_engine_bytes=sum(r[1] for r in survey_rows if is_engine_request(r[0])),
        survey_uncompressed=(
            sum(r[2] for r in survey_rows if not is_engine_request(r[0])),
            sum(r[2] for r in survey_rows if is_engine_request(r[0])),
        ),
        guide_uncompressed={path: sum(r[2] for r in rows) for path, rows in guide_rows.items()},
        guide_long_tasks=[count for _, count in guide_loads.values()],
        survey_started_from=started_from,
    )
