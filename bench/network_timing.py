"""The engine's start under real network profiles, in headless Chromium (CDP throttling of the page).

Per profile (none; 40 Mbit/s 20 ms; 20 Mbit/s 40 ms; 9 Mbit/s 85 ms "4G"; 1.6 Mbit/s 150 ms "slow 4G"),
every load in a new browser context (cold cache), interleaved A, B, C, A, B, C, …:

- (a) the Dutch survey page as built, navigation → its widget's `data-engine="ready"`;
- (b) the same page with the engine's snapshot gone (a server that answers 404 for any path holding
  `.snapshot`), so the site starts Pyodide from scratch;
- (c) bare `loadPyodide()` from the same files (`/__bench__/bare.html`), the floor;

all three through the same small proxy in front of the bench server (one of its two ports drops the
snapshot), so none of them has a hop the others lack. Which start the widget's worker chose comes from its
"ready" message (`from`), heard by wrapping `Worker` in an init script.

Also: bytes of a first visit by kind of file (unthrottled and slow 4G), requests started before
ready (the critical path); a repeat visit once the service worker has installed (first visit unthrottled, the second
under the profile); the switch to the English survey page; the site offline; the worker's memory.

Throttling is `Network.emulateNetworkConditions` on the page's CDP session: it reaches the requests of
the page's dedicated workers (the engine's files arrive at the profile's rate; the page session's own
Network events do not list them, Playwright's request events do), but not those of the service worker,
a target of its own (its install after ready, and on a repeat visit what it fetches from the network):
`Network.emulateNetworkConditions` (and `…ByRule`) sent to the service worker's target are accepted and
change nothing (Chromium 156), so its install runs at full speed and fills the HTTP cache; the language
switch on slow 4G is therefore measured twice, with the service worker and with it blocked.

The worker judges the link by the snapshot's first bytes and drops it for a start from scratch when the
rest would take longer than the CPU it saves (worker-snapshot.js); the row on the snapshot's request says
where that happened (net::ERR_ABORTED); the bytes it had fetched are not in the byte rows (a failed
request has no encodedDataLength). The start with its progress is compared with the start without (the
page's sizes emptied, so the worker counts nothing).

Bytes are encoded (transfer) bytes: Playwright's `request.sizes()`, body + headers, which Chromium's
`Network.loadingFinished.encodedDataLength` gives (0 for a file from the HTTP cache; headers only for a 304).

    .venv/bin/python bench/network_timing.py [--runs 3] [--profiles none,40mbit,20mbit,4g,slow4g] [--site site]
"""

from __future__ import annotations

import argparse
import http.client
import http.server
import json
import re
import statistics
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NamedTuple
from urllib.parse import unquote, urlsplit

from playwright.sync_api import Browser, BrowserContext, CDPSession, Page, Request, sync_playwright

BENCH = Path(__file__).resolve().parent
if str(BENCH) not in sys.path:
    sys.path.insert(0, str(BENCH))

from browser_timing import BARE_WORKER, CHROMIUM, CHROMIUM_ARGS, FAILED, READY, SURVEY_PAGE  # noqa: E402
from site_server import serve  # noqa: E402

from okr1on1.site.serve import running  # noqa: E402
from okr1on1.site.wasm_split import DATA_IMAGE  # noqa: E402

SURVEY_EN = "/en" + SURVEY_PAGE
HOMES = ("/", "/en/")
PYODIDE_PATH = "/assets/pyodide/"
LOAD_TIMEOUT_MS = 180_000
SW_TIMEOUT_MS = 120_000


@dataclass(frozen=True)
class Profile:
    label: str
    down_mbit: float = 0  # 0: not throttled
    up_mbit: float = 0
    latency_ms: float = 0

    def conditions(self) -> dict[str, Any]:
        if not self.down_mbit:
            return {"offline": False, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}
        # CDP takes bytes per second.
        down, up = self.down_mbit * 1e6 / 8, self.up_mbit * 1e6 / 8
        return {"offline": False, "latency": self.latency_ms, "downloadThroughput": down, "uploadThroughput": up}


