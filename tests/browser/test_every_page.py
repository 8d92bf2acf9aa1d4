"""Every page of both editions in Chromium, walked from the built site's HTML files: it carries its
Content-Security-Policy as the first element of <head>, requests nothing from another origin and
breaks no CSP rule (pages with a widget are watched until their engine is ready, so the worker's
requests count too), and axe-core finds nothing serious or critical in the light or the dark scheme.

One walk does both: the page loads (Pyodide above all) are the slow part."""

from __future__ import annotations

from pathlib import Path

import pytest
from a11y_helpers import SitePage, axe_in_both_schemes, scheme_of, site_pages, use_scheme
from playwright.sync_api import ConsoleMessage, Page
from widget_helpers import ENGINE_TIMEOUT

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def pages(built_site: Path) -> list[SitePage]:
    found = site_pages(built_site)
    paths = {page.path for page in found}
    # Both editions, their 404 pages and the widget pages are all there: the walk misses nothing.
    assert {"/", "/en/", "/404.html", "/en/404.html", "/results/", "/en/results/", "/team/", "/en/team/"} <= paths
    assert len([page for page in found if page.path.startswith("/en/")]) * 2 == len(found)
    assert sum(page.has_widget for page in found) >= 6
    return found


def test_every_page_keeps_to_its_origin_and_csp_and_passes_axe_in_light_and_dark(page: Page, pages: list[SitePage]) -> None:
    # The `page` fixture fails the test on a request to another origin, on a `securitypolicyviolation`
    # event and on a console error; a CSP report at any other console level is caught here.
    csp_messages: list[str] = []

    def on_console(message: ConsoleMessage) -> None:
        if "Content Security Policy" in message.text or "Content-Security-Policy" in message.text:
            csp_messages.append(f"{page.url}: {message.type}: {message.text}")

    page.on("console", on_console)
    use_scheme(page, "default")
    without_policy, findings = [], []
    for site_page in pages:
        page.goto(site_page.path)
        if not page.evaluate("document.head.firstElementChild.matches('meta[http-equiv=Content-Security-Policy]')"):
            without_policy.append(site_page.path)
        if site_page.has_widget:
            page.wait_for_function(
                "() => [...document.querySelectorAll('[data-engine]')].every((widget) => widget.dataset.engine === 'ready')",
                timeout=ENGINE_TIMEOUT,
            )
        page.wait_for_load_state("networkidle")
        first = scheme_of(page)
        findings += axe_in_both_schemes(page, site_page.path)
        assert {first, scheme_of(page)} == {"default", "slate"}, site_page.path
    assert not without_policy, f"pages without a CSP as the first element of <head>: {without_policy}"
    assert not csp_messages
    assert not findings, "\n".join(findings)


def test_no_page_is_wider_than_a_phone(page: Page, pages: list[SitePage]) -> None:
    """At 390 px (a phone) nothing sticks out sideways on any page of either edition, widget pages
    once their engine is ready: a wide element would make the whole page scroll sideways."""
    page.set_viewport_size({"width": 390, "height": 844})
    too_wide = []
    for site_page in pages:
        page.goto(site_page.path)
        if site_page.has_widget:
            page.wait_for_function(
                "() => [...document.querySelectorAll('[data-engine]')].every((widget) => widget.dataset.engine === 'ready')",
                timeout=ENGINE_TIMEOUT,
            )
        width = page.evaluate("document.documentElement.scrollWidth")
        if width > 390:
            too_wide.append(f"{site_page.path}: {width} px")
    assert not too_wide, too_wide
