"""What a reader sees on a phone (390 px): the title right above its subtitle, the download buttons in one
even column, a trend chart whose axis text can be read and whose same-day results are told apart, and the
button that deletes everything red in the dark scheme too."""

from __future__ import annotations

import itertools

import pytest
from a11y_helpers import use_scheme
from playwright.sync_api import Page
from widget_helpers import FIRST, PERSONAL, SECOND, result_document, saved_result, seed_storage, wait_for_engine

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}

# The bottom of a heading's last line of text (its box may hold more), and the top of what follows it.
GAP = """(heading) => {
  const range = document.createRange();
  range.selectNodeContents(heading);
  const text = Math.max(...[...range.getClientRects()].map((rect) => rect.bottom));
  return heading.nextElementSibling.getBoundingClientRect().top - text;
}"""


@pytest.mark.parametrize("path", [PERSONAL, "/en/templates/okr-agenda/"])
def test_the_subtitle_sits_right_under_the_title(page: Page, path: str) -> None:
    page.set_viewport_size(PHONE)
    page.goto(path)
    assert page.locator("h1 + .okr-lead").count() == 1
    assert page.locator("h1").evaluate(GAP) <= 32


def test_the_download_buttons_line_up_in_one_column(page: Page) -> None:
    page.set_viewport_size(PHONE)
    page.goto("/templates/okr-agenda/")
    boxes = [button.bounding_box() for button in page.locator(".okr-downloads .md-button").all()]
    assert len(boxes) >= 2 and all(boxes)
    assert len({round(box["x"]) for box in boxes if box}) == 1
    assert len({round(box["width"]) for box in boxes if box}) == 1
    rows = [(box["y"], box["y"] + box["height"]) for box in boxes if box]
    assert all(later[0] - earlier[1] >= 4 for earlier, later in itertools.pairwise(rows))  # rows apart, not touching


def test_the_trend_chart_reads_on_a_phone_and_tells_same_day_results_apart(page: Page) -> None:
    page.set_viewport_size(PHONE)
    seed_storage(page, result_document(
        saved_result("a", "personal-development", "2026-11-20T09:00:00Z", FIRST),
        saved_result("b", "personal-development", "2026-12-01T09:15:00Z", SECOND),
        saved_result("c", "personal-development", "2026-12-01T16:40:00Z", FIRST),
    ))  # fmt: skip
    page.goto("/results/")
    wait_for_engine(page)
    chart = page.locator(".okr-trend__chart").first
    chart.wait_for()
    # The size the reader sees: the text's font size in the chart's units, scaled as the chart is.
    rendered = chart.evaluate(
        """(svg) => [...svg.querySelectorAll('.okr-trend__axis')].map((text) =>
             parseFloat(getComputedStyle(text).fontSize) * svg.getBoundingClientRect().width / svg.viewBox.baseVal.width)"""
    )
    assert rendered and min(rendered) >= 11, rendered
    dates = chart.locator(".okr-trend__date").all_text_contents()
    assert len(dates) == 3 and len(set(dates)) == 3, dates


def test_delete_all_stays_red_in_the_dark_scheme(page: Page) -> None:
    seed_storage(page, result_document(saved_result("a", "personal-development", "2026-11-20T09:00:00Z", FIRST)))
    use_scheme(page, "slate")
    page.goto("/results/")
    wait_for_engine(page)
    button = page.locator(".okr-history__delete")
    button.wait_for()
    colour, low = button.evaluate("(el) => [getComputedStyle(el).color, getComputedStyle(el).getPropertyValue('--okr-low').trim()]")
    assert low == "#ef6c6c" and colour == "rgb(239, 108, 108)"