# Upload rates as DevTools' presets have them for the two 4G profiles; half the download for the others.
PROFILES = {
    "none": Profile("unthrottled"),
    "40mbit": Profile("40 Mbit/s, 20 ms", 40, 20, 20),
    "20mbit": Profile("20 Mbit/s, 40 ms", 20, 10, 40),
    "4g": Profile('9 Mbit/s, 85 ms ("4G")', 9, 1.5, 85),
    "slow4g": Profile('1.6 Mbit/s, 150 ms ("slow 4G")', 1.6, 0.75, 150),
}
SLOW = "slow4g"
SLOW_RUNS = 3  # at most, on slow 4G (each load there takes 30–60 s)

# Runs before any script of the page: when the engine became ready, and how the engine's worker started.
INIT_SCRIPT = r"""
(() => {
  const bench = (globalThis.__netbench = { readyAt: null, timeOrigin: performance.timeOrigin, from: null, workerMs: null });
  const PageWorker = globalThis.Worker;
  globalThis.Worker = class extends PageWorker {
    constructor(url, options) {
      super(url, options);
      this.addEventListener("message", ({ data }) => {
        if (data?.type === "ready" && bench.workerMs === null) {
          bench.workerMs = data.ms ?? null;
          bench.from = data.from ?? null; // the widget's worker: "snapshot" or "scratch"; the bare one: none
        }
      });
    }
  };
  new MutationObserver(() => {
    if (bench.readyAt === null && document.querySelector('[data-engine="ready"]')) bench.readyAt = performance.now();
  }).observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ["data-engine"] });
})();
"""

# The service worker active and its install done: install() puts the build's list in its cache last.
SW_INSTALLED_SCRIPT = r"""
async () => {
  const registration = await navigator.serviceWorker.ready;
  const manifest = new URL("okr1on1-offline.json", registration.scope).href;
  for (;;) {
    for (const name of await caches.keys()) {
      if (name.startsWith("okr1on1-") && (await (await caches.open(name)).match(manifest))) return registration.active.state;
    }
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
"""


class NetRow(NamedTuple):
    """A row of the bench table (bench/run.py's Row has the same fields)."""

    what: str
    figure: str
    target: str = ""
    met: bool | None = None


# ----------------------------------------------------------------------------------------------------
# The proxy: the bench server as it is, or without the snapshot.


class _ProxyServer(http.server.ThreadingHTTPServer):
    daemon_threads = True
    upstream: tuple[str, int]
    drop_snapshot: bool

    def handle_error(self, request: object, client_address: object) -> None:
        pass  # a closed context drops its connections


class _ProxyHandler(http.server.BaseHTTPRequestHandler):
    """Forwards GET and HEAD to the bench server, headers and body as they are (so its compression too);
    with `drop_snapshot`, a path holding ".snapshot" is answered 404 instead."""

    server: _ProxyServer
    HOP = frozenset(("connection", "keep-alive", "proxy-connection", "transfer-encoding", "te", "trailer", "upgrade"))

    def log_message(self, format: str, *args: object) -> None:
        pass

    def do_HEAD(self) -> None:
        self._forward(body=False)

    def do_GET(self) -> None:
        self._forward(body=True)

    def _forward(self, body: bool) -> None:
        if self.server.drop_snapshot and ".snapshot" in unquote(urlsplit(self.path).path):
            self.send_response(404)
            self.send_header("Content-Type", "text/plain; charset=utf-8")
            self.send_header("Content-Length", "9")
            self.end_headers()
            if body:
                self.wfile.write(b"not here\n")
            return
        host, port = self.server.upstream
        connection = http.client.HTTPConnection(host, port, timeout=60)
        try:
            headers = {name: value for name, value in self.headers.items() if name.lower() not in self.HOP and name.lower() != "host"}
            headers["Host"] = f"{host}:{port}"
            connection.request(self.command, self.path, headers=headers)
            response = connection.getresponse()
            self.send_response_only(response.status, response.reason)
            length = response.getheader("Content-Length")
            data = b""
            if length is None and body and response.status not in (204, 304):
                data = response.read()  # an answer without a length (none of the bench server's): sent with one
            for name, value in response.getheaders():
                if name.lower() not in self.HOP:
                    self.send_header(name, value)
            if length is None and data:
                self.send_header("Content-Length", str(len(data)))
            self.end_headers()
            if not body:
                return
            if data:
                self.wfile.write(data)
                return
            while chunk := response.read(64 * 1024):
                self.wfile.write(chunk)
        except (BrokenPipeError, ConnectionResetError, TimeoutError):
            pass
        finally:
            connection.close()


