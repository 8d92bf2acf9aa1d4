"""Every wait for the scoring engine ends (issue 12): a file that stalls is given up after a while
(an optional one, the snapshot or its manifest, is dropped and the start goes on from scratch; a
required one ends in a failed state with a Retry button that starts again without a reload, typed
answers kept); a host serving the WebAssembly with the wrong type still works; failures are said in
the page's language only."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, Route, expect
from test_survey_widget import ENGINE_START  # records how the engine started ("snapshot" or "scratch")
from widget_helpers import ENGINE_TIMEOUT, FIRST, PERSONAL, BrowserLog, answer, answer_all, page_spec, score_and_wait, ui_number, wait_for_engine

from okr1on1.scoring import score
from okr1on1.site.wasm_split import CODE_WASM

pytestmark = pytest.mark.browser

STALL_MS = "const STALL_MS = 20_000;"  # worker-fetch.js: how long a file may send nothing


def short_stalls(page: Page) -> list[bool]:
    """Serve worker-fetch.js (which worker.js imports) with a stall limit of 2 s instead of 20 s, so that a test need not wait long.
    The list it returns says, once worker-fetch.js was served, whether it had a stall limit to shorten."""
    patched: list[bool] = []

    def handle(route: Route) -> None:
        response = route.fetch()
        body = response.text()
        patched.append(STALL_MS in body)
        route.fulfill(response=response, body=body.replace(STALL_MS, "const STALL_MS = 2_000;"))

    page.route("**/okr1on1/worker-fetch.js*", handle)
    return patched


def stall(page: Page, pattern: str) -> list[Route]:
    """Requests matching `pattern` get no answer at all (until the test lets them go)."""
    held: list[Route] = []
    page.route(pattern, lambda route: held.append(route))
    return held


@pytest.mark.parametrize("pattern", ["**/okr1on1-engine-*.snapshot", "**/okr1on1-engine.json"], ids=["snapshot", "manifest"])
def test_a_stalled_snapshot_is_dropped_and_the_engine_starts_from_scratch(page: Page, browser_log: BrowserLog, pattern: str) -> None:
    browser_log.allow(r"okr1on1-engine|stalled|abort")
    page.context.add_init_script(ENGINE_START)
    patched = short_stalls(page)
    stall(page, pattern)
    page.goto(PERSONAL)
    wait_for_engine(page)
    answer_all(page, FIRST)
    score_and_wait(page)
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(score(page_spec(page), FIRST)["mean"]))
    assert page.evaluate("globalThis.__okrEngineFrom") == "scratch"
    assert patched == [True]


@pytest.mark.parametrize("pattern", ["**/pyodide.asm-code.wasm", "**/pyodide-lock.json"], ids=["webassembly", "lockfile"])
def test_a_stalled_required_file_fails_clearly_and_retry_starts_again_keeping_the_answers(page: Page, browser_log: BrowserLog, pattern: str) -> None:
    browser_log.allow(r"pyodide|stalled|abort|wasm|Aborted|okr1on1 engine")
    patched = short_stalls(page)
    stall(page, pattern)
    page.goto(PERSONAL)
    answer(page, "progress", 6, note="mijn reden")
    widget = page.locator(".okr-survey")
    expect(widget).to_have_attribute("data-engine", "failed", timeout=ENGINE_TIMEOUT)
    status = page.locator(".okr-survey__status")
    expect(status).to_contain_text("De rekenmodule kon niet worden geladen (een bestand bleef te lang onderweg)")
    expect(status).not_to_contain_text("Herlaad")

    page.unroute(pattern)  # the network is back
    asked: list[str] = []
    page.on("request", lambda request: asked.append(request.url.split("?")[0].rsplit("/", 1)[-1]))
    status.locator(".okr-engine__retry").click()
    wait_for_engine(page)
    # The new worker starts as the first one did: the WebAssembly's code and the trimmed library, not the
    # whole module and library (2.8 and 2.5 MB more on the reader's link).
    assert CODE_WASM in asked and not {"pyodide.asm.wasm", "python_stdlib.zip"} & set(asked), asked
    expect(page.locator('fieldset[data-statement="progress"] input[value="6"]')).to_be_checked()
    expect(page.locator('fieldset[data-statement="progress"] textarea')).to_have_value("mijn reden")
    score_and_wait(page)
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text("6,0")
    assert patched[0] is True


def test_webassembly_served_with_another_type_is_compiled_from_its_bytes(page: Page) -> None:
    def octet_stream(route: Route) -> None:
        response = route.fetch()
        route.fulfill(response=response, headers={**response.headers, "content-type": "application/octet-stream"})

    page.route("**/pyodide.asm-code.wasm", octet_stream)
    page.goto(PERSONAL)
    wait_for_engine(page)
    answer_all(page, FIRST)
    score_and_wait(page)
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(score(page_spec(page), FIRST)["mean"]))


LANGUAGES = [(PERSONAL, "een bestand kon niet worden gedownload", "Failed"), ("/en" + PERSONAL, "a file could not be downloaded", "kon")]


@pytest.mark.parametrize(("path", "said", "foreign"), LANGUAGES)
def test_a_failure_is_said_in_the_page_s_language_only(page: Page, browser_log: BrowserLog, path: str, said: str, foreign: str) -> None:
    browser_log.allow(r"pyodide\.asm\.wasm|ERR_FAILED|wasm|Aborted|failed to asynchronously prepare|okr1on1 engine")
    page.route("**/pyodide.asm-code.wasm", lambda route: route.abort())
    page.goto(path)
    page.wait_for_selector('[data-engine="failed"]', timeout=ENGINE_TIMEOUT)
    status = page.locator(".okr-survey__status")
    expect(status).to_contain_text(said)
    expect(status).not_to_contain_text(foreign)
    expect(status).not_to_contain_text("fetch")


def test_the_results_page_offers_retry_and_the_raw_export_when_the_engine_fails(page: Page, browser_log: BrowserLog) -> None:
    browser_log.allow(r"pyodide\.asm\.wasm|ERR_FAILED|wasm|Aborted|failed to asynchronously prepare|okr1on1 engine")
    page.goto("/about/")
    page.evaluate("key => localStorage.setItem(key, '{\"format\": \"okr1on1-results\", \"version\": 1, \"results\": []}')", "okr1on1.results")
    page.route("**/pyodide.asm-code.wasm", lambda route: route.abort())
    page.goto("/results/")
    page.wait_for_selector('[data-engine="failed"]', timeout=ENGINE_TIMEOUT)
    expect(page.locator(".okr-history .okr-history__export-raw")).to_be_visible()
    page.unroute("**/pyodide.asm-code.wasm")
    page.locator(".okr-history .okr-engine__retry").click()
    wait_for_engine(page)
    expect(page.locator(".okr-history__none")).to_be_visible()


@pytest.mark.parametrize(("path", "said"), [("/okrs/", "kon niet worden gedownload"), ("/en/okrs/", "could not be downloaded")])
def test_my_okrs_says_why_the_engine_failed_and_tries_again(page: Page, browser_log: BrowserLog, path: str, said: str) -> None:
    """My OKRs, like every widget: the reason in words of the page's language (not a text key), and Try
    again starts the engine without a reload."""
    browser_log.allow(r"pyodide\.asm\.wasm|ERR_FAILED|wasm|Aborted|failed to asynchronously prepare|okr1on1 engine")
    page.route("**/pyodide.asm-code.wasm", lambda route: route.abort())
    page.goto(path)
    page.wait_for_selector('[data-engine="failed"]', timeout=ENGINE_TIMEOUT)
    status = page.locator(".okr-okrs .okr-survey__status")
    expect(status).to_contain_text(said)
    expect(status).not_to_contain_text("engine_failed")
    page.unroute("**/pyodide.asm-code.wasm")
    status.locator(".okr-engine__retry").click()
    wait_for_engine(page)
