"""Browser fixtures: the built site on a local server, one Chromium per session, and a `page` in a
fresh context that fails the test on any request to another origin, console error, page error or
Content-Security-Policy violation."""

from __future__ import annotations

import http.server
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser, ConsoleMessage, Page, Playwright, sync_playwright
from widget_helpers import BrowserLog

from okr1on1.site.serve import _SiteRequestHandler, serving_in_background

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync"]

# Reports CSP violations of the document to the test (Chromium also logs them as console errors).
CSP_LISTENER = """
document.addEventListener("securitypolicyviolation", (event) => {
  window.__okrCspViolation?.(`${event.violatedDirective} blocked ${event.blockedURI || "inline"} (${event.sourceFile}:${event.lineNumber})`);
});
"""


class _QuietHandler(_SiteRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="session")
def site_url(built_site: Path) -> Iterator[str]:
    """The built site (both editions) on a threaded server at 127.0.0.1 on a free port."""
    with serving_in_background(built_site, _QuietHandler, http.server.ThreadingHTTPServer, "site-server") as origin:
        yield origin


@pytest.fixture(scope="session")
def playwright_session() -> Iterator[Playwright]:
    with sync_playwright() as playwright:
        yield playwright


@pytest.fixture(scope="session")
def browser(playwright_session: Playwright) -> Iterator[Browser]:
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is not installed: `make test` installs it (apt-get install chromium)")
    browser = playwright_session.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
    yield browser
    browser.close()


@pytest.fixture
def browser_log(site_url: str) -> BrowserLog:
    return BrowserLog(origin=site_url)


def recorded_page(browser: Browser, site_url: str, browser_log: BrowserLog, service_workers: str = "block") -> Page:
    """A page in a fresh browser context (empty storage) with its requests and errors recorded.

    The site's service worker is blocked unless asked for (test_offline.py tests it): in every fresh
    context it would keep the whole site (24 MB, Pyodide included) in the background, and the requests
    it answers are out of reach of `page.route`, with which many tests hold back or change a file."""
    context = browser.new_context(
        base_url=site_url, accept_downloads=True, locale="nl-NL", color_scheme="light", service_workers=service_workers  # type: ignore[arg-type]
    )
    context.set_default_timeout(15_000)
    context.expose_function("__okrCspViolation", lambda text: browser_log.csp_violations.append(text))
    context.add_init_script(CSP_LISTENER)
    context.on("request", lambda request: browser_log.requests.append(request.url))
    def on_console(message: ConsoleMessage) -> None:
        if message.type == "error":
            browser_log.errors.append(f"console: {message.text}")

    page = context.new_page()
    # Console messages of the page's workers arrive here too.
    page.on("console", on_console)
    page.on("pageerror", lambda error: browser_log.errors.append(f"pageerror: {error}"))
    return page


def check_log(browser_log: BrowserLog) -> None:
    """Fail the test on a request to another origin, a CSP violation or an unexpected error."""
    problems = []
    if foreign := browser_log.foreign_requests():
        problems.append(f"requests to another origin: {foreign}")
    if browser_log.csp_violations:
        problems.append(f"CSP violations: {browser_log.csp_violations}")
    if unexpected := browser_log.unexpected_errors():
        problems.append(f"console/page errors: {unexpected}")
    if problems:
        pytest.fail("; ".join(problems))


@pytest.fixture
def page(browser: Browser, site_url: str, browser_log: BrowserLog) -> Iterator[Page]:
    """A page in a fresh browser context, checked by `check_log` when the test ends."""
    page = recorded_page(browser, site_url, browser_log)
    try:
        yield page
    finally:
        page.context.close()
    check_log(browser_log)
