"""The site deployed as a host serves it: built for a sub-path and served by a plain static server
(Python's http.server over the parent folder), every page of both editions works; a language switch
downloads no Pyodide file again; under `okr1on1 serve` no page can be framed."""

from __future__ import annotations

import http.server
import threading
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar
from urllib.parse import urljoin, urlsplit

import pytest
from a11y_helpers import site_pages
from playwright.sync_api import Browser, BrowserContext, ConsoleMessage, Page, Playwright, Request, Response, Route
from test_editions import switch_language
from test_engine_start import Downloads  # Pyodide's bytes over the network, by file
from test_survey_widget import ENGINE_START  # records how the engine started ("snapshot" or "scratch")
from widget_helpers import ENGINE_TIMEOUT

from conftest import CHROMIUM, CHROMIUM_ARGS
from okr1on1.site.build_site import Publishing, build_site
from okr1on1.site.serve import serving_in_background
from okr1on1.site.wasm_split import CODE_WASM

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
BASE = "/okr1on1/"
SURVEY = "templates/personal-development/"
MISSING = "deep/missing/page/"


class _RecordingStaticHandler(http.server.SimpleHTTPRequestHandler):
    """A plain static server, as any host is (no headers of ours, no 404 page), that notes each answer."""

    answers: ClassVar[list[tuple[str, int]]] = []
    lock: ClassVar[threading.Lock] = threading.Lock()

    def log_request(self, code: int | str = "-", size: int | str = "-") -> None:
        with self.lock:
            self.answers.append((self.path, int(code)))

    def log_message(self, format: str, *args: object) -> None:
        pass


@dataclass
class Deployed:
    origin: str
    site: Path
    answers: list[tuple[str, int]] = field(default_factory=list)

    def url(self, path: str) -> str:
        return f"{self.origin}{BASE}{path.lstrip('/')}"


@pytest.fixture(scope="module")
def deployed(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Deployed]:
    www = tmp_path_factory.mktemp("www")
    with serving_in_background(www, _RecordingStaticHandler, http.server.ThreadingHTTPServer, "static-host") as origin:
        # Built for the address it is served at, as a deploy to https://example.org/okr1on1/ is.
        site = build_site(ROOT, www / BASE.strip("/"), Publishing(site_url=f"{origin}{BASE}"))
        yield Deployed(origin, site, _RecordingStaticHandler.answers)


@dataclass
class Watched:
    page: Page
    problems: list[str] = field(default_factory=list)


def _watch(context: BrowserContext, origin: str) -> Watched:
    page = context.new_page()
    watched = Watched(page)

    def on_response(response: Response) -> None:
        if response.status >= 400 and not response.url.endswith(MISSING):
            watched.problems.append(f"{response.status} {response.url}")

    page.on("response", on_response)
    # A request the next navigation cancels (the search index, say) is aborted, not failed.
    def on_failed(request: Request) -> None:
        if request.failure != "net::ERR_ABORTED":
            watched.problems.append(f"failed {request.url} {request.failure}")

    page.on("requestfailed", on_failed)
    def on_console(message: ConsoleMessage) -> None:
        # The missing page's own 404 status is the one error expected.
        if message.type == "error" and not message.location.get("url", "").endswith(MISSING):
            watched.problems.append(f"console: {message.text} ({message.location.get('url')})")

    page.on("console", on_console)
    page.on("pageerror", lambda error: watched.problems.append(f"pageerror: {error}"))
    def on_request(request: Request) -> None:
        if urlsplit(request.url).scheme in ("http", "https") and not request.url.startswith(origin):
            watched.problems.append(f"elsewhere: {request.url}")

    context.on("request", on_request)
    return watched


def _styled(page: Page) -> bool:
    """The theme's stylesheet applies: its header is sticky and coloured."""
    return page.evaluate(
        """() => { const header = document.querySelector('.md-header'); if (!header) return false;
        const style = getComputedStyle(header);
        return style.position === 'sticky' && style.backgroundColor !== 'rgba(0, 0, 0, 0)'; }"""
    )


def _answer_404(body: bytes) -> Callable[[Route], None]:
    return lambda route: route.fulfill(status=404, body=body, content_type="text/html")


def _score(page: Page) -> None:
    for fieldset in page.locator("fieldset.okr-statement").all():
        fieldset.locator("label.okr-scale__option").first.click()
    page.locator(".okr-survey__score").click()
    page.wait_for_selector(".okr-results__title", timeout=ENGINE_TIMEOUT)


