"""The 1:1 notebook in a real browser, keyboard only, with two browser contexts (the employee's and
the manager's devices): topics sent by link, a meeting held, private and shared notes, agreements
carried over to the next meeting, exports and a printed page without the private note, a reload in
the middle of typing, and axe in light and dark."""

from __future__ import annotations

import io
import json
from collections.abc import Iterator
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from a11y_helpers import axe_in_both_schemes, use_scheme
from playwright.sync_api import Browser, Page, expect
from pypdf import PdfReader
from widget_helpers import ENGINE_TIMEOUT, BrowserLog

from conftest import CSP_LISTENER
from okr1on1 import notebook

NOTEBOOK = "/notebook/"
PRIVATE = "PRIVATE-7731 ik maak me zorgen over haar belasting"
SHARED = "SHARED-4410 minder vergaderingen op dinsdag"
TYPED = "TYPED-9902 half getypt en meteen herladen"


@pytest.fixture
def manager(browser: Browser, site_url: str) -> Iterator[tuple[Page, BrowserLog]]:
    """The manager's own browser profile: a second context, checked like the `page` fixture's."""
    log = BrowserLog(origin=site_url)
    context = browser.new_context(base_url=site_url, accept_downloads=True, locale="nl-NL", color_scheme="light")
    context.set_default_timeout(15_000)
    context.expose_function("__okrCspViolation", lambda text: log.csp_violations.append(text))
    context.add_init_script(CSP_LISTENER)
    context.on("request", lambda request: log.requests.append(request.url))
    page = context.new_page()
    page.on("console", lambda message: log.errors.append(f"console: {message.text}") if message.type == "error" else None)
    page.on("pageerror", lambda error: log.errors.append(f"pageerror: {error}"))
    yield page, log
    context.close()
    assert not log.foreign_requests(), log.foreign_requests()
    assert not log.csp_violations, log.csp_violations
    assert not log.unexpected_errors(), log.unexpected_errors()


def open_notebook(page: Page, url: str = NOTEBOOK) -> None:
    page.goto(url)
    page.wait_for_selector(".okr-notebook[data-ready]", timeout=ENGINE_TIMEOUT)


def press(page: Page, selector: str, key: str = "Enter") -> None:
    """Keyboard only: move the focus to the control and press a key on it."""
    page.locator(selector).focus()
    page.keyboard.press(key)


def type_into(page: Page, selector: str, text: str) -> None:
    page.locator(selector).focus()
    page.keyboard.type(text)


def stored(page: Page) -> str:
    return page.evaluate("JSON.stringify(Object.fromEntries(Object.entries(localStorage)))")


def saved(page: Page) -> None:
    page.wait_for_function("() => !document.querySelector('.okr-nb-saved')?.textContent.includes('…')")


def new_notebook(page: Page, name: str, url: str = NOTEBOOK) -> None:
    """Open the notebook page and create "1:1 with <name>", keyboard only."""
    open_notebook(page, url)
    type_into(page, "#okr-nb-new-name", name)
    page.keyboard.press("Enter")
    page.wait_for_selector(".okr-nb-start")


def blank_meeting(page: Page, name: str) -> None:
    """A new notebook with one meeting from the blank agenda, open."""
    new_notebook(page, name)
    press(page, ".okr-nb-start")
    page.wait_for_selector(".okr-nb-agenda")


def make_link(page: Page) -> str:
    """Press "Make link" and read the link once the engine has made it."""
    press(page, ".okr-nb-make-link")
    page.wait_for_selector("#okr-nb-link", state="visible")
    return page.input_value("#okr-nb-link")


def downloaded(page: Page, selector: str, tmp_path: Path) -> tuple[str, str]:
    with page.expect_download() as info:
        press(page, selector)
    path = tmp_path / info.value.suggested_filename
    info.value.save_as(path)
    return info.value.suggested_filename, path.read_text(encoding="utf-8")