@contextmanager
def proxy(origin: str, drop_snapshot: bool) -> Iterator[str]:
    """A proxy in front of `origin` on a free port of 127.0.0.1; yields its origin."""
    parts = urlsplit(origin)
    server = _ProxyServer(("127.0.0.1", 0), _ProxyHandler)
    server.upstream = (parts.hostname or "127.0.0.1", parts.port or 80)
    server.drop_snapshot = drop_snapshot
    with running(server, "bench-network-proxy") as address:
        yield address


# ----------------------------------------------------------------------------------------------------
# Loads.


@dataclass
class Fetch:
    """One finished request: its URL, when it started (ms since the epoch), encoded bytes, where from."""

    url: str
    started: float
    ended: float  # when Playwright heard it had finished, ms since the epoch
    encoded: int  # encodedDataLength: body and headers as they came over the wire (0: from the HTTP cache)
    body: int  # of which the body (0 for a revalidation, a 304 that Chromium reports as the cached 200)
    status: int
    from_service_worker: bool  # answered by the service worker (its cache or its own fetch)
    by_service_worker: bool  # made by the service worker itself (its install, its network fetches)


@dataclass
class Load:
    ready_ms: float | None  # navigation start → ready (None: not ready, or failed)
    ready_epoch: float | None  # when, in ms since the epoch
    started_from: str | None
    navigated_epoch: float = 0.0


@dataclass
class Recorder:
    """Every finished request of a context (its pages, their workers, its service worker)."""

    requests: list[tuple[Request, float]] = field(default_factory=list)  # with when it finished, ms since the epoch
    failed: list[tuple[Request, float]] = field(default_factory=list)  # with when it failed

    def attach(self, context: BrowserContext) -> Recorder:
        context.on("requestfinished", lambda request: self.requests.append((request, time.time() * 1000)))
        context.on("requestfailed", lambda request: self.failed.append((request, time.time() * 1000)))
        return self

    def pyodide_failed(self, since: float) -> int:
        """Requests for Pyodide's folder started after `since` that failed (an abort: bytes unknown)."""
        return sum(1 for r, _ in self.failed if r.timing["startTime"] >= since and urlsplit(r.url).path.startswith(PYODIDE_PATH))

    def snapshot_fate(self, navigated: float) -> str:
        """What became of the page's request for the engine's snapshot (seconds since the navigation)."""
        for request, when in self.failed:
            if ".snapshot" in request.url:
                timing = request.timing
                answered = timing["responseStart"]
                answer = f"its headers in at {(timing['startTime'] + answered - navigated) / 1000:.0f} s" if answered >= 0 else "no headers"
                return f"failed at {(when - navigated) / 1000:.0f} s, {answer} ({request.failure})"
        for request, when in self.requests:
            if ".snapshot" in request.url:
                return f"done at {(when - navigated) / 1000:.1f} s"
        return "not asked for"

    def fetches(self) -> list[Fetch]:
        out = []
        for request, when in self.requests:
            if not request.url.startswith("http"):
                continue  # blob: and data: URLs
            sizes = request.sizes()
            response = request.response()
            out.append(Fetch(
                url=request.url,
                started=request.timing["startTime"],
                ended=when,
                encoded=max(0, sizes["responseBodySize"] + sizes["responseHeadersSize"]),
                body=max(0, sizes["responseBodySize"]),
                status=response.status if response else 0,
                from_service_worker=bool(response and response.from_service_worker),
                by_service_worker=getattr(request, "service_worker", None) is not None,
            ))
        return out


