"""Offline after one visit (the service worker, okr1on1.site.offline): a reader opens one page online;
then, with the network cut, every page of both editions opens (the list is the built site's HTML files)
and every widget works: a survey scored and saved, My results, My OKRs, the notebook, the team view.
The server proves the network was cut: it receives no request for a page or file after the first visit."""

from __future__ import annotations

import http.server
import re
import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import ClassVar

import pytest
from a11y_helpers import site_pages
from playwright.sync_api import Browser, Page, expect
from widget_helpers import ENGINE_TIMEOUT, FIRST, PERSONAL, BrowserLog, answer_all, history_rows, score_and_wait, wait_for_engine

from conftest import _QuietHandler, check_log, recorded_page
from okr1on1.site.offline import write_service_worker
from okr1on1.site.serve import serving_in_background

pytestmark = pytest.mark.browser

HEADING = re.compile(r'(?P<open><h1 id="[^"]*">)(?P<title>[^<]+)')


class _CountingHandler(_QuietHandler):
    paths: ClassVar[list[str]] = []

    def do_GET(self) -> None:
        self.paths.append(self.path)
        super().do_GET()


@pytest.fixture
def counted_site(built_site: Path) -> Iterator[tuple[str, list[str]]]:
    """The built site on its own server, which records every path it is asked for."""
    handler = type("Counting", (_CountingHandler,), {"paths": []})
    with serving_in_background(built_site, handler, http.server.ThreadingHTTPServer, "counted-site") as origin:
        yield origin, handler.paths


def kept_for_offline(page: Page) -> str:
    """Wait until the service worker has kept the site (it is active once its install completed)."""
    return page.evaluate("navigator.serviceWorker.ready.then((registration) => registration.active.scriptURL)")


def engines_ready(page: Page) -> None:
    page.wait_for_function(
        "() => [...document.querySelectorAll('[data-engine]')].every((widget) => widget.dataset.engine === 'ready')", timeout=ENGINE_TIMEOUT
    )


def test_after_one_visit_every_page_and_widget_works_with_the_network_cut(
    browser: Browser, built_site: Path, counted_site: tuple[str, list[str]]
) -> None:
    origin, asked = counted_site
    log = BrowserLog(origin=origin)
    page = recorded_page(browser, origin, log, service_workers="allow")
    try:
        page.goto("/")  # a page without a widget: the service worker keeps Pyodide too
        assert kept_for_offline(page) == f"{origin}/sw.js"
        page.context.set_offline(True)
        asked_online = len(asked)

        pages = site_pages(built_site)
        assert {"/", "/en/", "/results/", "/en/okrs/", "/notebook/", "/en/team/"} <= {site_page.path for site_page in pages}
        for site_page in pages:
            response = page.goto(site_page.path)
            assert response is not None and response.ok, site_page.path
            expect(page.locator("h1").first).to_be_visible()
            # The theme's stylesheet came along (the header is sticky only with it).
            assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") == "sticky", site_page.path
            if site_page.has_widget:
                engines_ready(page)

        # A survey scored and saved in each edition, then My results lists them.
        for prefix, saved_text in (("", "Bewaard op"), ("/en", "Saved on")):
            page.goto(f"{prefix}{PERSONAL}")
            wait_for_engine(page)
            answer_all(page, FIRST)
            score_and_wait(page)
            page.locator(".okr-save__button").click()
            expect(page.locator(".okr-save__message")).to_contain_text(saved_text)
        page.goto("/results/")
        wait_for_engine(page)
        expect(page.locator('.okr-history__survey[data-survey="personal-development"] tr[data-result]')).to_have_count(2)
        assert len(history_rows(page, "personal-development")) == 2

        # My OKRs: an objective with a key result, saved.
        page.goto("/en/okrs/")
        wait_for_engine(page)
        form = page.locator(".okr-okrs__form")
        form.locator(".okr-okrs__objective-title").first.fill("Happy customers")
        form.locator(".okr-okrs__kr-title-input").first.fill("NPS")
        form.locator(".okr-okrs__start").first.fill("20")
        form.locator(".okr-okrs__target").first.fill("40")
        form.locator('button[type="submit"]').click()
        expect(page.locator(".okr-okrs__objective")).to_have_count(1)

        # The notebook: a new 1:1, opened.
        page.goto("/notebook/")
        page.wait_for_selector(".okr-notebook[data-ready]", timeout=ENGINE_TIMEOUT)
        page.locator("#okr-nb-new-name").fill("Sam")
        page.locator("#okr-nb-new-name").press("Enter")
        expect(page.locator(".okr-nb-start")).to_be_visible()

        # The team view's engine answers (its status says nothing is uploaded).
        page.goto("/team/")
        wait_for_engine(page)
        expect(page.locator(".okr-team .okr-survey__status")).to_contain_text("er wordt niets geüpload")

        # An address the site does not have: the edition's own 404 page, kept too. (Its 404 status is the one
        # console error expected; none came before it.)
        assert not log.unexpected_errors(), log.unexpected_errors()
        log.allow(r"status of 404")
        response = page.goto("/en/no-such-page/")
        assert response is not None and response.status == 404
        expect(page.locator("h1")).to_have_text("This page does not exist")

        # Only the browser's own check for a new sw.js passes Chromium's emulated offline mode (a real cut
        # network stops it too); every page and file came from the service worker.
        assert [path for path in asked[asked_online:] if path != "/sw.js"] == [], "the server was asked for files with the network cut"
    finally:
        page.context.close()
    check_log(log)


def test_a_new_build_is_offered_with_a_reload_and_never_mixed_with_the_old_one(browser: Browser, built_site: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(built_site, site)
    handler = type("Counting", (_CountingHandler,), {"paths": []})
    with serving_in_background(site, handler, http.server.ThreadingHTTPServer, "updated-site") as origin:
        log = BrowserLog(origin=origin)
        page = recorded_page(browser, origin, log, service_workers="allow")
        try:
            page.goto("/en/about/")
            kept_for_offline(page)
            # A new build on the server: the about page's title changed, everything else as it was.
            about = site / "en" / "about" / "index.html"
            html = about.read_text(encoding="utf-8")
            old_title = HEADING.search(html)["title"]
            about.write_text(HEADING.sub(r"\g<open>About this guide, revised", html, count=1), encoding="utf-8")
            old_build = page.locator('meta[name="okr1on1-build"]').get_attribute("content")
            new_build = write_service_worker(site)
            assert new_build != old_build
            asked_before = len(handler.paths)

            # The page still comes from the build the reader has (its files are all kept), and says a
            # new version is ready.
            page.goto("/en/about/")
            expect(page.locator("h1")).to_contain_text(old_title)
            notice = page.locator(".okr-update")
            expect(notice).to_contain_text("A new version of this guide is ready.", timeout=ENGINE_TIMEOUT)
            notice.get_by_role("button", name="Reload").click()
            expect(page.locator("h1")).to_contain_text("About this guide, revised")
            assert page.locator('meta[name="okr1on1-build"]').get_attribute("content") == new_build
            expect(page.locator(".okr-update")).to_have_count(0)
            # Only this build's cache is left; the unchanged files (Pyodide above all) were copied from the
            # old one, not downloaded again.
            assert page.evaluate("caches.keys()") == [f"okr1on1-{new_build}"]
            fetched = handler.paths[asked_before:]
            assert "/en/about/" in fetched
            assert not [path for path in fetched if path.startswith("/assets/pyodide/")], fetched
        finally:
            page.context.close()
    check_log(log)