def test_two_people_prepare_hold_and_follow_up_a_1on1(
    page: Page, browser_log: BrowserLog, manager: tuple[Page, BrowserLog], tmp_path: Path,
) -> None:
    employee = page
    boss, boss_log = manager
    today = date.today()

    # The employee, on their own device, keeps topics for the next 1:1 and makes a link.
    open_notebook(employee)
    type_into(employee, "#okr-nb-new-name", "Mark")
    employee.keyboard.press("Enter")
    employee.wait_for_selector("#okr-nb-topic")
    for topic in ("Mijn werkdruk", "Cursus in het voorjaar"):
        type_into(employee, "#okr-nb-topic", topic)
        employee.keyboard.press("Enter")
        employee.wait_for_selector(f".okr-nb-topics li:has-text('{topic}')")
    assert employee.locator(".okr-nb-copy").is_hidden() and employee.locator("#okr-nb-link").is_hidden()  # no link yet
    link = make_link(employee)
    assert "#topics=" in link and "werkdruk" not in link.lower()  # compressed, in the fragment

    # The manager opens the link on theirs: the topics land first on the agenda, as the employee's.
    open_notebook(boss, link)
    assert boss.locator(".okr-nb-topics li").all_inner_texts() == ["Mijn werkdruk", "Cursus in het voorjaar"]
    press(boss, "#okr-nb-received-into", "End")  # the only choice: a new notebook
    type_into(boss, "#okr-nb-received-name", "Anna")
    press(boss, ".okr-nb-received-add")
    boss.wait_for_selector(".okr-nb-start")
    assert "#topics=" not in boss.url  # the link's data does not linger in the address bar
    boss.locator("#okr-nb-start-agenda").select_option("okr-agenda")
    press(boss, ".okr-nb-start")
    boss.wait_for_selector("#okr-nb-note-0")
    items = [" ".join(text.split()) for text in boss.locator(".okr-nb-item .okr-nb-item__head").all_inner_texts()]
    assert items[0] == "Mijn werkdruk van Anna" and items[1] == "Cursus in het voorjaar van Anna"
    assert "Hoe was je dag tot nu toe?" in items[2]

    # During the meeting: tick, a shared and a private note, two agreements.
    press(boss, "#okr-nb-item-0", "Space")
    type_into(boss, "#okr-nb-note-0", SHARED)
    type_into(boss, "#okr-nb-note-1", PRIVATE)
    press(boss, "#okr-nb-private-1", "Space")
    yesterday = (today - timedelta(days=1)).isoformat()
    for what, who, due in (("Roadmap sturen", "me", yesterday), ("Training boeken", "them", None)):
        type_into(boss, "#okr-nb-agreement-what", what)
        boss.locator("#okr-nb-agreement-who").select_option(who)
        if due:
            boss.locator("#okr-nb-agreement-due").fill(due)
        press(boss, ".okr-nb-agreement-add")
        boss.wait_for_selector(f".okr-nb-agreement:has-text('{what}')")
    assert boss.locator(".okr-nb-agreement:has-text('Roadmap sturen') .okr-nb-overdue").is_visible()
    saved(boss)
    assert PRIVATE in stored(boss)  # kept on this device...

    # A reload in the middle of typing loses nothing.
    type_into(boss, "#okr-nb-note-2", TYPED)
    boss.reload()
    boss.wait_for_selector("#okr-nb-note-2", timeout=ENGINE_TIMEOUT)
    assert boss.input_value("#okr-nb-note-2") == TYPED
    assert boss.input_value("#okr-nb-note-1") == PRIVATE
    assert boss.locator("#okr-nb-item-0").is_checked()

    # Screen sharing: the private note is hidden, the shared one stays.
    press(boss, "#okr-nb-hide-private", "Space")
    assert not boss.locator("#okr-nb-note-1").is_visible()
    assert boss.locator("#okr-nb-note-0").is_visible()
    press(boss, "#okr-nb-hide-private", "Space")

    # ...but in no file, export or print unless explicitly included.
    name, markdown = downloaded(boss, ".okr-nb-download-md", tmp_path)
    assert name.endswith(".md") and SHARED in markdown and PRIVATE not in markdown
    assert "Roadmap sturen · ik · uiterlijk" in markdown and "**over tijd**" in markdown
    boss.emulate_media(media="print")
    printed = "".join(p.extract_text() for p in PdfReader(io.BytesIO(boss.pdf())).pages)
    boss.emulate_media(media="screen")
    assert "SHARED-4410" in printed and "PRIVATE-7731" not in printed
    press(boss, "#okr-nb-include-private", "Space")
    _, with_private = downloaded(boss, ".okr-nb-download-md", tmp_path)
    assert PRIVATE in with_private
    press(boss, "#okr-nb-include-private", "Space")

    # The next meeting, as an .ics a real iCalendar library reads: the title only.
    minutes = boss.locator("#okr-nb-ics-minutes")  # the lengths the engine accepts (notebook.meeting_ics)
    expect(minutes).to_have_attribute("min", str(notebook.MIN_MEETING_MINUTES))
    expect(minutes).to_have_attribute("max", str(notebook.MAX_MEETING_MINUTES))
    boss.locator("#okr-nb-ics-repeat").select_option("weekly")
    name, ics = downloaded(boss, ".okr-nb-ics", tmp_path)
    event = next(iter(icalendar.Calendar.from_ical(ics).walk("VEVENT")))
    assert str(event["SUMMARY"]) == "1:1 met Anna: Agenda voor een één-op-ééngesprek over OKR's"
    assert event.decoded("DTSTART").date() == today + timedelta(days=7)
    assert event["RRULE"]["FREQ"] == ["WEEKLY"]
    assert "SHARED" not in ics and "werkdruk" not in ics

    press(boss, ".okr-nb-back")
    boss.wait_for_selector(".okr-nb-export")
    _, exported = downloaded(boss, ".okr-nb-export", tmp_path)
    assert SHARED in exported and PRIVATE not in exported and TYPED in exported
    assert json.loads(exported)["format"] == "okr1on1-notebook"

    # A week later: the open agreements are carried over, marked with the date they were made.
    boss.locator("#okr-nb-start-date").fill((today + timedelta(days=7)).isoformat())
    press(boss, ".okr-nb-start")
    boss.wait_for_selector(".okr-nb-since .okr-nb-agreement")
    carried = boss.locator(".okr-nb-since .okr-nb-agreement").all_inner_texts()
    made = boss.evaluate("(day) => new Intl.DateTimeFormat('nl', {dateStyle: 'medium'}).format(new Date(day + 'T12:00:00'))", today.isoformat())
    assert len(carried) == 2
    assert all(f"doorgeschoven van {made}" in line for line in carried)
    assert "over tijd" in carried[0] and "Roadmap sturen" in carried[0]
    # One done: the meeting after shows it as done since last time, the other carried over again.
    press(boss, ".okr-nb-since .okr-nb-agreement:has-text('Roadmap sturen') input", "Space")
    boss.wait_for_selector(".okr-nb-since .okr-nb-done")
    press(boss, ".okr-nb-back")
    boss.locator("#okr-nb-start-date").fill((today + timedelta(days=14)).isoformat())
    press(boss, ".okr-nb-start")
    boss.wait_for_selector(".okr-nb-since .okr-nb-agreement")
    third = boss.locator(".okr-nb-since .okr-nb-agreement").all_inner_texts()
    assert any("Training boeken" in line and f"doorgeschoven van {made}" in line for line in third)
    assert any("Roadmap sturen" in line and "gedaan" in line for line in third)

    # The same works the other way: the manager's topic reaches the employee's notebook, as the manager's.
    press(boss, ".okr-nb-back")
    type_into(boss, "#okr-nb-topic", "Teamdag plannen")
    boss.keyboard.press("Enter")
    boss.wait_for_selector(".okr-nb-topics li:has-text('Teamdag plannen')")
    back_link = make_link(boss)
    assert "Teamdag" not in back_link
    open_notebook(employee, back_link)
    assert employee.locator("#okr-nb-received-into option:checked").inner_text() == "1:1 met Mark"
    press(employee, ".okr-nb-received-add")
    mark = employee.locator(".okr-nb-topics li:has(.okr-nb-badge--theirs)")  # in the notebook, no longer the received list
    mark.wait_for()
    assert " ".join(mark.inner_text().split()).startswith("Teamdag plannen van Mark")

    # Nothing of the manager's notes reached the employee's device, nor any server.
    assert "Anna" not in stored(employee) and SHARED not in stored(employee)
    everything = " ".join(boss_log.requests + browser_log.requests)  # every request either browser made
    assert "topics=" not in everything and "SHARED" not in everything and "PRIVATE" not in everything