def _context(browser: Browser, origin: str, service_workers: bool = True) -> BrowserContext:
    context = browser.new_context(base_url=origin, locale="nl-NL", color_scheme="light", service_workers="allow" if service_workers else "block")
    context.set_default_timeout(LOAD_TIMEOUT_MS)
    context.add_init_script(INIT_SCRIPT)
    return context


def _throttle(page: Page, profile: Profile, session: CDPSession | None = None) -> CDPSession:
    session = session or page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", profile.conditions())
    return session


def _load(page: Page, path: str) -> Load:
    """Navigate `page` to `path`; wait until its engine is ready (or failed)."""
    navigated = time.time() * 1000
    page.goto(path, wait_until="commit", timeout=LOAD_TIMEOUT_MS)
    page.wait_for_selector(f"{READY}, {FAILED}", state="attached", timeout=LOAD_TIMEOUT_MS)
    if page.query_selector(FAILED):
        return Load(None, None, None, navigated)
    page.wait_for_function("() => globalThis.__netbench.readyAt !== null", timeout=LOAD_TIMEOUT_MS)
    data = page.evaluate("() => globalThis.__netbench")
    return Load(data["readyAt"], data["timeOrigin"] + data["readyAt"], data["from"], navigated)


def _cold(browser: Browser, origin: str, path: str, profile: Profile) -> tuple[Load, list[Fetch], str]:
    context = _context(browser, origin)
    recorder = Recorder().attach(context)
    try:
        page = context.new_page()
        _throttle(page, profile)
        load = _load(page, path)
        return load, recorder.fetches(), recorder.snapshot_fate(load.navigated_epoch)
    finally:
        context.close()


_SIZES = re.compile(r'data-sizes="[^"]*"')


def _progress_rows(browser: Browser, origin: str, runs: int, row: Any) -> list[Any]:
    """The start with its progress (the worker counts each file's bytes against the sizes the page gives)
    and without (the page's sizes emptied: the worker counts nothing and reports no progress), both with
    the page taken through the same route, interleaved."""
    rows = []
    for name in ("none", "4g"):
        profile = PROFILES[name]
        times: dict[bool, list[float]] = {True: [], False: []}
        for _ in range(runs):
            for progress in (True, False):
                context = _context(browser, origin)
                try:
                    page = context.new_page()

                    def page_only(route: Any, progress: bool = progress) -> None:
                        response = route.fetch()
                        body = response.text() if progress else _SIZES.sub('data-sizes="{}"', response.text())
                        route.fulfill(response=response, body=body)

                    page.route(f"**{SURVEY_PAGE}", page_only)
                    _throttle(page, profile)
                    load = _load(page, SURVEY_PAGE)
                    if load.ready_ms is not None:
                        times[progress].append(load.ready_ms)
                finally:
                    context.close()
        slower = bool(times[True] and times[False]) and statistics.median(times[True]) > 1.05 * statistics.median(times[False])
        rows.append(row(
            f"{profile.label}: survey page ready with the start's progress / without (the page's sizes emptied), median (min–max) of {runs}",
            f"{_spread(times[True])} / {_spread(times[False])}", "not slower (within 5 %)", not slower,
        ))
    return rows


def _wait_service_worker(page: Page) -> str:
    return str(page.evaluate(f"() => Promise.race([({SW_INSTALLED_SCRIPT})(), new Promise((r) => setTimeout(() => r('timeout'), {SW_TIMEOUT_MS}))])"))


def _pyodide_from_network(fetches: list[Fetch], since: float) -> tuple[int, int, int]:
    """Requests for Pyodide's folder after `since` that went to the network (not answered by the service
    worker, not from the HTTP cache): encoded bytes, of which body bytes, and how many requests."""
    hits = [
        f for f in fetches
        if f.started >= since and urlsplit(f.url).path.startswith(PYODIDE_PATH) and not f.from_service_worker and f.encoded > 0
    ]
    return sum(f.encoded for f in hits), sum(f.body for f in hits), len(hits)


# ----------------------------------------------------------------------------------------------------
# Bytes by kind of file.

KINDS = ("WebAssembly", "snapshot", "standard library zip", "Pyodide JS", "wheel, lockfile, manifest", "HTML", "CSS", "JS", "fonts", "rest")


