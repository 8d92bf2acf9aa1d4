"""The survey widget in Chromium: the engine loads in a worker while the form is filled in, scores in
Python (Pyodide) exactly like CPython does, and the page stays useful when anything fails."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, Request, Route, expect
from widget_helpers import (
    ENGINE_TIMEOUT,
    FIRST,
    PERSONAL,
    STORAGE_KEY,
    BrowserLog,
    answer,
    answer_all,
    page_spec,
    score_and_wait,
    stored,
    ui_number,
    wait_for_engine,
)

from okr1on1.scoring import score

pytestmark = pytest.mark.browser

PROGRESS = "/templates/okr-progress/"

# Keeps how the engine started, as the worker's "ready" message says it ("snapshot" or "scratch").
ENGINE_START = """(() => {
  const PageWorker = globalThis.Worker;
  globalThis.Worker = class extends PageWorker {
    constructor(url, options) {
      super(url, options);
      this.addEventListener("message", ({ data }) => {
        if (data?.type === "ready") globalThis.__okrEngineFrom = data.from;
      });
    }
  };
})();"""


def score_personal_and_check(page: Page) -> str:
    """Score FIRST on the survey page once the engine is ready; check the mean; how the engine started."""
    wait_for_engine(page)
    answer_all(page, FIRST)
    score_and_wait(page)
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(score(page_spec(page), FIRST)["mean"]))
    return page.evaluate("globalThis.__okrEngineFrom")


def test_answer_while_the_engine_loads_then_score_like_cpython(page: Page) -> None:
    held: list[Route] = []
    page.route("**/pyodide.asm-code.wasm", lambda route: held.append(route))  # keep the engine loading until the form is filled in
    page.goto(PERSONAL)
    widget = page.locator(".okr-survey")
    expect(widget).to_have_attribute("data-engine", "loading")
    expect(page.locator(".okr-survey__status")).to_contain_text("De rekenmodule wordt geladen")

    # Nothing answered: the widget says so and shows no result.
    page.locator(".okr-survey__score").click()
    expect(page.locator(".okr-survey__notice")).to_contain_text("Je hebt nog geen enkele stelling beantwoord")
    expect(page.locator(".okr-survey__results")).to_be_hidden()

    answers = {"progress": 6, "address-behaviour": 2, "receive-feedback": 5, "career-path": 3}
    answer_all(page, answers)
    answer(page, "career-path", 3, note="Ik zie geen volgende stap.")
    page.locator(".okr-survey__score").click()
    expect(page.locator(".okr-survey__status")).to_contain_text("gescoord zodra de rekenmodule klaar is")
    notice = page.locator(".okr-survey__notice")
    expect(notice).to_contain_text("Nog niet beantwoord (1)")
    expect(notice).to_contain_text("De afgelopen weken heb ik mijn sterke punten")
    expect(page.locator('fieldset[data-statement="strengths"]')).to_have_class(re.compile("okr-statement--missing"))

    page.wait_for_timeout(100)
    assert len(held) == 1 and widget.get_attribute("data-engine") == "loading"
    held[0].continue_()
    page.unroute("**/pyodide.asm-code.wasm")
    wait_for_engine(page)
    page.wait_for_selector(".okr-results__title", timeout=ENGINE_TIMEOUT)

    expected = score(page_spec(page), answers)
    results = page.locator(".okr-survey__results")
    expect(results.locator(".okr-results__answered")).to_have_text("4 van de 5 stellingen beantwoord.")
    expect(results.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(expected["mean"]))
    expect(results.locator(".okr-kpi--index .okr-kpi__value")).to_have_text(ui_number(expected["index"]))
    expect(results.locator(".okr-kpi--band .okr-kpi__value")).to_have_text(expected["band"])
    assert "," in ui_number(expected["mean"])  # Dutch decimal comma

    for item in expected["per_statement"]:
        row = results.locator(f'tr[data-statement="{item["id"]}"]')
        expect(row.locator("td").nth(1)).to_have_text("niet beantwoord" if item["value"] is None else str(item["value"]))
    for tag, mean in expected["by_tag"].items():
        expect(results.locator(f'tr[data-tag="{tag}"] td').nth(1)).to_have_text(ui_number(mean))

    shares = results.locator(".okr-shares__bar")
    percent = {key: f"{round(expected[key] * 100)}%" for key in ("favourable", "neutral", "unfavourable")}
    summary = f"Positief {percent['favourable']}, Neutraal {percent['neutral']}, Negatief {percent['unfavourable']}"
    expect(shares).to_have_attribute("aria-label", summary)

    focus = results.locator(".okr-focus")
    expect(focus).to_have_count(len(expected["focus"]))
    lowest = expected["focus"][0]
    expect(focus.first.locator(".admonition-title")).to_contain_text(lowest["text"])
    expect(focus.first).to_contain_text("Wat zou er moeten gebeuren om een niveau hoger te komen?")
    expect(results.locator(".okr-save__button")).to_be_visible()


def test_okr_progress_scores_on_a_ten_point_scale(page: Page) -> None:
    page.goto(PROGRESS)
    first = page.locator('fieldset[data-statement="objective-1"]')
    expect(first.locator("input[type=radio]")).to_have_count(10)
    expect(first.locator(".okr-scale__option").nth(9)).to_contain_text("Doel bereikt")
    answers = {"objective-1": 9, "objective-2": 3, "objective-3": 10}
    answer_all(page, answers)
    score_and_wait(page)
    expected = score(page_spec(page), answers)
    results = page.locator(".okr-survey__results")
    expect(results.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(expected["mean"]))
    expect(results.locator(".okr-kpi--mean .okr-kpi__unit")).to_have_text("van 10")
    expect(results.locator(".okr-kpi--index .okr-kpi__value")).to_have_text(ui_number(expected["index"]))
    expect(results.locator(".okr-kpi--band .okr-kpi__value")).to_have_text(expected["band"])
    expect(results.locator(".okr-focus")).to_have_count(1)  # 3 is below the midpoint 5.5; no neutral point on 1..10
    expect(results.locator(".okr-focus")).to_contain_text("Wat heb je al geprobeerd?")
    # A progress check reads as the distance to the goal, not as favourable / unfavourable shares.
    expect(results.locator(".okr-shares")).to_have_count(0)
    expect(results.locator(".okr-distance")).to_contain_text(f"nog {ui_number(expected['distance'])} punt van het doel (10)")


def test_colours_follow_the_bands_of_the_engine(page: Page) -> None:
    page.goto(PERSONAL)
    spec = page_spec(page)
    answers = {statement["id"]: 4 for statement in spec["statements"]}
    answer_all(page, answers)
    score_and_wait(page)
    results = page.locator(".okr-survey__results")
    # Every 4 ("Gemengd") is grey: the band card, each statement's bar and each theme's bar.
    expect(results.locator(".okr-kpi--band")).to_have_class(re.compile(r"\bokr-kpi--mid\b"))
    expect(results.locator(".okr-bar__fill--mid")).to_have_count(len(spec["statements"]) + len(spec["tag_labels"]))
    expect(results.locator(".okr-bar__fill--high, .okr-bar__fill--low")).to_have_count(0)


def test_keyboard_only_answers_scores_and_saves(page: Page) -> None:
    page.goto(PERSONAL)
    wanted = {"progress": 5, "address-behaviour": 3, "receive-feedback": 6, "career-path": 4, "strengths": 7}
    for _ in range(200):  # Tab from the top of the page to the first scale
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement?.matches('.okr-statement input[type=radio]')"):
            break
    else:
        pytest.fail("Tab never reached the first statement")
    for statement, value in wanted.items():
        assert page.evaluate("document.activeElement.closest('fieldset').dataset.statement") == statement
        page.keyboard.press("Space")  # selects the focused (first) value
        for _ in range(value - 1):
            page.keyboard.press("ArrowRight")
        page.keyboard.press("Tab")  # to the "why" note
        page.keyboard.type(f"noot {statement}")
        page.keyboard.press("Tab")  # to the next statement (or the Score button)
    assert page.evaluate("document.activeElement.classList.contains('okr-survey__score')")
    page.keyboard.press("Enter")
    page.wait_for_selector(".okr-results__title", timeout=ENGINE_TIMEOUT)
    expected = score(page_spec(page), wanted)
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(expected["mean"]))
    page.keyboard.press("Tab")  # focus went to the result heading; the next stop is Save
    assert page.evaluate("document.activeElement.classList.contains('okr-save__button')")
    page.keyboard.press("Enter")
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaard op")
    saved = json.loads(stored(page) or "{}")["results"][0]
    assert saved["answers"] == wanted
    assert saved["notes"]["strengths"] == "noot strengths"


def test_engine_file_that_fails_to_load_leaves_the_form_and_downloads(page: Page, browser_log: BrowserLog) -> None:
    browser_log.allow(r"pyodide\.asm\.wasm|ERR_FAILED|wasm|Aborted|failed to asynchronously prepare")
    page.route("**/pyodide.asm-code.wasm", lambda route: route.abort())
    page.goto(PERSONAL)
    page.wait_for_selector('[data-engine="failed"]', timeout=ENGINE_TIMEOUT)
    expect(page.locator(".okr-survey__status")).to_contain_text("De rekenmodule kon niet worden geladen")
    expect(page.locator("fieldset.okr-statement")).to_have_count(5)
    expect(page.locator(".okr-downloads a").first).to_be_visible()
    answer(page, "progress", 4)
    page.locator(".okr-survey__score").click()
    expect(page.locator(".okr-survey__notice")).to_contain_text("Scoren is niet gelukt")
    expect(page.locator('fieldset[data-statement="progress"] input[value="4"]')).to_be_checked()
    # Printed, it is still the whole questionnaire (the engine's status and the buttons stay off paper).
    page.emulate_media(media="print")
    expect(page.locator("fieldset.okr-statement:visible")).to_have_count(5)
    expect(page.locator(".okr-survey__status")).to_be_hidden()


def test_the_engine_starts_from_the_build_s_snapshot(page: Page) -> None:
    # Restoring Pyodide's memory with the engine imported is what makes the start quick.
    page.context.add_init_script(ENGINE_START)
    page.goto(PERSONAL)
    assert score_personal_and_check(page) == "snapshot"


def _damaged(route: Route) -> None:
    body = bytearray(route.fetch().body())
    body[len(body) // 2] ^= 0xFF
    route.fulfill(status=200, body=bytes(body), headers={"Content-Type": "application/octet-stream"})


@pytest.mark.parametrize(
    ("pattern", "handler"),
    [
        ("**/okr1on1-engine-*.snapshot", lambda route: route.fulfill(status=404, body="not found")),
        ("**/okr1on1-engine-*.snapshot", _damaged),  # a stale or broken copy: refused by its sha256
        ("**/okr1on1-engine.json", lambda route: route.fulfill(status=404, body="not found")),
    ],
    ids=["snapshot-missing", "snapshot-damaged", "manifest-missing"],
)
def test_without_its_snapshot_the_engine_starts_from_scratch(page: Page, browser_log: BrowserLog, pattern: str, handler: object) -> None:
    browser_log.allow(r"okr1on1-engine|404|integrity")
    page.context.add_init_script(ENGINE_START)
    page.route(pattern, handler)  # type: ignore[arg-type]
    page.goto(PERSONAL)
    assert score_personal_and_check(page) == "scratch"
    expect(page.locator(".okr-survey__notice")).to_be_hidden()
    # The start from scratch took the WebAssembly the first try had fetched: 9.6 MB downloaded once.
    assert len([url for url in browser_log.requests if url.endswith("/pyodide.asm-code.wasm")]) == 1


def test_a_reader_saving_data_gets_the_snapshot_only_from_the_browser_s_cache(page: Page, browser_log: BrowserLog) -> None:
    browser_log.allow(r"okr1on1-engine|ERR_CACHE_MISS")
    page.context.add_init_script(ENGINE_START)
    downloaded: list[int] = []  # bytes of the snapshot that came over the network, a request each

    def count(request: Request) -> None:
        if request.url.endswith(".snapshot"):
            downloaded.append(request.sizes()["responseBodySize"])

    page.on("requestfinished", count)
    saver = page.context.new_cdp_session(page)
    saver.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    page.goto(PERSONAL)
    assert score_personal_and_check(page) == "scratch"  # 4 MB not fetched for a quicker start
    assert downloaded == []
    assert len([url for url in browser_log.requests if url.endswith("/pyodide.asm-code.wasm")]) == 1  # nor anything twice
    saver.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": False})
    page.reload()
    assert score_personal_and_check(page) == "snapshot"
    assert len(downloaded) == 1 and downloaded[0] > 2**20
    saver.send("Emulation.setDataSaverOverride", {"dataSaverEnabled": True})
    page.reload()
    assert score_personal_and_check(page) == "snapshot"  # the copy the browser has costs nothing
    assert len(downloaded) == 2 and downloaded[1] < 1024  # from the cache: no body over the network


def test_reloading_while_the_engine_loads(page: Page) -> None:
    held: list[Route] = []
    # The first page's engine never gets its Python: it is certainly still loading when the tab reloads.
    page.route("**/pyodide.asm-code.wasm", lambda route: held.append(route) if not held else route.continue_())
    with page.expect_request("**/pyodide.asm-code.wasm", timeout=ENGINE_TIMEOUT):
        page.goto(PERSONAL)
    widget = page.locator(".okr-survey")
    expect(widget).to_have_attribute("data-engine", "loading")
    page.reload()
    expect(widget).to_have_attribute("data-engine", "loading")
    wait_for_engine(page)  # the reloaded page starts its own engine, which gets ready
    answer(page, "strengths", 7)
    score_and_wait(page)
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text("7,0")


def test_without_local_storage_scoring_works_and_saving_explains(page: Page, browser_log: BrowserLog) -> None:
    # Material's own inline scripts read localStorage too and report that they cannot.
    browser_log.allow(r"localStorage|storage is disabled")
    page.context.add_init_script(
        'Object.defineProperty(window, "localStorage", {get() { throw new DOMException("storage is disabled", "SecurityError"); }});'
    )
    page.goto(PERSONAL)
    answer(page, "progress", 2)
    answer(page, "strengths", 6)
    score_and_wait(page)
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text("4,0")
    expect(page.locator(".okr-save__button")).to_have_count(0)
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaren kan hier niet")


def test_pages_without_a_widget_do_not_start_the_engine(page: Page, browser_log: BrowserLog) -> None:
    for path in ("/", "/about/", "/templates/", "/templates/okr-agenda/", "/en/"):
        page.goto(path)
        page.wait_for_load_state("networkidle")
    assert not [url for url in browser_log.requests if "/assets/pyodide/" in url or url.endswith("/worker.js")]
    assert page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY) is None


def test_english_page_has_english_labels(page: Page) -> None:
    page.goto("/en" + PERSONAL)
    widget = page.locator(".okr-survey")
    expect(widget).to_have_attribute("data-lang", "en")
    expect(page.locator('fieldset[data-statement="progress"] .okr-scale__option').first).to_contain_text("Strongly disagree")
    expect(page.locator(".okr-survey__score")).to_have_text("Score")
    answer_all(page, {"progress": 5, "career-path": 2})
    score_and_wait(page)
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text("3.5")  # English decimal point
    # 3.5 lies below 4, the scale's "Neutral": it needs attention, drawn in the engine's "low" tone.
    expect(page.locator(".okr-kpi--band .okr-kpi__value")).to_have_text("Needs attention")
    expect(page.locator(".okr-kpi--band")).to_have_class(re.compile(r"\bokr-kpi--low\b"))
    expect(page.locator(".okr-survey__notice")).to_contain_text("Not answered yet (3)")
    expect(page.locator(".okr-focus").first).to_contain_text("What would need to happen to get one level higher?")
