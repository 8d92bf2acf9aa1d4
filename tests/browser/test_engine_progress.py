"""Progress that tells the truth, on a slow link (CDP throttling, which reaches the worker's requests):
the widget shows the bytes of the engine's files arriving, then that Python starts; a Score pressed
before the engine is ready says so beside the button, and the result follows without a second click."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect
from widget_helpers import ENGINE_TIMEOUT, FIRST, PERSONAL, answer_all, page_spec, ui_number

from okr1on1.scoring import score
from okr1on1.site.pyodide_bundle import SITE_FOLDER
from okr1on1.site.wasm_split import CODE_WASM

pytestmark = pytest.mark.browser

BYTES = re.compile(r"^(?P<loaded>\d+,\d) van (?P<total>\d+,\d) MB gedownload$")
# Every text the meter under the status line shows, in order (a change every quarter second at most).
RECORD = """
() => {
  globalThis.__okrMeter = [];
  const bytes = document.querySelector(".okr-survey__status .okr-survey__bytes");
  const note = () => globalThis.__okrMeter.at(-1) !== bytes.textContent && globalThis.__okrMeter.push(bytes.textContent);
  note();
  new MutationObserver(note).observe(bytes, { childList: true, characterData: true, subtree: true });
}
"""


def megabytes(text: str) -> float:
    return float(text.replace(",", "."))


def test_a_slow_link_shows_the_bytes_arrive_and_a_score_pressed_early_follows_by_itself(page: Page, built_site: Path) -> None:
    cdp = page.context.new_cdp_session(page)
    cdp.send("Network.enable")
    # 20 Mbit/s, 40 ms: the engine's files take several seconds.
    cdp.send("Network.emulateNetworkConditions", {"offline": False, "latency": 40, "downloadThroughput": 2_500_000, "uploadThroughput": 1_250_000})
    page.goto(PERSONAL)
    meter = page.locator(".okr-survey__status .okr-survey__bytes")
    expect(meter).to_have_text(re.compile(r"^\d+,\d van \d+,\d MB gedownload$"), timeout=ENGINE_TIMEOUT)
    page.evaluate(RECORD)

    answer_all(page, FIRST)
    button = page.locator(".okr-survey__score")
    button.click()
    assert page.locator(".okr-survey").get_attribute("data-engine") == "loading", "the engine was ready before Score: the link is not slow enough"
    waiting = page.locator(".okr-survey__actions .okr-survey__waiting")
    expect(waiting).to_contain_text("je antwoorden worden gescoord zodra de rekenmodule klaar is")
    # Beside the button, not a screen away.
    button_box, waiting_box = button.bounding_box(), waiting.bounding_box()
    assert button_box and waiting_box and abs(waiting_box["y"] - button_box["y"]) < 100

    # The result comes by itself once the engine is ready.
    page.wait_for_selector(".okr-results__title", timeout=ENGINE_TIMEOUT)
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(score(page_spec(page), FIRST)["mean"]))
    expect(waiting).to_be_hidden()
    expect(page.locator(".okr-survey__status")).to_contain_text("De rekenmodule is klaar")

    shown: list[str] = page.evaluate("globalThis.__okrMeter")
    downloads = [BYTES.match(text) for text in shown if BYTES.match(text)]
    loaded = [megabytes(match["loaded"]) for match in downloads]
    assert len(set(loaded)) >= 3 and loaded == sorted(loaded), shown  # it moved, and only forward
    # The total counts every file fetched as it comes over the wire (brotli here), at least the WebAssembly;
    # once they are all in, the meter says that Python starts.
    pyodide = built_site / SITE_FOLDER
    floor = (pyodide / f"{CODE_WASM}.br").stat().st_size / 1_000_000
    last = downloads[-1]
    assert megabytes(last["loaded"]) <= megabytes(last["total"]) and megabytes(last["total"]) >= round(floor, 1), shown
    assert shown[-1] == "Python start…", shown
