"""Content that the loader lets through but that looks like code (`<`, `>`, `&`, quotes, braces,
Markdown and pymdownx block markers, emoji shortcodes, a link URL that tries to add an onclick)
goes through the real build and shows literally in Chromium: in the page, the navigation, the
title, the form, the results view, the saved history and the search; nothing of it runs.

This module serves its own site (the real content plus one hostile survey), so it overrides the
`site_url` fixture; `page` and its checks (no foreign request, no CSP violation, no console error)
work as everywhere else."""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest
import yaml
from playwright.sync_api import Page, expect
from widget_helpers import ENGINE_TIMEOUT, answer, score_and_wait, wait_for_engine

from okr1on1.content import load_content
from okr1on1.site.build_site import build_site
from okr1on1.site.edition import CONTENT_ENV
from okr1on1.site.serve import _SiteRequestHandler

pytestmark = pytest.mark.browser

ROOT = Path(__file__).resolve().parents[2]
SLUG = "hostile-check"

TITLE = "Check 5 < 7 > 3 & \"q\" 'x' {x} R&D"
PURPOSE = "- geen lijst: *geen nadruk*, (rond) [vierkant] ~~~ :material-alert: <3"
INTRO = "1. geen lijst --- === # geen kop"
LABEL = 'Oneens <3 & "zeer" > alles'
TAG = "#Groei & <> {x}"
STATEMENT_1 = '=== "Tab" en `code` | pipe | en {: onclick="window.__pwned=1" }'
STATEMENT_2 = "??? note \"x\" !!! danger <> & 'x' \\ backslash \\*"
FOLLOW_UP = ":smile: ~~weg~~ **vet** _schuin_ {#x#} {x}"
BAND = 'Laag & "slecht" > 0 {x}'
DOCS_URL = "https://docs.example.org/a/){onclick=window.__pwned=3}"

HOSTILE_SURVEY = {
    "slug": SLUG,
    "kind": "survey",
    "order": 1,
    "version": 1,
    "title": {"nl": TITLE, "en": "Hostile check"},
    "purpose": {"nl": PURPOSE, "en": "A check."},
    "duration_minutes": 10,
    "situations": ["growth"],
    "google_docs_url": DOCS_URL,
    "intro": [{"nl": INTRO, "en": "Intro."}],
    "scale": {"min": 1, "max": 7, "labels": {1: {"nl": LABEL, "en": "Disagree"}, 7: {"nl": "Eens", "en": "Agree"}}},
    "tag_labels": {"#Groei": {"nl": TAG, "en": "#Growth"}},
    "statements": [
        {"id": "s1", "tags": ["#Groei"], "text": {"nl": STATEMENT_1, "en": "One."}},
        {"id": "s2", "tags": ["#Groei"], "text": {"nl": STATEMENT_2, "en": "Two."}},
    ],
    "follow_up": [{"nl": FOLLOW_UP, "en": "Why?"}],
    "bands": [{"from": 1, "to": 4, "label": {"nl": BAND, "en": "Low"}}, {"from": 4, "to": 7, "label": {"nl": "Hoog", "en": "High"}}],
}


class _QuietHandler(_SiteRequestHandler):
    def log_message(self, format: str, *args: object) -> None:
        pass


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("hostile")
    content = folder / "content"
    shutil.copytree(ROOT / "content", content)
    (content / "templates" / f"{SLUG}.yaml").write_text(yaml.safe_dump(HOSTILE_SURVEY, allow_unicode=True, sort_keys=False), encoding="utf-8")
    assert load_content(content).template(SLUG)  # the loader lets every text through
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv(CONTENT_ENV, str(content))
        return build_site(ROOT, folder / "site")