def kind(url: str) -> str:
    path = unquote(urlsplit(url).path)
    name = path.rsplit("/", 1)[-1]
    if name.endswith(".wasm") or name == DATA_IMAGE:  # its code, and the data a start from scratch adds
        return "WebAssembly"
    if ".snapshot" in name:
        return "snapshot"
    if name.startswith("python_stdlib") and name.endswith(".zip"):
        return "standard library zip"
    if name.startswith("pyodide") and name.endswith(".mjs"):
        return "Pyodide JS"
    if name.endswith(".whl") or name in ("pyodide-lock.json", "okr1on1-engine.json"):
        return "wheel, lockfile, manifest"
    if path.endswith("/") or name.endswith(".html"):
        return "HTML"
    if name.endswith(".css"):
        return "CSS"
    if name.endswith((".js", ".mjs")):
        return "JS"
    if name.endswith((".woff2", ".woff", ".ttf", ".otf")):
        return "fonts"
    return "rest"


def by_kind(fetches: list[Fetch]) -> dict[str, int]:
    sums = dict.fromkeys(KINDS, 0)
    for f in fetches:
        sums[kind(f.url)] += f.encoded
    return sums


# ----------------------------------------------------------------------------------------------------
# Formatting.


def _s(ms: float) -> str:
    return f"{ms / 1000:.2f} s"


def _spread(values: list[float]) -> str:
    if not values:
        return "—"
    return f"{_s(statistics.median(values))} ({_s(min(values))}–{_s(max(values))})" if len(values) > 1 else _s(values[0])


def _kb(size: int) -> str:
    return f"{size / 1000:,.0f} kB" if size < 1_000_000 else f"{size / 1_000_000:.2f} MB"


def _ratio(top: list[float], bottom: list[float]) -> str:
    if not top or not bottom:
        return "—"
    paired = [t / b for t, b in zip(top, bottom, strict=False)]
    spread = f" (runs {min(paired):.2f}–{max(paired):.2f})" if len(paired) > 1 else ""
    return f"{statistics.median(top) / statistics.median(bottom):.2f}{spread}"


# ----------------------------------------------------------------------------------------------------
# The benchmark.


