"""Both editions as a reader meets them: the language switch keeps the page, English downloads are
English, and the template overview filters by situation."""

from __future__ import annotations

import io
from urllib.parse import urlsplit

import pytest
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from okr1on1.content import load_content
from okr1on1.site.edition import content_dir_for

CONTENT = load_content(content_dir_for(None, "content"))


def switch_language(page: Page, lang: str) -> None:
    """Open the language menu and pick `lang` (focus opens Material's menu as hover does), once the
    page and the theme's scripts have settled (the theme fetches each edition's sitemap and watches
    clicks on links into the other edition)."""
    page.wait_for_load_state("networkidle")
    page.locator(".md-header__option .md-select button").focus()
    link = page.locator(f'.md-select__link[hreflang="{lang}"]')
    link.focus()
    link.press("Enter")


def test_switch_to_dutch_on_a_template_page_and_back(page: Page) -> None:
    agenda = CONTENT.template("okr-agenda")
    page.goto("/en/")
    expect(page.locator("html")).to_have_attribute("lang", "en")
    page.get_by_role("navigation").get_by_role("link", name=agenda.title.get("en"), exact=True).first.click()
    expect(page.locator("h1")).to_contain_text(agenda.title.get("en"))

    switch_language(page, "nl")
    page.wait_for_url("**/templates/okr-agenda/")
    assert "/en/" not in page.url
    expect(page.locator("h1")).to_contain_text(agenda.title.get("nl"))
    expect(page.locator("html")).to_have_attribute("lang", "nl")

    switch_language(page, "en")
    page.wait_for_url("**/en/templates/okr-agenda/")
    expect(page.locator("h1")).to_contain_text(agenda.title.get("en"))


def test_english_agenda_downloads_in_english(page: Page) -> None:
    agenda = CONTENT.template("okr-agenda")
    page.goto("/en/templates/okr-agenda/")
    with page.expect_download() as download_info:
        page.locator(".okr-downloads a", has_text="PDF").click()
    download = download_info.value
    assert download.suggested_filename == "okr-agenda.pdf"
    text = " ".join(p.extract_text() for p in PdfReader(io.BytesIO(download.path().read_bytes())).pages)
    text = " ".join(text.split())
    for question in agenda.questions():
        assert question.text.get("en") in text
    assert agenda.questions()[0].text.get("nl") not in text


@pytest.mark.parametrize("situation", ["pay", "onboarding", "difficult"])
def test_overview_filters_cards_by_situation(page: Page, situation: str) -> None:
    expected = {t.title.get("nl") for t in CONTENT.templates if situation in t.situations}
    fragment = CONTENT.text(f"situation_fragment.{situation}", "nl")  # the Dutch page filters on Dutch words
    page.goto(f"/templates/#{fragment}")
    cards = page.locator(".okr-card:visible .okr-card__title")
    expect(cards).to_have_count(len(expected))
    assert set(cards.all_inner_texts()) == expected

    page.locator('.okr-filter__button[data-situation=""]').click()
    expect(page.locator(".okr-card:visible")).to_have_count(len(CONTENT.templates))
    page.locator(f'.okr-filter__button[data-situation="{fragment}"]').click()
    expect(page.locator(".okr-card:visible")).to_have_count(len(expected))
    expect(page.locator(f'.okr-filter__button[data-situation="{fragment}"]')).to_have_attribute("aria-pressed", "true")
    assert page.evaluate("location.hash") == f"#{fragment}"


def test_dutch_tag_leads_to_a_dutch_fragment(page: Page) -> None:
    page.goto("/templates/salary-conversation/")
    page.locator(".okr-meta a.okr-tag", has_text="Salaris").click()
    page.wait_for_url("**/templates/#salaris")
    expect(page.locator(".okr-card:visible")).to_have_count(sum(1 for t in CONTENT.templates if "pay" in t.situations))


def test_tag_on_a_template_page_leads_to_the_filtered_overview(page: Page) -> None:
    page.goto("/en/templates/salary-conversation/")
    page.locator(".okr-meta a.okr-tag", has_text="Pay").click()
    page.wait_for_url("**/en/templates/#pay")
    expect(page.locator(".okr-card:visible")).to_have_count(sum(1 for t in CONTENT.templates if "pay" in t.situations))


@pytest.mark.parametrize(("path", "query", "expected"), [("/en/", "mortem", "/en/tips/"), ("/", "salaris", "/templates/salary-conversation/")])
def test_search_finds_pages_in_its_language(page: Page, path: str, query: str, expected: str) -> None:
    page.goto(path)
    page.locator(".md-search__input").click()
    page.locator(".md-search__input").press_sequentially(query, delay=30)  # Material searches on key presses
    links = page.locator(".md-search-result__item > .md-search-result__link")
    expect(links.first).to_be_visible(timeout=15_000)
    hrefs = [href or "" for href in links.evaluate_all("links => links.map(link => link.href)")]
    assert any(urlsplit(href).path.endswith(expected) for href in hrefs), hrefs
