"""Saved results in Chromium: save on request, "my results" with trend and change (scored by the engine),
export, import (merged, bad files refused), delete all, storage failures, both languages."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Page, expect
from widget_helpers import (
    FIRST,
    PERSONAL,
    SECOND,
    BrowserLog,
    answer,
    answer_all,
    history_rows,
    page_spec,
    result_document,
    saved_result,
    score_and_wait,
    seed_storage,
    stored,
    ui_number,
    ui_signed,
    wait_for_engine,
)

from okr1on1.scoring import compare, score

pytestmark = pytest.mark.browser



def two_results() -> dict[str, Any]:
    return result_document(
        saved_result("r-1", "personal-development", "2026-01-12T09:00:00.000Z", FIRST, {"career-path": "Geen zicht op groei"}),
        saved_result("r-2", "personal-development", "2026-04-12T09:00:00.000Z", SECOND),
    )


def open_results(page: Page, path: str = "/results/") -> None:
    page.goto(path)
    wait_for_engine(page)


def import_file(page: Page, name: str, content: str | bytes, mime: str = "application/json") -> None:
    data = content.encode() if isinstance(content, str) else content
    page.locator(".okr-history__file").set_input_files({"name": name, "mimeType": mime, "buffer": data})


def test_save_see_history_then_trend_and_change(page: Page) -> None:
    page.goto(PERSONAL)
    answer_all(page, FIRST)
    score_and_wait(page)
    spec = page_spec(page)
    page.locator(".okr-save__button").click()
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaard op")
    expect(page.locator(".okr-save__button")).to_be_disabled()  # one result per click, no duplicates

    open_results(page)
    section = page.locator('.okr-history__survey[data-survey="personal-development"]')
    first = score(spec, FIRST)
    expect(section.locator(".okr-history__latest-mean")).to_have_text(ui_number(first["mean"]))
    expect(section).to_contain_text("Bewaar nog een uitslag om de verandering en de trend te zien.")
    expect(section.locator(".okr-trend__chart")).to_have_count(0)
    assert len(history_rows(page, "personal-development")) == 1

    page.goto(PERSONAL)
    answer_all(page, SECOND)
    score_and_wait(page)
    page.locator(".okr-save__button").click()
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaard op")

    open_results(page)
    second = score(spec, SECOND)
    change = compare(first, second)
    chart = section.locator(".okr-trend__chart")
    expect(chart.locator("circle.okr-trend__point")).to_have_count(2)
    label = chart.get_attribute("aria-label") or ""
    assert ui_number(first["mean"]) in label and ui_number(second["mean"]) in label
    expect(section.locator(".okr-history__change")).to_contain_text(ui_signed(change["mean_change"]))
    rows = history_rows(page, "personal-development")
    assert len(rows) == 2
    assert ui_number(second["index"]) in rows[1] and second["band"] in rows[1]
    section.locator(".okr-history__statement-changes summary").click()
    progress_row = section.locator('.okr-history__statement-changes tr[data-statement="progress"]')
    expect(progress_row).to_contain_text(f"+{change['statements']['progress']}")


def test_export_delete_and_import_back(page: Page, tmp_path: Path) -> None:
    seed_storage(page, two_results())
    open_results(page)
    section = page.locator('.okr-history__survey[data-survey="personal-development"]')
    expect(section.locator("tr[data-result]")).to_have_count(2)

    with page.expect_download() as download_info:
        page.locator(".okr-history__export-json").click()
    exported_path = tmp_path / "export.json"
    download_info.value.save_as(exported_path)
    exported = json.loads(exported_path.read_text(encoding="utf-8"))
    assert exported["format"] == "okr1on1-results" and exported["version"] == 1
    assert [r["id"] for r in exported["results"]] == ["r-1", "r-2"]
    assert exported["results"][0]["answers"] == FIRST
    assert exported["results"][0]["notes"] == {"career-path": "Geen zicht op groei"}

    with page.expect_download() as download_info:
        page.locator(".okr-history__export-csv").click()
    assert download_info.value.suggested_filename.endswith(".csv")
    csv_path = tmp_path / "export.csv"
    download_info.value.save_as(csv_path)
    rows = list(csv.DictReader(io.StringIO(csv_path.read_text(encoding="utf-8-sig"))))
    assert len(rows) == 10  # 5 statements x 2 results
    spec = next(s for s in json.loads(page.locator(".okr-history__specs").text_content() or "") if s["id"] == "personal-development")
    first = score(spec, FIRST)
    career = next(r for r in rows if r["result_id"] == "r-1" and r["statement_id"] == "career-path")
    assert career["answer"] == "3" and career["note"] == "Geen zicht op groei"
    assert float(career["mean"]) == pytest.approx(first["mean"]) and career["band"] == first["band"]

    # Delete all: a confirm step in the page; cancelling keeps everything.
    page.locator(".okr-history__delete").click()
    dialog = page.locator("dialog.okr-dialog")
    expect(dialog).to_be_visible()
    expect(dialog).to_contain_text("2 bewaarde resultaten")
    dialog.locator(".okr-dialog__cancel").click()
    expect(dialog).to_be_hidden()
    expect(section.locator("tr[data-result]")).to_have_count(2)
    page.locator(".okr-history__delete").click()
    dialog.locator(".okr-dialog__confirm").click()
    expect(page.locator(".okr-history__message")).to_contain_text("Al je bewaarde resultaten zijn uit deze browser gewist.")
    expect(page.locator(".okr-history__none")).to_be_visible()
    assert stored(page) is None

    # Import the export back, twice: merged by id, never duplicated.
    import_file(page, "export.json", exported_path.read_bytes())
    expect(page.locator(".okr-history__message")).to_contain_text("2 resultaten toegevoegd.")
    expect(section.locator("tr[data-result]")).to_have_count(2)
    import_file(page, "export.json", exported_path.read_bytes())
    expect(page.locator(".okr-history__message")).to_contain_text("0 resultaten toegevoegd. 2 stonden er al en zijn overgeslagen.")
    expect(section.locator("tr[data-result]")).to_have_count(2)
    assert [r["id"] for r in json.loads(stored(page) or "{}")["results"]] == ["r-1", "r-2"]


BAD_FILES = [
    ("not-json.json", "this is { not json", "het bestand is geen JSON"),
    ("export.csv", "result_id,saved_at,survey\nr-9,2026-01-01,personal-development\n", "het bestand is geen JSON"),
    ("other-program.json", json.dumps({"name": "some other app", "items": [1, 2, 3]}), "geen resultatenbestand van deze site"),
    (
        "out-of-range.json",
        json.dumps(result_document(saved_result("r-9", "personal-development", "2026-05-01T09:00:00Z", {"progress": 9}))),
        "resultaat 1 is ongeldig",
    ),
    (
        "unknown-survey.json",
        json.dumps(result_document(saved_result("r-9", "happiness-check", "2026-05-01T09:00:00Z", {"joy": 3}))),
        "check die deze site niet kent (happiness-check)",
    ),
    (
        "newer.json",
        json.dumps(result_document(saved_result("r-9", "personal-development", "2026-05-01T09:00:00Z", {"progress": 4}), version=2)),
        "formaatversie 2",
    ),
    (
        "half-good.json",  # one good result and one bad: nothing of the file is taken
        json.dumps(
            result_document(
                saved_result("r-8", "personal-development", "2026-05-01T09:00:00Z", {"progress": 4}),
                saved_result("r-9", "personal-development", "2026-05-02T09:00:00Z", {"progress": 0}),
            )
        ),
        "resultaat 2 is ongeldig",
    ),
]


def test_bad_import_files_are_refused_and_change_nothing(page: Page) -> None:
    seed_storage(page, two_results())
    before = stored(page)
    open_results(page)
    section = page.locator('.okr-history__survey[data-survey="personal-development"]')
    for name, content, reason in BAD_FILES:
        import_file(page, name, content)
        message = page.locator(".okr-history__message")
        expect(message).to_contain_text("Import geweigerd")
        expect(message).to_contain_text(reason)
        assert stored(page) == before, name
        expect(section.locator("tr[data-result]")).to_have_count(2)
        page.evaluate("document.querySelector('.okr-history__message').replaceChildren()")


def test_failed_save_keeps_history_and_says_why(page: Page) -> None:
    seed_storage(page, two_results())
    before = stored(page)
    page.goto(PERSONAL)
    answer(page, "progress", 7)
    score_and_wait(page)
    page.evaluate(
        """() => { Storage.prototype.setItem = function () {
             throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); }; }"""
    )
    page.locator(".okr-save__button").click()
    message = page.locator(".okr-save__message")
    expect(message).to_contain_text("Bewaren is niet gelukt: de opslag van je browser voor deze site is vol")
    expect(message).to_contain_text("Je eerder bewaarde resultaten zijn ongewijzigd")
    expect(page.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text("7,0")  # the result stays shown
    assert stored(page) == before


def test_result_saved_in_dutch_shows_in_english(page: Page) -> None:
    page.goto(PERSONAL)
    answer_all(page, FIRST)
    answer(page, "career-path", 3, note="Weinig doorgroei")
    score_and_wait(page)
    page.locator(".okr-save__button").click()
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaard op")

    open_results(page, "/en/results/")
    section = page.locator('.okr-history__survey[data-survey="personal-development"]')
    expect(section.locator("h2")).to_have_text("Mood check: personal development")
    spec = next(s for s in json.loads(page.locator(".okr-history__specs").text_content() or "") if s["id"] == "personal-development")
    expected = score(spec, FIRST)
    expect(section.locator(".okr-history__latest-mean")).to_have_text(ui_number(expected["mean"], "en"))
    expect(section.locator("th").first).to_have_text("Date")
    assert expected["band"] in history_rows(page, "personal-development")[0]
    section.locator(".okr-history__toggle").first.click()
    answers = section.locator("tr.okr-history__answers").first
    expect(answers).to_contain_text("I see an attractive career path for myself within the company.")
    expect(answers).to_contain_text("3 · Somewhat disagree")
    expect(answers).to_contain_text("Weinig doorgroei")


def test_imported_markup_shows_as_text_and_runs_nothing(page: Page, browser_log: BrowserLog) -> None:
    attack = '<img src=x onerror="window.__pwned=1"><script>window.__pwned=2</script>'
    document = result_document(
        saved_result("<b>id</b>", "personal-development", "2026-05-01T09:00:00Z", {"progress": 4}, {"progress": attack}),
    )
    open_results(page)
    import_file(page, "attack.json", json.dumps(document))
    expect(page.locator(".okr-history__message")).to_contain_text("1 resultaat toegevoegd.")
    section = page.locator('.okr-history__survey[data-survey="personal-development"]')
    section.locator(".okr-history__toggle").first.click()
    expect(section.locator(".okr-history__note q")).to_have_text(attack)

    # Markup in a field that ends up in a message (an unknown survey) is refused and shown as text.
    evil_survey = '<img src=x onerror="window.__pwned=3">'
    import_file(page, "evil.json", json.dumps(result_document(saved_result("e-1", evil_survey, "2026-05-01T09:00:00Z", {"a": 1}))))
    expect(page.locator(".okr-history__message")).to_contain_text(evil_survey)

    with page.expect_download() as download_info:
        page.locator(".okr-history__export-csv").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert attack.replace('"', '""') in text

    page.wait_for_timeout(300)
    assert page.evaluate("window.__pwned") is None
    assert page.locator(".okr-history img, .okr-history script:not([type])").count() == 0
    assert not [url for url in browser_log.requests if url.endswith("/x")]


def test_saved_progress_check_has_its_own_trend(page: Page) -> None:
    document = result_document(
        saved_result("p-1", "okr-progress", "2026-01-05T09:00:00Z", {"objective-1": 3, "objective-2": 4, "objective-3": 2}),
        saved_result("p-2", "okr-progress", "2026-02-05T09:00:00Z", {"objective-1": 6, "objective-2": 7, "objective-3": 5}),
        saved_result("p-3", "okr-progress", "2026-03-05T09:00:00Z", {"objective-1": 9, "objective-2": 8, "objective-3": 10}),
    )
    seed_storage(page, document)
    open_results(page)
    section = page.locator('.okr-history__survey[data-survey="okr-progress"]')
    expect(section.locator("circle.okr-trend__point")).to_have_count(3)
    expect(section.locator(".okr-trend__axis", has_text="10")).to_have_count(1)  # the y axis runs 1..10
    spec = next(s for s in json.loads(page.locator(".okr-history__specs").text_content() or "") if s["id"] == "okr-progress")
    means = [score(spec, r["answers"])["mean"] for r in document["results"]]
    expect(section.locator(".okr-history__latest-mean")).to_have_text(ui_number(means[-1]))
    expect(section.locator(".okr-history__change")).to_contain_text(ui_signed(means[2] - means[1]))
    expect(page.locator('.okr-history__survey[data-survey="personal-development"]')).to_have_count(0)
