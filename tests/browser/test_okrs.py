"""My OKRs in Chromium, keyboard only: set up a quarter (2 objectives, 4 key results), check in three
weeks with falling confidence on one key result, see the alert and the chart, reload, export, clear,
import and see it all back; the 1:1 summary and its Markdown file; axe in light and dark."""

from __future__ import annotations

import json
from datetime import datetime
from pathlib import Path

import pytest
from a11y_helpers import axe_in_both_schemes, use_scheme
from playwright.sync_api import Locator, Page, expect
from widget_helpers import wait_for_engine

from okr1on1 import okr_checkins

pytestmark = pytest.mark.browser

KEY = okr_checkins.STORAGE_KEY
FRIDAYS = [datetime(2026, 10, 9, 16, 0), datetime(2026, 10, 16, 16, 0), datetime(2026, 10, 23, 16, 0)]
CONFIDENCE_NPS = [8, 6, 4]  # falls by 2 each week: the alert


def type_into(field: Locator, text: str) -> None:
    field.focus()
    field.press("Control+a")
    field.page.keyboard.type(text)


def press(control: Locator, key: str = "Enter") -> None:
    control.focus()
    control.press(key)


def set_up_quarter(page: Page) -> None:
    form = page.locator(".okr-okrs__form")
    expect(form).to_be_visible()
    objectives = form.locator(".okr-okrs__objective-box")
    type_into(objectives.nth(0).locator(".okr-okrs__objective-title"), "Tevreden klanten")
    kr = objectives.nth(0).locator(".okr-okrs__kr-box")
    type_into(kr.nth(0).locator(".okr-okrs__kr-title-input"), "NPS")
    type_into(kr.nth(0).locator(".okr-okrs__start"), "20")
    type_into(kr.nth(0).locator(".okr-okrs__target"), "40")
    press(objectives.nth(0).locator(".okr-okrs__add-kr"))
    type_into(kr.nth(1).locator(".okr-okrs__kr-title-input"), "Open tickets")
    type_into(kr.nth(1).locator(".okr-okrs__start"), "100")
    type_into(kr.nth(1).locator(".okr-okrs__target"), "50")
    press(kr.nth(1).locator('input[value="lower"]'), "Space")
    press(form.locator(".okr-okrs__add-objective"))
    type_into(objectives.nth(1).locator(".okr-okrs__objective-title"), "Bèta lanceren")
    press(objectives.nth(1).locator('input[value="aspirational"]'), "Space")
    kr2 = objectives.nth(1).locator(".okr-okrs__kr-box")
    type_into(kr2.nth(0).locator(".okr-okrs__kr-title-input"), "Bèta live")
    press(kr2.nth(0).locator('input[value="milestone"]'), "Space")
    press(objectives.nth(1).locator(".okr-okrs__add-kr"))
    type_into(kr2.nth(1).locator(".okr-okrs__kr-title-input"), "Gebruikers")
    type_into(kr2.nth(1).locator(".okr-okrs__start"), "0")
    type_into(kr2.nth(1).locator(".okr-okrs__target"), "1000")
    press(form.locator('button[type="submit"]'))
    expect(page.locator(".okr-okrs__message")).to_contain_text("Je OKR's zijn bewaard")
    expect(page.locator(".okr-okrs__objective")).to_have_count(2)


def check_in(page: Page, week: int) -> None:
    press(page.locator(".okr-okrs__checkin"))
    form = page.locator(".okr-okrs__form")
    kr = form.locator(".okr-okrs__checkin-kr")
    values = {0: 22 + 3 * week, 1: 95 - 5 * week, 3: 50 * week}
    if week == 0:  # the form's limits are the engine's rules (okr_checkins.RULES)
        expect(form.locator("textarea.okr-okrs__wins")).to_have_attribute("maxlength", str(okr_checkins.MAX_NOTE))
        expect(kr.first.locator('input[type="radio"]')).to_have_count(okr_checkins.CONFIDENCE_MAX - okr_checkins.CONFIDENCE_MIN + 1)
    for index, value in values.items():
        type_into(kr.nth(index).locator(".okr-okrs__value"), str(value))
    confidences = [CONFIDENCE_NPS[week], 7, 6, 7]
    for index, confidence in enumerate(confidences):
        press(kr.nth(index).locator(f'input[type="radio"][value="{confidence}"]'), "Space")
    if week == 2:
        press(kr.nth(2).locator(".okr-okrs__done"), "Space")
        type_into(kr.nth(0).locator(".okr-okrs__note"), "Twee grote klanten weg")
    # The fields stop where the engine does (okr_checkins' limits, from the engine's quarter view).
    expect(kr.nth(0).locator(".okr-okrs__note")).to_have_attribute("maxlength", str(okr_checkins.MAX_NOTE))
    expect(form.locator("textarea.okr-okrs__wins")).to_have_attribute("maxlength", str(okr_checkins.MAX_NOTE))
    type_into(form.locator("textarea.okr-okrs__wins"), f"Winst week {week + 1}")
    type_into(form.locator("textarea.okr-okrs__next"), "Klanten bellen")
    press(form.locator('button[type="submit"]'))
    day = FRIDAYS[week].day
    expect(page.locator(".okr-okrs__message")).to_contain_text(f"Check-in voor de week van {day} okt 2026 bewaard")