def test_the_notebook_is_axe_clean_in_light_and_dark_with_a_meeting_open(page: Page) -> None:
    use_scheme(page, "default")
    open_notebook(page, "/en/notebook/")
    type_into(page, "#okr-nb-new-name", "Sam")
    page.keyboard.press("Enter")
    page.wait_for_selector("#okr-nb-topic")
    findings = axe_in_both_schemes(page, "notebook")
    press(page, ".okr-nb-start")
    page.wait_for_selector(".okr-nb-agenda")
    type_into(page, "#okr-nb-item-new", "Our own item")
    page.keyboard.press("Enter")
    page.wait_for_selector("#okr-nb-note-0")
    press(page, "#okr-nb-private-0", "Space")
    findings += axe_in_both_schemes(page, "meeting")
    assert findings == []


def test_a_damaged_notebook_is_set_aside_and_the_others_still_open(page: Page) -> None:
    open_notebook(page)
    type_into(page, "#okr-nb-new-name", "Kim")
    page.keyboard.press("Enter")
    page.wait_for_selector("#okr-nb-topic")
    page.evaluate("localStorage.setItem('okr1on1.notebook.broken', '{\"format\": \"okr1on1-notebook\", \"version\": 1, \"id\"')")
    open_notebook(page)
    assert page.locator(".okr-nb-list__link").all_inner_texts() == ["1:1 met Kim"]
    assert "null" not in page.locator(".okr-notebook__view").inner_text()
    warning = page.locator(".admonition.warning").inner_text()
    assert "okr1on1.notebook.broken" in warning and "geen leesbaar JSON-bestand" in warning
    # Kept as it was: downloadable, never overwritten.
    assert page.evaluate("localStorage.getItem('okr1on1.notebook.broken')").endswith('"id"')