def network_benchmarks(
    origin: str, site_dir: Path, runs: int = 3, log: Callable[[str], Any] = print, row: Any = NetRow,
    profiles: list[str] | None = None, slow_runs: int = SLOW_RUNS,
) -> list[Any]:
    """The rows of the bench table (`row` makes one: what, figure, target, met)."""
    names = profiles or list(PROFILES)
    rows: list[Any] = [row("**Under network profiles** (bench/network_timing.py: CDP throttling, cold context each load)", "", "", None)]
    first_visit: dict[str, list[Fetch]] = {}
    with proxy(origin, drop_snapshot=False) as built, proxy(origin, drop_snapshot=True) as dropped, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        try:
            pages = {"a": (built, SURVEY_PAGE), "b": (dropped, SURVEY_PAGE), "c": (built, BARE_WORKER)}
            for name in names:
                profile = PROFILES[name]
                n = min(runs, slow_runs) if name == SLOW else runs
                times: dict[str, list[float]] = {key: [] for key in pages}
                started: dict[str, list[str]] = {key: [] for key in pages}
                fates: list[str] = []
                for run in range(n):
                    for key, (where, path) in pages.items():
                        load, fetches, fate = _cold(browser, where, path, profile)
                        if key == "a":
                            fates.append(fate)
                        if load.ready_ms is None:
                            started[key].append("failed")
                        else:
                            times[key].append(load.ready_ms)
                            started[key].append(load.started_from or "—")
                        if key == "a" and name not in first_visit and load.ready_epoch is not None:
                            first_visit[name] = [f for f in fetches if not f.by_service_worker]
                            first_visit[name + "@ready"] = [f for f in first_visit[name] if f.started <= load.ready_epoch]
                    log(f"  {name} run {run + 1}/{n}: " + ", ".join(
                        f"{key} {times[key][-1]:.0f} ms ({started[key][-1]})" if started[key][-1] != "failed" else f"{key} failed" for key in pages
                    ))
                fewer = f" (only {n} on slow 4G)" if n < runs else ""
                rows += [
                    row(f"{profile.label}: (a) survey page as built, navigation → widget ready, median (min–max) of {n}{fewer}", _spread(times["a"])),
                    row(f"{profile.label}: (b) the same without the snapshot (the site's start from scratch)", _spread(times["b"])),
                    row(f"{profile.label}: (c) bare `loadPyodide()` in a module worker (the floor)", _spread(times["c"])),
                    row(f"{profile.label}: ratio a / c (widget / floor), median of each", _ratio(times["a"], times["c"]), "≤ 0.5",
                        bool(times["a"] and times["c"]) and statistics.median(times["a"]) <= 0.5 * statistics.median(times["c"])),
                    row(f"{profile.label}: ratio a / b (as built / the site's own start from scratch)", _ratio(times["a"], times["b"]),
                        "≤ 1.0 (never slower)", bool(times["a"] and times["b"]) and statistics.median(times["a"]) <= statistics.median(times["b"])),
                    row(f"{profile.label}: how the widget started, (a) / (b)", f"{_started(started['a'])} / {_started(started['b'])}"),
                    row(f"{profile.label}: (a) the snapshot's request on the network, per load (seconds from the navigation)", "; ".join(fates)),
                ]
            for name in (n for n in ("none", SLOW) if n in first_visit):
                rows += _byte_rows(PROFILES[name], first_visit[name], first_visit[name + "@ready"], row)
            for name in (n for n in ("none", SLOW) if n in names):
                log(f"  repeat visit and language switch, {name} …")
                rows += _repeat_visit(browser, origin, PROFILES[name], row)
                rows += _language_switch(browser, origin, PROFILES[name], row)
                if name == SLOW:  # its service worker's install is not throttled (see above): also without one
                    rows += _language_switch(browser, origin, PROFILES[name], row, service_workers=False)
            log("  the start with and without its progress …")
            rows += _progress_rows(browser, origin, max(runs, 3), row)
            log("  offline …")
            rows += _offline(browser, origin, row)
            log("  worker heap …")
            rows += _memory(browser, built, dropped, row)
        finally:
            browser.close()
    return rows


def _bytes(size: int) -> str:
    return _kb(size) if size >= 1000 else f"{size} B"


def _again(size: int, body: int, count: int, aborted: int) -> str:
    cut = f"; {aborted} aborted (their bytes unknown: a failed request has no size)" if aborted else ""
    if not count:
        return f"Pyodide again 0 B{cut}"
    return f"Pyodide again {_bytes(size)} in {count} requests (bodies {_bytes(body)}, the rest headers of revalidations){cut}"


def _started(values: list[str]) -> str:
    counts = {value: values.count(value) for value in dict.fromkeys(values)}
    return ", ".join(f"{value} {count}" for value, count in counts.items()) or "—"


def _byte_rows(profile: Profile, everything: list[Fetch], critical: list[Fetch], row: Any) -> list[Any]:
    ready, total = by_kind(critical), by_kind(everything)
    engine = KINDS[:5]
    parts = "; ".join(f"{name} {_kb(ready[name])}" for name in KINDS if ready[name])
    later = sum(total.values()) - sum(ready.values())
    after = f"; requests started after ready {_kb(later)} (not counted)" if later else ""
    engine_files = [f for f in critical if urlsplit(f.url).path.startswith(PYODIDE_PATH) and f.body > 0]
    span = max(f.ended for f in engine_files) - min(f.started for f in engine_files) if engine_files else 0
    rate = sum(f.encoded for f in engine_files) * 8 / span / 1000 if span > 0 else 0
    return [
        row(f"{profile.label}: throttling check: Pyodide's folder arrived at (bytes / first request → last byte); profile {profile.down_mbit or '∞'}",
            f"{rate:.1f} Mbit/s"),
        row(f"{profile.label}: first visit, critical path (requests started before ready), transferred: all / Pyodide and engine / page",
            f"{_kb(sum(ready.values()))} / {_kb(sum(ready[k] for k in engine))} / {_kb(sum(ready[k] for k in KINDS[5:]))}",
            *(("≤ 4 MB", sum(ready.values()) <= 4_000_000) if profile.down_mbit and profile.down_mbit < 10 else ("", None))),
        row(f"{profile.label}: … by kind (critical path)", parts + after),
    ]