def open_quarter(page: Page, weeks: int) -> None:
    """/okrs/ on the first Friday, the quarter set up, then `weeks` Fridays' check-ins."""
    page.clock.set_fixed_time(FRIDAYS[0])
    page.goto("/okrs/")
    wait_for_engine(page)
    set_up_quarter(page)
    for week, friday in enumerate(FRIDAYS[:weeks]):
        page.clock.set_fixed_time(friday)
        check_in(page, week)


def test_a_quarter_checked_in_three_weeks_survives_reload_export_clear_import(page: Page, tmp_path: Path) -> None:
    open_quarter(page, 3)

    # The alert a manager should see first, and the tip 5 follow-up.
    first = page.locator(".okr-okrs__first")
    expect(first.locator('[data-alert="confidence_drop"]')).to_contain_text("NPS")
    expect(first.locator('[data-alert="confidence_drop"]')).to_contain_text("van 6 naar 4")
    expect(first.locator('[data-alert="confidence_falling"]')).to_be_visible()
    expect(first).to_contain_text("een niveau hoger")
    # The chart of the key result, with its text equivalent: every week's confidence and progress.
    nps = page.locator('.okr-okrs__kr[data-key-result]').first
    label = nps.locator("svg.okr-trend__chart").get_attribute("aria-label") or ""
    assert "2026-W41: vertrouwen 8" in label and "2026-W43: vertrouwen 4, voortgang 40%" in label
    expect(nps.locator(".okr-trend__point")).to_have_count(3)
    # Per objective, progress against the time elapsed (numbers in Dutch).
    expect(page.locator(".okr-okrs__objective").first.locator(".okr-okrs__bar-label")).to_have_text("Voortgang 35%, verwacht 27%")
    expect(page.locator(".okr-okrs__kr-facts").first).to_contain_text("28 / 40")

    before = page.locator(".okr-okrs__view").inner_text()
    page.reload()
    wait_for_engine(page)
    expect(page.locator(".okr-okrs__objective")).to_have_count(2)
    assert page.locator(".okr-okrs__view").inner_text() == before

    with page.expect_download() as info:
        press(page.locator(".okr-okrs__export"))
    exported = tmp_path / "okrs.json"
    info.value.save_as(exported)
    data = json.loads(exported.read_text(encoding="utf-8"))
    assert data["format"] == "okr1on1-okrs" and len(data["quarters"][0]["checkins"]) == 3

    press(page.locator(".okr-okrs__delete-all"))
    press(page.locator(".okr-dialog__confirm"))
    expect(page.locator(".okr-okrs__none")).to_be_visible()
    assert page.evaluate("key => localStorage.getItem(key)", KEY) is None

    page.locator(".okr-okrs__file").set_input_files(str(exported))
    expect(page.locator(".okr-okrs__message")).to_contain_text("Geïmporteerd: 1 kwartaal erbij. 3 check-ins erbij.")
    expect(page.locator(".okr-okrs__objective")).to_have_count(2)
    assert page.locator(".okr-okrs__view").inner_text() == before


def test_one_quarter_without_check_ins_shows_no_stray_text(page: Page) -> None:
    # A part that is not there (the quarter picker with one quarter, the check-ins table with none) was
    # drawn as the text "null": replaceChildren() turns null into a text node.
    open_quarter(page, 0)
    expect(page.locator(".okr-okrs__objective")).to_have_count(2)
    expect(page.locator(".okr-okrs__picker")).not_to_contain_text("null")
    expect(page.locator(".okr-okrs__view")).not_to_contain_text("null")