@pytest.fixture(scope="module")
def site_url(hostile_site: Path) -> Iterator[str]:
    handler = functools.partial(_QuietHandler, directory=str(hostile_site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, name="hostile-site-server", daemon=True).start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


def nothing_ran(page: Page) -> None:
    assert page.evaluate("window.__pwned") is None
    injected = page.evaluate(
        """() => [...document.querySelectorAll("body *")].flatMap((element) =>
             [...element.attributes].filter((a) => a.name.startsWith("on") || /^\\s*javascript:/i.test(a.value))
               .map((a) => `${element.tagName} ${a.name}=${a.value}`))"""
    )
    assert not injected


def test_hostile_text_shows_literally_on_the_page(page: Page) -> None:
    page.goto(f"/templates/{SLUG}/")
    article = page.locator("article")
    expect(article.locator("h1")).to_have_text(TITLE + "¶")
    assert page.title().startswith(f"{TITLE} - ")
    expect(page.locator(".md-header__topic").last).to_have_text(TITLE)
    expect(page.locator(".md-nav__link--active").first).to_have_text(TITLE)
    expect(article.get_by_text(INTRO, exact=True)).to_have_count(1)
    expect(article.locator(".okr-statement__text")).to_have_text([STATEMENT_1, STATEMENT_2])
    expect(article.locator(".okr-scale__label").first).to_have_text(LABEL)
    expect(article.locator(".okr-statement .okr-tag").first).to_have_text(TAG)
    expect(article.locator("li", has_text="weg~~")).to_have_text(FOLLOW_UP)
    expect(article.locator("td", has_text="slecht")).to_have_text(BAND)
    # Nothing of it became markup: no list, code, emphasis, tabs, details, rule or emoji icon from content.
    assert article.locator(".tabbed-set, details, hr, .md-typeset code, em").count() == 0
    docs = article.locator('a.md-button[href^="https://docs.example.org/"]')
    expect(docs).to_have_count(1)
    assert docs.get_attribute("onclick") is None and "%29%7Bonclick" in (docs.get_attribute("href") or "")

    page.goto("/templates/")
    expect(page.locator(".okr-card__title", has_text="Check 5")).to_have_text(TITLE)
    expect(page.get_by_text(PURPOSE, exact=True)).to_have_count(1)
    nothing_ran(page)


def test_hostile_text_shows_literally_in_results_history_and_search(page: Page) -> None:
    page.goto(f"/templates/{SLUG}/")
    answer(page, "s1", 1)
    answer(page, "s2", 2, note="<img src=x onerror=window.__pwned=4>")
    score_and_wait(page)
    results = page.locator(".okr-survey__results")
    expect(results.locator('tr[data-statement="s1"] td').first).to_have_text(f"1. {STATEMENT_1}")
    expect(results.locator(".okr-focus .admonition-title")).to_have_text([f"{STATEMENT_1} (jouw score: 1)", f"{STATEMENT_2} (jouw score: 2)"])
    expect(results.locator(".okr-focus li").first).to_have_text(FOLLOW_UP)
    expect(results.locator(".okr-kpi--band .okr-kpi__value")).to_have_text(BAND)
    expect(results.locator('tr[data-tag="#Groei"] td').first).to_have_text(TAG)
    results.locator(".okr-save__button").click()
    expect(results.locator(".okr-save__message")).to_contain_text("Bewaard op")
    nothing_ran(page)

    page.goto("/results/")
    wait_for_engine(page)
    section = page.locator(f'.okr-history__survey[data-survey="{SLUG}"]')
    expect(section.locator("h2")).to_have_text(TITLE)
    section.locator(".okr-history__toggle").click()
    answers = section.locator("tr.okr-history__answers li")
    expect(answers.first).to_contain_text(f"1 · {LABEL}")
    expect(answers.first).to_contain_text(STATEMENT_1)
    expect(section.locator(".okr-history__note q")).to_have_text("<img src=x onerror=window.__pwned=4>")
    nothing_ran(page)

    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially("backslash", delay=30)  # Material searches on key presses
    result = page.locator(".md-search-result__item").first
    expect(result).to_be_visible(timeout=ENGINE_TIMEOUT)
    expect(result.locator("h1, h2").first).to_contain_text("Check 5 < 7 > 3")
    nothing_ran(page)
