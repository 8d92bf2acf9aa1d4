"""Issue 15, point 3: the start is chosen by what is cheapest for this reader. On a fast link (or with the
snapshot in the browser's cache) the engine restores the build's snapshot; on a slow one it starts from
scratch with the trimmed standard library and never downloads the 4 MB snapshot on the way to "ready".
The service worker keeps the snapshot once the engine is up, so the next visit restores it without
downloading any of Pyodide again."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, CDPSession, Page, Request
from test_survey_widget import ENGINE_START  # records how the engine started ("snapshot" or "scratch")
from widget_helpers import FIRST, PERSONAL, BrowserLog, answer_all, score_and_wait, wait_for_engine

from conftest import check_log, recorded_page
from okr1on1.site.wasm_split import CODE_WASM, DATA_IMAGE

pytestmark = pytest.mark.browser

SLOW_LINK = {"offline": False, "latency": 85, "downloadThroughput": 3_000_000 // 8, "uploadThroughput": 1_000_000 // 8}  # 3 Mbit/s


@pytest.fixture
def offline_page(browser: Browser, site_url: str, browser_log: BrowserLog) -> Iterator[Page]:
    """A page whose context lets the site's service worker run (test_offline.py)."""
    page = recorded_page(browser, site_url, browser_log, service_workers="allow")
    try:
        yield page
    finally:
        page.context.close()
    check_log(browser_log)


def throttle(page: Page, conditions: dict[str, object]) -> CDPSession:
    session = page.context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", conditions)  # reaches the page's worker too
    return session


class Downloads:
    """Bytes of Pyodide's files that came over the network (not from a cache or the service worker)."""

    def __init__(self, page: Page) -> None:
        self.files: dict[str, int] = {}
        page.on("requestfinished", self.count)

    def count(self, request: Request) -> None:
        if "/assets/pyodide/" not in request.url:
            return
        response = request.response()
        if response is None or response.from_service_worker or request.method != "GET":
            return
        size = request.sizes()["responseBodySize"]  # below 0 for a 304: headers only, the body from the cache
        if size > 0:
            name = request.url.split("?")[0].rsplit("/", 1)[-1]
            self.files[name] = self.files.get(name, 0) + size


def test_on_a_slow_link_the_engine_starts_from_scratch_and_restores_the_snapshot_next_time(offline_page: Page) -> None:
    page = offline_page
    page.context.add_init_script(ENGINE_START)
    downloads = Downloads(page)
    throttle(page, SLOW_LINK)
    page.goto(PERSONAL)
    wait_for_engine(page)
    assert page.evaluate("globalThis.__okrEngineFrom") == "scratch"
    got = dict(downloads.files)
    # On the way to "ready": the WebAssembly's code and data and the trimmed library, not the snapshot's 4 MB,
    # nor the whole library or WebAssembly.
    assert {CODE_WASM, DATA_IMAGE, "python_stdlib-engine.zip"} <= set(got) and not {"python_stdlib.zip", "pyodide.asm.wasm"} & set(got)
    snapshot = [name for name in got if name.endswith(".snapshot")]
    assert all(got[name] < 1_000_000 for name in snapshot), got  # given up on after its first bytes
    answer_all(page, FIRST)
    score_and_wait(page)

    # Once the engine is up, the service worker keeps the site for offline use, the snapshot with it.
    page.evaluate("navigator.serviceWorker.ready")
    page.wait_for_function(
        "async () => (await caches.keys()).length > 0 && (await Promise.all((await caches.keys()).map(async (name) =>"
        " (await (await caches.open(name)).keys()).some((request) => request.url.endsWith('.snapshot'))))).some(Boolean)",
        timeout=120_000,
        polling=500,
    )
    downloads.files.clear()
    page.reload()
    wait_for_engine(page)
    assert page.evaluate("globalThis.__okrEngineFrom") == "snapshot"  # from the kept copy: whole at once
    assert downloads.files == {}, downloads.files  # nothing of Pyodide over the network again


def test_on_a_fast_link_the_engine_restores_the_snapshot(page: Page) -> None:
    page.context.add_init_script(ENGINE_START)
    downloads = Downloads(page)
    page.goto(PERSONAL)
    wait_for_engine(page)
    assert page.evaluate("globalThis.__okrEngineFrom") == "snapshot"
    # The snapshot came brotli-compressed, and the library beside it is the few files it lacks.
    snapshot = next(size for name, size in downloads.files.items() if name.endswith(".snapshot"))
    assert 2_000_000 < snapshot < 5_000_000
    assert "python_stdlib-late.zip" in downloads.files and "python_stdlib-engine.zip" not in downloads.files
    # The WebAssembly's code, not its data: the snapshot holds the memory the data would have filled.
    assert CODE_WASM in downloads.files and DATA_IMAGE not in downloads.files and "pyodide.asm.wasm" not in downloads.files


# Keeps start.js's "go" from the worker until the test lets it through (globalThis.__okrLetGo()).
HOLD_GO = """(() => {
  const PageWorker = globalThis.Worker;
  const held = []; // [post, message] of every worker (the theme's search has one too)
  globalThis.__okrLetGo = () => held.splice(0).forEach(([post, message]) => post(message));
  globalThis.Worker = class extends PageWorker {
    constructor(url, options) {
      super(url, options);
      const post = this.postMessage.bind(this);
      this.postMessage = (message, ...rest) => {
        if (message?.type !== "go") return post(message, ...rest);
        globalThis.__okrFirstGo ??= performance.now();
        held.push([post, message]);
      };
    }
  };
})();"""


def test_the_engine_downloads_at_once_and_waits_for_the_drawn_page_before_it_starts(page: Page) -> None:
    """Compiling Pyodide and starting Python take every core a phone has: the worker fetches its files from
    the top of <head> on, but starts only once the page is drawn and idle (start.js's "go")."""
    page.context.add_init_script(HOLD_GO)
    downloads = Downloads(page)
    page.goto(PERSONAL)
    page.wait_for_load_state("load")
    for _ in range(100):  # every file of the restore is in (a fast link), the worker still waits
        if CODE_WASM in downloads.files and any(name.endswith(".snapshot") for name in downloads.files):
            break
        page.wait_for_timeout(100)
    assert CODE_WASM in downloads.files and any(name.endswith(".snapshot") for name in downloads.files), downloads.files
    page.wait_for_timeout(3000)  # a restore is ready well within this once its files are in
    assert page.locator("[data-engine]").first.get_attribute("data-engine") == "loading"
    # The page said "go" once it was idle, not at the latest (start.js's IDLE_MS, 2 s after DOMContentLoaded).
    after_dcl = page.evaluate("globalThis.__okrFirstGo - performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd")
    assert 0 <= after_dcl < 1500, after_dcl
    page.evaluate("globalThis.__okrLetGo()")
    wait_for_engine(page)
    answer_all(page, FIRST)
    score_and_wait(page)
