"""The My OKRs page in the built site: in both editions and their navigation, its rules saying the engine's
thresholds, and the progress check's page leading to it."""

from __future__ import annotations

from pathlib import Path

import pytest
from site_html import page_path, parse, resolve

from okr1on1 import okr_checkins

EDITIONS = [("nl", "", "Mijn OKR's", "Hoe de pagina rekent"), ("en", "en", "My OKRs", "How the page works it out")]


@pytest.mark.parametrize(("lang", "edition", "title", "rules"), EDITIONS)
def test_the_page_is_in_the_navigation_and_explains_the_engine_s_rules(built_site: Path, lang: str, edition: str, title: str, rules: str) -> None:
    home = page_path(built_site, edition, "")
    links = [(href, attrs) for href, attrs in parse(home).links if resolve(built_site, home, href) == page_path(built_site, edition, "okrs/")]
    assert links, "the home page's navigation links to My OKRs"
    page = parse(page_path(built_site, edition, "okrs/"))
    assert page.lang == lang and title in page.text and rules in page.text
    gap = f"{round(okr_checkins.AT_RISK_GAP * 100)}%"
    success = f"{okr_checkins.ASPIRATIONAL_SUCCESS:.1f}".replace(".", "," if lang == "nl" else ".")
    assert gap in page.text and success in page.text
    assert f"{okr_checkins.CONFIDENCE_DROP} " in page.text


@pytest.mark.parametrize("edition", ["", "en"])
def test_the_progress_check_links_to_my_okrs(built_site: Path, edition: str) -> None:
    template = page_path(built_site, edition, "templates/okr-progress/")
    targets = {resolve(built_site, template, href) for href, _ in parse(template).links}
    assert page_path(built_site, edition, "okrs/") in targets
