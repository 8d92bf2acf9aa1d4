"""The saved history cannot be bricked (issue 12): a note too long, an import the reader would later
refuse, a content update that removed a statement, another survey's results, files nested thousands
of levels deep, odd statement ids, storage that throws. Each time the valid results stay usable, the
bad ones are set aside in words with a way out, and nothing is lost."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path
from typing import Any

import pytest
from history_pages import confirm, import_text, renamed_statements, serve_changed_specs, without_statement
from playwright.sync_api import Page, expect
from widget_helpers import (
    FIRST,
    PERSONAL,
    SECOND,
    STORAGE_KEY,
    BrowserLog,
    answer,
    history_rows,
    result_document,
    saved_result,
    score_and_wait,
    seed_storage,
    stored,
    ui_number,
    wait_for_engine,
)

from okr1on1.scoring import score

pytestmark = pytest.mark.browser

PD = "personal-development"
LQ = "leadership-quality"
CAREER = "Ik zie binnen het bedrijf een aantrekkelijk loopbaanpad voor me."


def two_results() -> dict[str, Any]:
    return result_document(
        saved_result("r-1", PD, "2026-01-12T09:00:00.000Z", FIRST, {"career-path": "Geen zicht op groei"}),
        saved_result("r-2", PD, "2026-04-12T09:00:00.000Z", SECOND),
    )


def open_results(page: Page, path: str = "/results/") -> None:
    page.goto(path)
    wait_for_engine(page)


def section(page: Page, survey: str = PD):
    return page.locator(f'.okr-history__survey[data-survey="{survey}"]')


def specs_of(page: Page) -> dict[str, dict[str, Any]]:
    return {spec["id"]: spec for spec in json.loads(page.locator(".okr-history__specs").text_content() or "")}


def save_on_survey(page: Page, path: str = PERSONAL, value: int = 5) -> None:
    page.goto(path)
    answer(page, "progress", value)
    score_and_wait(page)
    page.locator(".okr-save__button").click()


# --- 1. a note longer than the limit --------------------------------------------------------


def test_a_note_is_bounded_where_it_is_typed_and_again_on_save(page: Page) -> None:
    seed_storage(page, two_results())
    before = stored(page)
    page.goto(PERSONAL)
    note = page.locator('fieldset[data-statement="progress"] textarea')
    assert note.get_attribute("maxlength") == "5000"
    note.focus()
    page.keyboard.insert_text("x" * 5001)  # typing (or pasting) stops at the limit
    assert len(note.input_value()) == 5000

    # A longer note that gets into the form another way (a script, an old copy of the page) is refused
    # on save, in words, and the history is as it was.
    page.evaluate("el => { el.value = 'y'.repeat(5001); }", note.element_handle())
    answer(page, "progress", 4)
    score_and_wait(page)
    page.locator(".okr-save__button").click()
    message = page.locator(".okr-save__message")
    expect(message).to_contain_text("Bewaren is niet gelukt")
    expect(message).to_contain_text("langer dan 5000 tekens")
    assert stored(page) == before
    open_results(page)
    expect(section(page).locator("tr[data-result]")).to_have_count(2)
    expect(page.locator(".okr-history__unreadable")).to_have_count(0)


def test_a_stored_result_that_cannot_be_read_is_set_aside_and_the_rest_keeps_working(page: Page, tmp_path: Path) -> None:
    bad = saved_result("r-bad", PD, "2026-02-12T09:00:00.000Z", {"career-path": 4}, {"career-path": "z" * 5001})
    document = two_results()
    document["results"].insert(1, bad)
    seed_storage(page, document)
    as_stored = stored(page)
    open_results(page)
    expect(section(page).locator("tr[data-result]")).to_have_count(2)
    box = page.locator(".okr-history__unreadable")
    expect(box).to_contain_text("1 resultaat kon niet worden gelezen")
    expect(box).to_contain_text(f"de toelichting bij ‘{CAREER[:39]}…’ is geen tekst of langer dan 5000 tekens")
    expect(box).to_contain_text("12 feb 2026")  # which result: its date
    expect(box).not_to_contain_text("import_bad_result")
    expect(box).not_to_contain_text("notes.")

    # Export everything as it is: the stored text, byte for byte.
    with page.expect_download() as raw:
        box.locator(".okr-history__export-raw").click()
    assert Path(raw.value.path()).read_text(encoding="utf-8") == as_stored
    # The ordinary export holds the good results.
    with page.expect_download() as good:
        page.locator(".okr-history__export-json").click()
    assert [r["id"] for r in json.loads(Path(good.value.path()).read_text(encoding="utf-8"))["results"]] == ["r-1", "r-2"]

    # Saving still works, and keeps the unreadable result for the person to decide on.
    save_on_survey(page)
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaard op")
    ids = [r["id"] for r in json.loads(stored(page) or "{}")["results"]]
    assert len(ids) == 4 and "r-bad" in ids

    open_results(page)
    expect(section(page).locator("tr[data-result]")).to_have_count(3)
    page.locator(".okr-history__remove-unreadable").click()
    expect(page.locator("dialog[open]")).to_contain_text("je andere resultaten blijven staan")
    confirm(page)
    expect(page.locator(".okr-history__message")).to_contain_text("De onleesbare resultaten zijn gewist")
    expect(page.locator(".okr-history__unreadable")).to_have_count(0)
    expect(section(page).locator("tr[data-result]")).to_have_count(3)
    assert "r-bad" not in [r["id"] for r in json.loads(stored(page) or "{}")["results"]]


# --- 2. imports the engine accepted and the page's reader refused ---------------------------


EDGE_IMPORTS = [
    pytest.param({"survey_version": 10**400}, "survey_version", id="survey-version-401-digits"),
    pytest.param({"id": "\U0001f600" * 100}, "(id)", id="id-of-100-emoji"),
    pytest.param({"notes": {"progress": "\U0001f600" * 2600}}, "notes.progress", id="note-of-2600-emoji"),
]


@pytest.mark.parametrize(("change", "field"), EDGE_IMPORTS)
def test_an_import_is_refused_with_the_field_when_the_history_could_not_hold_it(page: Page, change: dict[str, Any], field: str) -> None:
    seed_storage(page, two_results())
    before = stored(page)
    open_results(page)
    incoming = saved_result("r-3", PD, "2026-06-12T09:00:00.000Z", {"progress": 6}) | change
    import_text(page, json.dumps(result_document(incoming), ensure_ascii=False))
    message = page.locator(".okr-history__message")
    expect(message).to_contain_text("Import geweigerd")
    expect(message).to_contain_text(field)
    assert len(message.inner_text()) < 300  # no 401-digit number in the message
    assert stored(page) == before
    page.reload()
    wait_for_engine(page)
    expect(section(page).locator("tr[data-result]")).to_have_count(2)
    expect(page.locator(".okr-history__unreadable")).to_have_count(0)


def test_refusals_show_no_giant_numbers_and_no_infinity(page: Page) -> None:
    open_results(page)
    huge = result_document(saved_result("r-9", PD, "2026-06-12T09:00:00.000Z", {"progress": 10**3999}))
    import_text(page, json.dumps(huge))
    message = page.locator(".okr-history__message")
    expect(message).to_contain_text("Import geweigerd")
    expect(message).to_contain_text("progress")
    assert len(message.inner_text()) < 300
    infinite = json.dumps(result_document(saved_result("r-9", PD, "2026-06-12T09:00:00.000Z", {"progress": 4})))
    import_text(page, infinite.replace('"version": 1', '"version": 1e999'))
    expect(message).to_contain_text("geen resultatenbestand van deze site")
    expect(message).not_to_contain_text("Infinity")
    expect(message).not_to_contain_text("inf")


# --- 3. a content update removed a statement ------------------------------------------------


def test_answers_and_notes_on_a_removed_statement_stay_and_show_as_such(page: Page) -> None:
    seed_storage(page, two_results())
    drop_career = without_statement(PD, "career-path")
    serve_changed_specs(page, "/results/", drop_career)
    serve_changed_specs(page, PERSONAL, drop_career)
    open_results(page)
    rows = section(page).locator("tr[data-result]")
    expect(rows).to_have_count(2)
    spec = specs_of(page)[PD]
    assert "career-path" not in {s["id"] for s in spec["statements"]}
    latest = score(spec, {key: value for key, value in SECOND.items() if key != "career-path"})
    expect(section(page).locator(".okr-history__latest-mean")).to_have_text(ui_number(latest["mean"]))
    section(page).locator(".okr-history__toggle").first.click()
    removed = section(page).locator('tr.okr-history__answers li[data-statement="career-path"]')
    expect(removed).to_contain_text("niet meer in deze check")
    expect(removed).to_contain_text("Geen zicht op groei")

    save_on_survey(page)  # the survey page of the new content saves beside the old results
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaard op")
    kept = json.loads(stored(page) or "{}")["results"]
    assert len(kept) == 3
    assert kept[0]["notes"] == {"career-path": "Geen zicht op groei"} and kept[0]["answers"] == FIRST


# --- 4. another survey's results in the history ----------------------------------------------


def test_results_of_other_surveys_never_stop_a_save(page: Page) -> None:
    retired = saved_result("x-1", "retired-check", "2025-11-01T09:00:00.000Z", {"old-question": 3}, {"old-question": "van toen"})
    team_lead = saved_result("l-1", LQ, "2026-02-01T09:00:00.000Z", {"satisfaction": 6})
    document = result_document(retired, *two_results()["results"], team_lead)
    seed_storage(page, document)
    save_on_survey(page)
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaard op")
    kept = json.loads(stored(page) or "{}")["results"]
    assert len(kept) == 5
    assert retired in kept and team_lead in kept  # as they were
    open_results(page)
    expect(section(page).locator("tr[data-result]")).to_have_count(3)
    expect(section(page, LQ).locator("tr[data-result]")).to_have_count(1)
    expect(page.locator(".okr-history__other")).to_contain_text("1 bewaard resultaat hoort bij een check die deze site niet (meer) heeft")


# --- 5. files nested thousands of levels deep -----------------------------------------------


def deep(levels: int) -> str:
    return "[" * levels + "]" * levels


def test_deeply_nested_files_and_documents_are_refused_with_a_message(page: Page) -> None:
    seed_storage(page, two_results())
    before = stored(page)
    open_results(page)
    for levels in (3000, 40, 100_000):
        import_text(page, deep(levels))
        message = page.locator(".okr-history__message")
        expect(message).to_contain_text("Import geweigerd")
        expect(message).to_contain_text("dieper genest")
        page.evaluate("document.querySelector('.okr-history__message').replaceChildren()")
    assert stored(page) == before
    expect(section(page).locator("tr[data-result]")).to_have_count(2)  # the engine still answers

    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [STORAGE_KEY, '{"format": "okr1on1-results", "results": ' + deep(5000) + "}"])
    page.reload()
    wait_for_engine(page)
    problem = page.locator(".okr-history__rescue")
    expect(problem).to_contain_text("De bewaarde resultaten zijn onleesbaar")
    expect(problem).to_contain_text("dieper genest dan deze site ooit schrijft")
    expect(problem.locator(".okr-history__export-raw")).to_be_enabled()
    page.locator(".okr-history__delete").click()
    confirm(page)
    expect(page.locator(".okr-history__message")).to_contain_text("Al je bewaarde resultaten zijn uit deze browser gewist")
    assert stored(page) is None


# --- 8. odd statement ids, storage that throws, another tab -----------------------------------


def test_statement_ids_constructor_and_proto_show_as_themselves(page: Page) -> None:
    names = {"strengths": "constructor", "career-path": "__proto__"}
    answers = {"progress": 3, "__proto__": 5}  # "constructor" not answered
    seed_storage(page, result_document(saved_result("r-1", PD, "2026-01-12T09:00:00.000Z", answers)))
    serve_changed_specs(page, "/results/", renamed_statements(PD, names))
    open_results(page)
    rows = section(page).locator("tr[data-result]")
    expect(rows).to_have_count(1)
    spec = specs_of(page)[PD]
    expect(section(page).locator(".okr-history__latest-mean")).to_have_text(ui_number(score(spec, answers)["mean"]))
    section(page).locator(".okr-history__toggle").click()
    listed = section(page).locator("tr.okr-history__answers li")
    expect(listed).to_have_count(2)
    expect(section(page).locator('li[data-statement="__proto__"]')).to_contain_text("5 · Enigszins eens")
    expect(section(page).locator("tr.okr-history__answers")).not_to_contain_text("function")
    with page.expect_download() as download_info:
        page.locator(".okr-history__export-csv").click()
    text = Path(download_info.value.path()).read_text(encoding="utf-8-sig")
    assert "function" not in text and "[object" not in text
    assert [(row["statement_id"], row["answer"]) for row in csv.DictReader(io.StringIO(text))] == [("progress", "3"), ("__proto__", "5")]


def test_storage_that_throws_on_reading_is_said_on_the_results_page(page: Page, browser_log: BrowserLog) -> None:
    browser_log.allow(r"storage is switched off")
    page.context.add_init_script(
        """(() => { const read = Storage.prototype.getItem;
        Storage.prototype.getItem = function (key) {
          if (String(key).startsWith("okr1on1.")) throw new DOMException("storage is switched off (test)", "SecurityError");
          return read.call(this, key);
        }; })();"""
    )
    open_results(page)
    expect(page.locator(".okr-history")).to_contain_text("Deze browser laat de site zijn lokale opslag niet lezen")
    expect(page.locator(".okr-history__delete")).to_be_disabled()
    page.goto("/en/results/")
    wait_for_engine(page)
    expect(page.locator(".okr-history")).to_contain_text("This browser does not let the site read its local storage")


def test_delete_all_deletes_only_what_was_shown(page: Page) -> None:
    seed_storage(page, two_results())
    open_results(page)
    page.locator(".okr-history__delete").click()
    expect(page.locator("dialog[open]")).to_contain_text("2 bewaarde resultaten")
    other_tab = page.context.new_page()  # another tab saves a result while the dialog is open
    other_tab.goto("/about/")
    later = saved_result("r-3", PD, "2026-06-12T09:00:00.000Z", {"progress": 7})
    other_tab.evaluate(
        """([key, result]) => { const doc = JSON.parse(localStorage.getItem(key)); doc.results.push(result);
           localStorage.setItem(key, JSON.stringify(doc)); }""",
        [STORAGE_KEY, later],
    )
    confirm(page)
    expect(page.locator(".okr-history__message")).to_contain_text("Wat intussen in een ander tabblad is bewaard, is gebleven")
    assert [r["id"] for r in json.loads(stored(page) or "{}")["results"]] == ["r-3"]
    expect(section(page).locator("tr[data-result]")).to_have_count(1)


# --- 7. a way out for one result --------------------------------------------------------------


def test_one_result_is_deleted_with_confirmation_and_undone(page: Page) -> None:
    seed_storage(page, two_results())
    before = stored(page)
    open_results(page)
    first_row = section(page).locator('tr[data-result="r-1"]')
    first_row.locator(".okr-history__remove").click()
    dialog = page.locator("dialog[open]")
    expect(dialog).to_contain_text("Dit resultaat wissen?")
    expect(dialog).to_contain_text("12 jan 2026")
    expect(dialog).to_contain_text("Stemmingscheck: persoonlijke ontwikkeling")
    dialog.locator(".okr-dialog__cancel").click()
    expect(section(page).locator("tr[data-result]")).to_have_count(2)
    assert stored(page) == before

    first_row.locator(".okr-history__remove").click()
    confirm(page)
    message = page.locator(".okr-history__message")
    expect(message).to_contain_text("Het resultaat van 12 jan 2026")
    expect(section(page).locator("tr[data-result]")).to_have_count(1)
    assert [r["id"] for r in json.loads(stored(page) or "{}")["results"]] == ["r-2"]
    message.locator(".okr-history__undo").click()
    expect(message).to_contain_text("staat er weer")
    expect(section(page).locator("tr[data-result]")).to_have_count(2)
    assert json.loads(stored(page) or "{}") == json.loads(before or "{}")


def test_a_long_history_shows_its_latest_rows_and_the_whole_trend(page: Page) -> None:
    results = [saved_result(f"r-{i:03d}", PD, f"2026-01-01T{i // 60:02d}:{i % 60:02d}:00.000Z", {"progress": 1 + i % 7}) for i in range(120)]
    seed_storage(page, result_document(*results))
    open_results(page)
    expect(section(page).locator("tr[data-result]")).to_have_count(50)
    expect(section(page).locator("tr[data-result]").last).to_have_attribute("data-result", "r-119")
    expect(section(page).locator(".okr-history__paging")).to_contain_text("de laatste 50 van 120 resultaten")
    assert (section(page).locator(".okr-trend__line").get_attribute("d") or "").count("L") == 119  # every result in the trend
    section(page).locator(".okr-history__earlier").click()
    expect(section(page).locator("tr[data-result]")).to_have_count(120)
    assert len(history_rows(page, PD)) == 120


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["/results/", "/en/results/"])
def test_the_saved_results_table_fits_its_column(page: Page, width: int, path: str) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    seed_storage(page, two_results())
    open_results(page, path)
    expect(section(page).locator("tr[data-result]")).to_have_count(2)
    section(page).locator(".okr-history__toggle").first.click()
    overflowing = page.evaluate(
        """() => [...document.querySelectorAll('.okr-history__survey .okr-table')]
             .filter((box) => box.scrollWidth > box.clientWidth + 1).map((box) => box.textContent.slice(0, 40))"""
    )
    assert overflowing == []
    for control in (".okr-history__share", ".okr-history__remove", ".okr-history__toggle"):
        box = section(page).locator(control).first.bounding_box()
        table_box = section(page).locator(".okr-table").first.bounding_box()
        assert box and table_box and box["x"] + box["width"] <= table_box["x"] + table_box["width"] + 1, control