def _repeat_visit(browser: Browser, origin: str, profile: Profile, row: Any) -> list[Any]:
    context = _context(browser, origin)
    recorder = Recorder().attach(context)
    try:
        page = context.new_page()
        session = _throttle(page, PROFILES["none"])
        _load(page, SURVEY_PAGE)
        state = _wait_service_worker(page)
        _throttle(page, profile, session)
        second = _load(page, SURVEY_PAGE)
        page.wait_for_timeout(300)
        again, body, count = _pyodide_from_network(recorder.fetches(), second.navigated_epoch)
        aborted = recorder.pyodide_failed(second.navigated_epoch)
    finally:
        context.close()
    figure = "not ready" if second.ready_ms is None else f"{_s(second.ready_ms)} ({second.started_from}); {_again(again, body, count, aborted)}"
    limit = 1000 if profile.down_mbit else 500
    quick = second.ready_ms is not None and second.ready_ms <= limit
    return [row(
        f"{profile.label}: repeat visit (first visit unthrottled, service worker {state}; then the page again): ready; "
        "Pyodide bytes from the network",
        figure, f"≤ {_s(limit)}, 0 B of bodies, none aborted", quick and body == 0 and not aborted,
    )]


def _language_switch(browser: Browser, origin: str, profile: Profile, row: Any, service_workers: bool = True) -> list[Any]:
    context = _context(browser, origin, service_workers=service_workers)
    recorder = Recorder().attach(context)
    try:
        page = context.new_page()
        _throttle(page, profile)
        _load(page, SURVEY_PAGE)
        english = _load(page, SURVEY_EN)
        page.wait_for_timeout(300)
        fetches = recorder.fetches()
        again, body, count = _pyodide_from_network([f for f in fetches if not f.by_service_worker], english.navigated_epoch)
        installing, _, _ = _pyodide_from_network([f for f in fetches if f.by_service_worker], english.navigated_epoch)
        aborted = recorder.pyodide_failed(english.navigated_epoch)
    finally:
        context.close()
    figure = "not ready" if english.ready_ms is None else f"{_s(english.ready_ms)} ({english.started_from}); {_again(again, body, count, aborted)}"
    if installing:
        figure += f"; meanwhile the service worker's install fetched {_kb(installing)} of Pyodide's folder"
    return [row(
        f"{profile.label}: Dutch survey page ready, then `{SURVEY_EN}` in the same context"
        + ("" if service_workers else " (service worker blocked: the HTTP cache alone)")
        + ": ready; Pyodide bytes from the network (304s: headers)",
        figure, "0 B of bodies, none aborted", body == 0 and not aborted,
    )]


def _offline(browser: Browser, origin: str, row: Any) -> list[Any]:
    context = _context(browser, origin)
    try:
        page = context.new_page()
        _load(page, SURVEY_PAGE)
        state = _wait_service_worker(page)
        context.set_offline(True)
        results = []
        for path in (SURVEY_PAGE, SURVEY_EN, *HOMES):
            rendered, ready = False, None
            try:
                response = page.goto(path, timeout=30_000)
                rendered = bool(response and response.ok and page.query_selector(".md-content"))
                if path in (SURVEY_PAGE, SURVEY_EN):
                    page.wait_for_selector(f"{READY}, {FAILED}", state="attached", timeout=60_000)
                    ready = page.query_selector(READY) is not None
            except Exception:  # a page that cannot be had offline: a "no"
                ready = False if path in (SURVEY_PAGE, SURVEY_EN) else None
            yes = "yes" if rendered else "no"
            widget = "" if ready is None else f", widget {'ready' if ready else 'not ready'}"
            results.append((path, f"`{path}` {yes}{widget}", rendered and ready is not False))
    finally:
        context.close()
    return [row(
        f"Offline, after one visit (service worker {state}): pages rendered, widgets ready",
        "; ".join(text for _, text, _ in results), "all yes", all(ok for _, _, ok in results),
    )]