def test_the_summary_shows_what_its_markdown_file_holds(page: Page, tmp_path: Path) -> None:
    open_quarter(page, 2)
    press(page.locator(".okr-okrs__prepare"))
    summary = page.locator(".okr-okrs__summary-body")
    expect(summary).to_contain_text("check-in van week 2026-W42")
    expect(summary).to_contain_text("NPS: 25 / 40 · Voortgang 25% (+15%) · Vertrouwen 6/10 (−2) · op koers")
    with page.expect_download() as info:
        press(page.locator(".okr-okrs__download"))
    path = tmp_path / "summary.md"
    info.value.save_as(path)
    markdown = path.read_text(encoding="utf-8")
    shown = [line.strip() for line in summary.inner_text().splitlines() if line.strip()]
    in_file = [line.lstrip("#-> ").replace("**", "").replace("\\", "").strip() for line in markdown.splitlines() if line.strip()]
    assert shown == in_file


def test_a_second_check_in_for_a_week_replaces_the_first_after_asking(page: Page) -> None:
    open_quarter(page, 1)
    press(page.locator(".okr-okrs__checkin"))
    expect(page.locator(".okr-okrs__form-section h2")).to_be_focused()  # the form opens where the keyboard is
    page.keyboard.press("Tab")
    expect(page.locator(".okr-okrs__date")).to_be_focused()
    kr = page.locator(".okr-okrs__checkin-kr")
    for index in range(4):
        press(kr.nth(index).locator('input[type="radio"][value="3"]'), "Space")
    press(page.locator('.okr-okrs__form button[type="submit"]'))
    expect(page.locator(".okr-dialog")).to_contain_text("2026-W41")
    press(page.locator(".okr-dialog__confirm"))
    expect(page.locator(".okr-okrs__kr-facts").first).to_contain_text("Vertrouwen 3/10")
    expect(page.locator(".okr-okrs__meta")).to_contain_text("1 check-in")


@pytest.mark.parametrize("path", ["/okrs/", "/en/okrs/"])
def test_the_okrs_page_is_accessible_in_light_and_dark(page: Page, path: str) -> None:
    use_scheme(page, "default")
    open_quarter(page, 1)
    page.goto(path)
    wait_for_engine(page)
    expect(page.locator(".okr-okrs__objective")).to_have_count(2)
    findings = axe_in_both_schemes(page, path)
    press(page.locator(".okr-okrs__checkin"))
    findings += axe_in_both_schemes(page, f"{path} check-in form")
    assert findings == []


def test_closing_the_quarter_grades_it_and_carries_unfinished_objectives_over(page: Page) -> None:
    open_quarter(page, 1)
    press(page.locator(".okr-okrs__close"))
    form = page.locator(".okr-okrs__form")
    grades = form.locator(".okr-okrs__grade-input")
    expect(grades.first).to_have_value("0.1")  # suggested: NPS went from 20 to 22 of 40
    # The form stops where the engine's rules do (okr_checkins.RULES, handed over by the engine).
    expect(grades.first).to_have_attribute("max", str(int(okr_checkins.GRADE_MAX)))
    expect(grades.first).to_have_attribute("step", str(okr_checkins.GRADE_STEP))
    expect(form.locator(".okr-okrs__lesson").first).to_have_attribute("maxlength", str(okr_checkins.MAX_LESSON))
    type_into(grades.nth(2), "1")
    type_into(grades.nth(3), "1")
    expect(form.locator(".okr-okrs__lesson").first).to_have_attribute("maxlength", str(okr_checkins.MAX_LESSON))
    type_into(form.locator(".okr-okrs__lesson").first, "Eerder met klanten praten")
    press(form.locator('button[type="submit"]'))
    expect(page.locator(".okr-okrs__message")).to_contain_text("Q1 2027")
    expect(page.locator("#okr-okrs-quarter")).to_have_text("Q1 2027")
    expect(page.locator(".okr-okrs__objective")).to_have_count(1)  # the launch was graded 1.0: finished
    expect(page.locator(".okr-okrs__objective h3")).to_contain_text("Tevreden klanten")
    page.locator("#okr-okrs-pick").select_option(label="Q4 2026")
    closed = page.locator(".okr-okrs__objective").first
    expect(closed.locator(".okr-okrs__grade")).to_contain_text("Cijfer 0,1 · niet gehaald")
    expect(closed.locator(".okr-okrs__grade q")).to_have_text("Eerder met klanten praten")
    expect(page.locator(".okr-okrs__objective").nth(1).locator(".okr-okrs__grade")).to_contain_text("Cijfer 1,0 · geslaagd")