def test_a_sub_path_deploy_on_a_plain_static_server_works_on_every_page(browser: Browser, deployed: Deployed) -> None:
    # Without the service worker: the host's answer for a missing path is played by page.route (below),
    # which does not see the requests a service worker makes. The next test covers it under the sub-path.
    context = browser.new_context(locale="nl-NL", service_workers="block")
    context.set_default_timeout(20_000)
    watched = _watch(context, deployed.origin)
    page = watched.page
    pages = site_pages(deployed.site)
    assert any(p.path.startswith("/en/") for p in pages)
    downloads: set[str] = set()
    scored = 0
    for site_page in pages:
        page.goto(deployed.url(site_page.path))
        assert _styled(page), site_page.path
        if site_page.has_widget:
            page.wait_for_function(
                "() => [...document.querySelectorAll('[data-engine]')].every((w) => w.dataset.engine === 'ready')", timeout=ENGINE_TIMEOUT
            )
        if page.locator(".okr-survey").count():
            _score(page)
            scored += 1
        for href in page.locator("a[href*='downloads/']").evaluate_all("links => links.map((a) => a.href)"):
            downloads.add(href)
    assert scored >= 4 and len(downloads) >= 40
    for url in sorted(downloads):
        assert url.startswith(deployed.url("")), url
        response = context.request.get(url)
        assert response.status == 200 and len(response.body()) > 100, url

    # A host answers a missing path at any depth with the 404 page (GitHub Pages serves 404.html so).
    for edition in ("", "en/"):
        not_found = (deployed.site / edition / "404.html").read_bytes()
        missing = deployed.url(f"{edition}{MISSING}")
        page.route(missing, _answer_404(not_found))
        page.goto(missing)
        assert _styled(page), missing
        page.wait_for_load_state("networkidle")
        page.unroute(missing)
    context.close()
    assert not watched.problems, "\n".join(watched.problems)


def test_a_sub_path_deploy_is_kept_for_offline_use_under_its_path(browser: Browser, deployed: Deployed) -> None:
    """One service worker for both editions, at the sub-path's root: after one visit to the English home,
    a Dutch survey page opens and scores with the network cut."""
    context = browser.new_context(locale="nl-NL")
    watched = _watch(context, deployed.origin)
    page = watched.page
    page.goto(deployed.url("en/"))
    scope = page.evaluate("navigator.serviceWorker.ready.then((registration) => registration.scope)")
    assert scope == deployed.url("")
    context.set_offline(True)
    page.goto(deployed.url("templates/personal-development/"))
    assert _styled(page)
    _score(page)
    context.close()
    # Only the failed attempts of the service worker to reach the network, which it then answered itself.
    assert not [problem for problem in watched.problems if "ERR_INTERNET_DISCONNECTED" not in problem], watched.problems


def test_switching_language_downloads_no_pyodide_file_again(playwright_session: Playwright, deployed: Deployed, tmp_path: Path) -> None:
    # A browser profile on disk, as a reader's is: an in-memory (incognito) cache keeps no 9 MB file.
    profile = tmp_path / "profile"
    context = playwright_session.chromium.launch_persistent_context(profile, executable_path=CHROMIUM, args=CHROMIUM_ARGS, locale="nl-NL")
    context.add_init_script(ENGINE_START)
    watched = _watch(context, deployed.origin)
    page = watched.page
    # Bodies of Pyodide's files the page and its engine got over the network (not from the browser's cache;
    # the service worker keeping the site for offline use in the background is not the page's download).
    downloads = Downloads(page)
    page.goto(deployed.url(SURVEY))
    page.wait_for_selector('[data-engine="ready"]', timeout=ENGINE_TIMEOUT)
    assert CODE_WASM in downloads.files
    downloads.files.clear()
    deployed.answers.clear()

    switch_language(page, "en")
    page.wait_for_url(f"**{BASE}en/{SURVEY}")
    page.wait_for_selector('[data-engine="ready"]', timeout=ENGINE_TIMEOUT)
    again = [(path, code) for path, code in deployed.answers if "/pyodide/" in path.split("?")[0]]
    assert downloads.files == {}, f"downloaded again after the language switch: {downloads.files} (the server answered {again})"
    assert page.evaluate("globalThis.__okrEngineFrom") == "snapshot"  # the copy the browser has: the quick start
    context.close()
    assert not watched.problems, "\n".join(watched.problems)


def test_under_okr1on1_serve_no_page_can_be_framed(browser: Browser, site_url: str, built_site: Path, tmp_path: Path) -> None:
    # Another origin's page frames the site: once as `okr1on1 serve` sends it (refused), once as a
    # host without headers sends it (the frame loads; proof that the test can tell).
    with serving_in_background(built_site, _RecordingStaticHandler, http.server.ThreadingHTTPServer, "no-headers") as bare:
        (tmp_path / "index.html").write_text(
            f'<!doctype html><title>framer</title><iframe id="served" src="{site_url}/about/"></iframe>'
            f'<iframe id="bare" src="{bare}/about/"></iframe>',
            encoding="utf-8",
        )
        with serving_in_background(tmp_path, _RecordingStaticHandler, http.server.ThreadingHTTPServer, "framer") as framer:
            context = browser.new_context()
            page = context.new_page()
            refused: list[str] = []
            page.on("console", lambda message: "frame" in message.text.lower() and refused.append(message.text))
            page.goto(framer)
            page.wait_for_load_state("networkidle")
            frames = {urljoin(frame.url, "/"): frame for frame in page.frames if frame != page.main_frame}
            bare_frame = next(frame for frame in page.frames if frame.url.startswith(bare))
            assert bare_frame.locator("h1").count() == 1  # the unprotected copy shows its page
            served = [frame for frame in page.frames if frame.url.startswith(site_url)]
            assert not any(frame.locator(".md-header").count() for frame in served), frames
            assert any("frame-ancestors" in text for text in refused), refused
            context.close()