def _memory(browser: Browser, built: str, dropped: str, row: Any) -> list[Any]:
    figures = []
    for label, where, path in (("as built", built, SURVEY_PAGE), ("from scratch", dropped, SURVEY_PAGE), ("bare loadPyodide()", built, BARE_WORKER)):
        context = _context(browser, where)
        try:
            page = context.new_page()
            load = _load(page, path)
            heap = _worker_heap(browser, "bare-worker.js" if path == BARE_WORKER else "blob:")
            figures.append(f"{label} {heap}" + (f" ({load.started_from})" if load.started_from else ""))
        finally:
            context.close()
    what = ("Engine worker's memory at ready, after a GC (Runtime.getHeapUsage: JS heap used, and ArrayBuffers, Pyodide's "
            "WebAssembly memory among them)")
    return [row(what, "; ".join(figures))]


def _worker_heap(browser: Browser, url_part: str) -> str:
    """Used / total JS heap of the dedicated worker whose URL holds `url_part`, through a browser CDP
    session attached to it (not flattened: Playwright's CDPSession cannot address a child session)."""
    session = browser.new_browser_cdp_session()
    try:
        targets = session.send("Target.getTargets")["targetInfos"]
        worker = next((t for t in targets if t["type"] == "worker" and url_part in t["url"]), None)
        if worker is None:
            return "no worker"
        answers: dict[int, Any] = {}

        def heard(event: dict[str, Any]) -> None:
            message = json.loads(event["message"])
            if "id" in message:
                answers[message["id"]] = message

        session.on("Target.receivedMessageFromTarget", heard)
        child = session.send("Target.attachToTarget", {"targetId": worker["targetId"], "flatten": False})["sessionId"]

        def call(number: int, method: str) -> Any:
            session.send("Target.sendMessageToTarget", {"sessionId": child, "message": json.dumps({"id": number, "method": method})})
            deadline = time.time() + 30
            while number not in answers and time.time() < deadline:
                session.send("Target.getTargets")  # lets the event loop deliver the answer
                time.sleep(0.05)
            return answers.get(number, {}).get("result")

        call(1, "HeapProfiler.collectGarbage")
        usage = call(2, "Runtime.getHeapUsage")
        session.send("Target.detachFromTarget", {"sessionId": child})
        if not usage:
            return "no answer"
        # backingStorageSize: the ArrayBuffers' memory (Pyodide's WebAssembly memory, a snapshot kept, …).
        return f"heap {usage['usedSize'] / 1e6:.1f} MB + buffers {usage.get('backingStorageSize', 0) / 1e6:.1f} MB"
    finally:
        session.detach()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--runs", type=int, default=3, help="cold loads of each page per profile (default 3)")
    parser.add_argument("--slow-runs", type=int, default=SLOW_RUNS, help=f"at most this many on slow 4G (default {SLOW_RUNS})")
    parser.add_argument("--profiles", default=",".join(PROFILES), help=f"comma-separated, of {', '.join(PROFILES)} (default all)")
    parser.add_argument("--site", type=Path, default=BENCH.parent / "site", help="the built site (default site/)")
    args = parser.parse_args(argv)
    names = [name.strip() for name in args.profiles.split(",") if name.strip()]
    unknown = [name for name in names if name not in PROFILES]
    if unknown:
        parser.error(f"unknown profile(s): {', '.join(unknown)}")

    def log(message: str) -> None:
        print(message, file=sys.stderr, flush=True)

    started = time.perf_counter()
    with serve(args.site) as origin:
        rows = network_benchmarks(origin, args.site, runs=args.runs, log=log, profiles=names, slow_runs=args.slow_runs)
    lines = ["| Measure | Figure | Target |", "|---|---|---|"]
    for r in rows:
        verdict = "" if r.met is None else (" — met" if r.met else " — **missed**")
        cells = [r.what, r.figure, (r.target + verdict) if r.target else "—"]
        lines.append("| " + " | ".join(cell.replace("|", "\\|") for cell in cells) + " |")
    print("\n".join(lines))
    log(f"took {(time.perf_counter() - started) / 60:.1f} min")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