def test_a_full_storage_is_said_in_words_and_the_note_stays_on_screen(page: Page) -> None:
    blank_meeting(page, "Lee")
    type_into(page, "#okr-nb-item-new", "Punt")
    page.keyboard.press("Enter")
    page.wait_for_selector("#okr-nb-note-0")
    before = stored(page)
    # The browser refuses every write from now on, as a full storage does.
    page.evaluate("""() => {
      Storage.prototype.setItem = () => { throw new DOMException("The quota has been exceeded.", "QuotaExceededError"); };
    }""")
    type_into(page, "#okr-nb-note-0", "Een notitie die niet past")
    page.wait_for_selector(".okr-nb-saved--failed")
    assert "de opslag van deze browser voor deze site is vol" in page.locator(".okr-nb-saved").inner_text()
    assert page.input_value("#okr-nb-note-0") == "Een notitie die niet past"
    assert stored(page) == before


def test_a_meeting_starts_from_the_latest_mood_check_on_this_device(page: Page) -> None:
    from widget_helpers import ui_number

    from okr1on1.content.loader import load_content
    from okr1on1.scoring import score
    from okr1on1.survey_spec import survey_spec

    content = load_content(Path(__file__).resolve().parents[2] / "content")
    survey = next(s for s in content.surveys() if s.slug == "personal-development")
    spec = survey_spec(survey, "nl", surveys=content.surveys())
    older = {"progress": 7, "strengths": 7}
    newer = {"progress": 2, "address-behaviour": 3, "career-path": 5}
    history = {"format": "okr1on1-results", "version": 1, "results": [
        {"id": "r1", "survey": "personal-development", "survey_version": 1, "saved_at": "2026-10-01T09:00:00.000Z", "answers": older, "notes": {}},
        {"id": "r2", "survey": "personal-development", "survey_version": 1, "saved_at": "2026-11-01T09:00:00.000Z", "answers": newer,
         "notes": {"progress": "NOTE-OF-THE-SURVEY"}},
        # set aside by My results (an answer off the scale), and one of a check the site no longer has:
        # neither hides the latest result
        {"id": "r3", "survey": "personal-development", "survey_version": 1, "saved_at": "2026-09-01T09:00:00.000Z",
         "answers": {"progress": 9}, "notes": {}},
        {"id": "r4", "survey": "gone-check", "survey_version": 1, "saved_at": "2026-08-01T09:00:00.000Z", "answers": {"x": 3}, "notes": {}},
    ]}
    # Chosen on an agenda page: "Use in my notebook" opens the notebook with that agenda ready.
    page.goto("/templates/feedback-conversation/")
    page.evaluate("(text) => localStorage.setItem('okr1on1.results', text)", json.dumps(history))
    press(page, ".okr-use-notebook")
    page.wait_for_selector(".okr-notebook[data-ready]", timeout=ENGINE_TIMEOUT)
    type_into(page, "#okr-nb-new-name", "Noor")
    page.keyboard.press("Enter")
    page.wait_for_selector(".okr-nb-start")
    assert page.locator("#okr-nb-start-agenda").input_value() == "feedback-conversation"
    press(page, ".okr-nb-start")
    mood = page.locator(".okr-nb-device__mood")
    mood.wait_for()
    result = score(spec, newer)
    text = mood.inner_text()
    assert text.startswith(f"Laatste stemmingscheck: {spec['title']}")
    assert f"gemiddelde {ui_number(result['mean'])}, {result['band']}" in text
    assert "NOTE-OF-THE-SURVEY" not in page.locator(".okr-notebook").inner_text()  # read-only summary, no notes
    assert page.locator(".okr-nb-device__okr").count() == 0  # no OKR check-in saved: nothing shown
    assert page.evaluate("localStorage.getItem('okr1on1.results')") == json.dumps(history)  # read, never written