def test_printing_the_summary_prints_only_the_summary(page: Page) -> None:
    open_quarter(page, 1)
    press(page.locator(".okr-okrs__prepare"))
    expect(page.locator(".okr-okrs__summary-body")).to_be_visible()
    page.evaluate("document.documentElement.classList.add('okr-print-summary')")  # what Print does before print()
    page.emulate_media(media="print")
    expect(page.locator(".okr-okrs__summary-body")).to_be_visible()
    for hidden in (".okr-okrs__view", ".md-header", ".md-sidebar", ".okr-okrs__files", ".okr-okrs__summary .okr-okrs__actions"):
        expect(page.locator(hidden).first).to_be_hidden()


def test_a_damaged_check_in_is_set_aside_and_the_rest_still_shows(page: Page) -> None:
    quarter = {"id": "q", "start": "2026-10-01", "end": "2026-12-31", "objectives": [
        {"id": "o", "title": "Bèta lanceren", "kind": "aspirational", "key_results": [{"id": "m", "title": "Bèta live", "type": "milestone"}]}]}
    text = okr_checkins.save_quarter(None, quarter)
    for day in ("2026-10-02", "2026-10-09"):
        entry = {"id": day, "date": day, "saved_at": f"{day}T12:00:00Z", "key_results": {"m": {"done": False, "confidence": 6}}}
        text = okr_checkins.save_checkin(text, "q", entry)
    data = json.loads(text)
    data["quarters"][0]["checkins"][0]["key_results"]["m"]["confidence"] = "zes"
    page.goto("/about/")
    page.evaluate("([key, value]) => localStorage.setItem(key, value)", [KEY, json.dumps(data)])
    page.clock.set_fixed_time(FRIDAYS[0])
    page.goto("/okrs/")
    wait_for_engine(page)
    expect(page.locator(".okr-okrs__notice")).to_contain_text("Eén bewaard onderdeel is beschadigd")
    expect(page.locator(".okr-okrs__meta")).to_contain_text("1 check-in")
    # A new check-in keeps the damaged one in the stored text: nothing is lost.
    check_in_done = page.locator(".okr-okrs__checkin")
    press(check_in_done)
    press(page.locator('.okr-okrs__checkin-kr input[type="radio"][value="7"]'), "Space")
    press(page.locator('.okr-okrs__form button[type="submit"]'))
    expect(page.locator(".okr-dialog")).to_be_visible()  # the week of 9 October is taken: asked first
    press(page.locator(".okr-dialog__confirm"))
    expect(page.locator(".okr-okrs__kr-facts").first).to_contain_text("7/10")
    kept = json.loads(page.evaluate("key => localStorage.getItem(key)", KEY))
    assert [item["entry"]["id"] for item in kept["set_aside"]] == ["2026-10-02"]


def test_editing_a_key_result_keeps_its_check_ins(page: Page) -> None:
    open_quarter(page, 2)
    press(page.locator(".okr-okrs__edit"))
    type_into(page.locator(".okr-okrs__kr-title-input").first, "Net Promoter Score")
    press(page.locator(".okr-okrs__kr-box").nth(1).locator(".okr-okrs__remove"))  # Open tickets goes
    press(page.locator('.okr-okrs__form button[type="submit"]'))
    first = page.locator(".okr-okrs__objective").first
    expect(first.locator(".okr-okrs__kr")).to_have_count(1)
    expect(first.locator(".okr-okrs__kr-title")).to_have_text("Net Promoter Score")
    expect(first.locator(".okr-trend__point")).to_have_count(2)  # both weeks stayed with it
    expect(page.locator(".okr-okrs__meta")).to_contain_text("2 check-ins")


def test_a_stored_text_that_is_not_okrs_is_kept_exportable_and_can_be_cleared(page: Page, tmp_path: Path) -> None:
    page.goto("/about/")
    page.evaluate("key => localStorage.setItem(key, '{not json')", KEY)
    page.goto("/okrs/")
    wait_for_engine(page)
    expect(page.locator(".okr-okrs__view")).to_contain_text("onleesbaar")
    with page.expect_download() as info:
        press(page.locator(".okr-okrs__export"))
    saved = tmp_path / "kept.json"
    info.value.save_as(saved)
    assert saved.read_text(encoding="utf-8") == "{not json"  # what was there, as it was
    assert page.evaluate("key => localStorage.getItem(key)", KEY) == "{not json"
    press(page.locator(".okr-okrs__delete-all"))
    press(page.locator(".okr-dialog__confirm"))
    expect(page.locator(".okr-okrs__form")).to_be_visible()  # a fresh start: the set-up