def test_without_a_saved_mood_check_the_meeting_shows_none(page: Page) -> None:
    blank_meeting(page, "Ravi")
    page.wait_for_selector(".okr-nb-device[data-checked]", state="attached")  # looked, found nothing
    assert page.locator(".okr-nb-device").is_hidden()
    assert "null" not in page.locator(".okr-notebook__view").inner_text()  # the meeting has no title


def test_an_exported_notebook_imports_elsewhere_and_merges_by_id(page: Page, tmp_path: Path) -> None:
    blank_meeting(page, "Jo")
    type_into(page, "#okr-nb-item-new", "Doelen Q1")
    page.keyboard.press("Enter")
    page.wait_for_selector("#okr-nb-note-0")
    type_into(page, "#okr-nb-note-0", SHARED)
    press(page, ".okr-nb-back")
    page.wait_for_selector(".okr-nb-export")
    name, exported = downloaded(page, ".okr-nb-export", tmp_path)
    # Another device: an empty profile imports the file.
    page.evaluate("localStorage.clear()")
    open_notebook(page)
    assert page.locator(".okr-nb-list__link").count() == 0
    page.locator("#okr-nb-import-new").set_input_files(str(tmp_path / name))
    page.wait_for_selector(".okr-nb-export")
    assert "Geïmporteerd: 1 nieuw, 0 stond er al." in page.locator(".okr-notebook__message").inner_text()
    press(page, ".okr-nb-meetings a")
    page.wait_for_selector("#okr-nb-note-0")
    assert page.input_value("#okr-nb-note-0") == SHARED
    # The same file again adds nothing and changes nothing.
    before = stored(page)
    press(page, ".okr-nb-back")
    page.locator("#okr-nb-import").set_input_files(str(tmp_path / name))
    page.wait_for_selector(".okr-notebook__message :text('0 nieuw, 1 stond er al')")
    assert json.loads(stored(page)) == json.loads(before)
    assert json.loads(exported)["name"] == "Jo"


def test_a_meeting_shows_the_latest_okr_check_in_of_this_device(page: Page) -> None:
    """What My OKRs saved (okr1on1.okrs) appears read-only in the meeting: the quarter, the week and
    each objective's progress, as the engine's latest_summary gives them."""
    from okr1on1 import okr_checkins

    quarter = {"id": "q4", "name": "Q4 2026", "start": "2026-10-01", "end": "2026-12-31", "objectives": [
        {"id": "o1", "title": "Happy customers", "kind": "committed", "key_results": [
            {"id": "nps", "title": "NPS", "type": "metric", "start": 20, "target": 40, "unit": "pts", "better": "higher"}]}]}
    text = okr_checkins.save_quarter(None, quarter)
    text = okr_checkins.save_checkin(text, "q4", {"id": "c1", "date": "2026-10-09", "saved_at": "2026-10-09T16:00:00Z",
                                                 "key_results": {"nps": {"value": 30, "confidence": 7, "note": "NOTE-OF-THE-OKR"}},
                                                 "wins": "", "blockers": "", "next": ""})
    page.goto("/about/")
    page.evaluate("(text) => localStorage.setItem('okr1on1.okrs', text)", text)
    blank_meeting(page, "Sam")
    okr = page.locator(".okr-nb-device__okr")
    okr.wait_for()
    assert okr.inner_text() == "Laatste OKR-check-in: Q4 2026, week 2026-W41: Happy customers 50%"
    assert "NOTE-OF-THE-OKR" not in page.locator(".okr-notebook").inner_text()
    assert page.evaluate("localStorage.getItem('okr1on1.okrs')") == text  # read, never written
