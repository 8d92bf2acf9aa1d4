"""The team view in Chromium: a lead loads the team's open share files (made here in CPython, and by the
share buttons), sees the engine's team numbers (withheld below the site's threshold), refused files with their
reasons, the gap to their own rating and the change since a saved snapshot; nothing leaves the browser."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from playwright.sync_api import Locator, Page, expect
from widget_helpers import (
    STORAGE_KEY,
    answer_all,
    result_document,
    saved_result,
    score_and_wait,
    seed_storage,
    ui_number,
    ui_signed,
    wait_for_engine,
)

from okr1on1.content import load_content
from okr1on1.results_files import MAX_NAME, SHARE_FORMAT, share_file
from okr1on1.scoring import aggregate, compare_teams, score

pytestmark = pytest.mark.browser

TEAM = "/team/"
LEADERSHIP = "leadership-quality"
SELF = "team-lead-self-assessment"
SNAPSHOT_KEY = "okr1on1.team-snapshots"
THRESHOLD = load_content(Path(__file__).resolve().parents[2] / "content").guide.settings.team_threshold

# Seven people; role-model answered by only two of them, so that statement stays withheld.
PEOPLE = [
    {"satisfaction": 6, "zoom-out": 5, "challenge": 4, "role-model": 7},
    {"satisfaction": 3, "zoom-out": 4, "challenge": 6},
    {"satisfaction": 7, "zoom-out": 6, "challenge": 5, "role-model": 2},
    {"satisfaction": 5, "zoom-out": 2, "challenge": 3},
    {"satisfaction": 4, "zoom-out": 7, "challenge": 6},
    {"satisfaction": 6, "zoom-out": 6, "challenge": 2},
    {"satisfaction": 2, "zoom-out": 5, "challenge": 5},
]
assert 2 < THRESHOLD <= 7, "these people are too few or too many for the site's threshold"


def team_of(spec: dict[str, Any], people: list[dict[str, int]]) -> dict[str, Any]:
    """The engine's team result in CPython, at the site's threshold."""
    return aggregate(spec, [score(spec, answers) for answers in people], THRESHOLD)
OWN = {"satisfaction": 7, "zoom-out": 6, "challenge": 3, "role-model": 6}


def team_specs(page: Page) -> dict[str, dict[str, Any]]:
    """The survey specs the team page hands to the engine (the JSON island the build wrote)."""
    return {spec["id"]: spec for spec in json.loads(page.locator(".okr-team__specs").text_content() or "")}


def share(spec: dict[str, Any], answers: dict[str, int], day: int, person: str | None = None, mode: str = "open", **options: Any) -> str:
    """An open share file, unless `mode` says otherwise; each day's file is another person's unless `person` says otherwise."""
    secret = f"browser-secret-of-{person if person is not None else day}"
    return share_file(spec, answers, {"shared_at": f"2026-04-{day:02d}T09:00:00.000Z", "mode": mode, "respondent_secret": secret, **options})


def open_team(page: Page, path: str = TEAM) -> dict[str, dict[str, Any]]:
    page.goto(path)
    wait_for_engine(page)
    return team_specs(page)


def load(page: Page, *files: tuple[str, str | bytes]) -> None:
    payload = [{"name": name, "mimeType": "application/json", "buffer": text.encode() if isinstance(text, str) else text} for name, text in files]
    page.locator(".okr-team__file").set_input_files(payload)


def person_files(spec: dict[str, Any], people: list[dict[str, int]], first: int = 0) -> list[tuple[str, str]]:
    return [(f"person-{first + i + 1}.json", share(spec, answers, first + i + 1)) for i, answers in enumerate(people)]


def file_status(page: Page, name: str) -> Locator:
    return page.locator(f'tr[data-file="{name}"] td').nth(2)


def survey_section(page: Page, survey: str = LEADERSHIP) -> Locator:
    return page.locator(f'.okr-team__survey[data-survey="{survey}"]')


def row_cells(section: Locator, item: str) -> list[str]:
    return section.locator(f'.okr-table tr[data-item="{item}"] td').all_inner_texts()


def expect_team_numbers(section: Locator, spec: dict[str, Any], team: dict[str, Any], lang: str = "nl") -> None:
    """The page shows the engine's team result, rounded as the UI rounds."""
    summary = team["team"]
    expect(section.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(summary["mean"], lang))
    expect(section.locator(".okr-kpi--index .okr-kpi__value")).to_have_text(ui_number(summary["index"], lang))
    expect(section.locator(".okr-kpi--band .okr-kpi__value")).to_have_text(summary["band"])
    expect(section.locator(".okr-kpi--people .okr-kpi__value")).to_have_text(str(summary["n"]))
    for item in team["statements"]:
        cells = row_cells(section, item["id"])
        assert cells[1] == str(item["n"]), item["id"]
        if item["withheld"]:
            assert cells[2:5] == ["–", "–", "–"] and f"minder dan {THRESHOLD} reacties" in cells[0], cells
        else:
            assert cells[2:5] == [ui_number(item["mean"], lang), ui_number(item["median"], lang), ui_number(item["sd"], lang)], cells
    for tag, item in team["by_tag"].items():
        cells = row_cells(section, tag)
        assert cells[1:3] == [str(item["n"]), ui_number(item["mean"], lang) if item["mean"] is not None else "–"], (tag, cells)
        assert spec["tag_labels"][tag] in cells[0]


def test_two_files_are_withheld_and_seven_are_shown_like_cpython(page: Page) -> None:
    methods: list[str] = []
    page.on("request", lambda request: methods.append(f"{request.method} {request.url}"))
    specs = open_team(page)
    spec = specs[LEADERSHIP]
    expect(page.locator(".okr-team .okr-survey__status")).to_contain_text("er wordt niets geüpload")
    files = person_files(spec, PEOPLE)

    load(page, *files[:2])
    section = survey_section(page)
    expect(section.locator(".okr-team__responses")).to_have_text("Reacties: 2")
    withheld = section.locator(".okr-team__withheld")
    expect(withheld).to_contain_text(f"Niet getoond: minder dan {THRESHOLD} reacties")
    expect(withheld).to_contain_text("Er zijn 2 reacties op deze check geladen")
    expect(section.locator(".okr-kpi")).to_have_count(0)
    expect(section.locator("tr[data-item]")).to_have_count(0)
    expect(section.locator(".okr-team__snapshot-save")).to_be_disabled()

    load(page, *files[2:])  # a second pick adds to the files already loaded
    expect(section.locator(".okr-team__responses")).to_have_text("Reacties: 7")
    expect(page.locator(".okr-team__summary")).to_have_text("7 geaccepteerd, 0 geweigerd.")
    expect(section.locator(".okr-team__withheld")).to_have_count(0)
    team = team_of(spec, PEOPLE)
    assert not team["withheld"] and team["statements"][3]["withheld"]  # role-model: two answers only
    expect_team_numbers(section, spec, team)
    legend = section.locator(".okr-shares__legend")
    expect(legend).to_contain_text(f"Positief {round(team['team']['favourable'] * 100)}%")
    expect(section.locator(".okr-shares__bar")).to_have_attribute("role", "img")

    # Nothing was sent: only GET requests, all to the site itself (the fixture checks the origin).
    assert all(entry.startswith("GET ") for entry in methods), [entry for entry in methods if not entry.startswith("GET ")]


def test_english_team_page(page: Page) -> None:
    specs = open_team(page, "/en/team/")
    spec = specs[LEADERSHIP]
    assert spec["lang"] == "en"
    load(page, *person_files(spec, PEOPLE))
    section = survey_section(page)
    expect(section.locator(".okr-team__responses")).to_have_text("Responses: 7")
    team = team_of(spec, PEOPLE)
    expect(section.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(team["team"]["mean"], "en"))
    expect(section.locator('tr[data-item="role-model"] td').first).to_contain_text(f"fewer than {THRESHOLD} responses")
    expect(page.locator(".okr-team .okr-survey__status")).to_contain_text("nothing is uploaded")


def test_bad_files_are_refused_with_their_reasons(page: Page) -> None:
    specs = open_team(page)
    spec = specs[LEADERSHIP]
    good = person_files(spec, PEOPLE[:5])
    document = json.loads(good[0][1])
    out_of_range = {**document, "answers": {"satisfaction": 9}}
    unknown_statement = {**document, "answers": {"happiness": 4}}
    personal = result_document(saved_result("r-1", LEADERSHIP, "2026-04-01T09:00:00.000Z", {"satisfaction": 4}, {"satisfaction": "privé"}))
    named = [share(spec, PEOPLE[5], 20, name="Anna"), share(spec, PEOPLE[6], 21, name="anna ")]
    bad = {
        "copy-of-person-1.json": (good[0][1], "dubbel: dezelfde reactie als person-1.json"),
        "damaged.json": (good[1][1][:40], "beschadigd of geen JSON"),
        "export.csv": ("survey,answer\nleadership-quality,4\n", "beschadigd of geen JSON"),
        "empty.json": ("", "het bestand is leeg"),
        "other-program.json": (json.dumps({"name": "some other app", "items": [1, 2, 3]}), "komt van een ander programma"),
        "list.json": ("[1, 2, 3]", "komt van een ander programma"),
        "my-history.json": (json.dumps(personal), "volledige resultatenexport"),
        "newer.json": (json.dumps({**document, "version": 3}), "formaatversie 3"),
        "old.json": (json.dumps({**document, "version": 1}), "eerdere versie van deze site"),
        "anonymous.json": (share(spec, PEOPLE[6], 22, mode="anonymous"), "dit is een anoniem bestand"),
        "unknown-survey.json": (json.dumps({**document, "survey": "happiness-check"}), "check die deze site niet kent (happiness-check)"),
        "newer-survey.json": (json.dumps({**document, "survey_version": 5}), "versie 5 van ‘Stemmingscheck: leiderschapskwaliteit’"),
        "out-of-range.json": (json.dumps(out_of_range), "statement 'satisfaction': 9 lies outside the scale 1..7"),
        "unknown-statement.json": (json.dumps(unknown_statement), "een waarde klopt niet (unknown statement 'happiness'"),
        "no-date.json": (json.dumps({key: value for key, value in document.items() if key != "shared_at"}), "het veld ‘shared_at’"),
        "huge.json": (" " * 70_000 + good[2][1], "te groot voor een deelbestand"),
        "anna-2.json": (named[1], "dubbel: er is al een reactie van anna op deze check (anna-1.json)"),
    }
    load(page, *good, ("anna-1.json", named[0]), *[(name, content) for name, (content, _) in bad.items()])
    expect(page.locator(".okr-team__summary")).to_have_text(f"6 geaccepteerd, {len(bad)} geweigerd.")
    for name, (_, reason) in bad.items():
        status = file_status(page, name)
        expect(status).to_contain_text("Geweigerd:")
        expect(status).to_contain_text(reason)
    for name, _ in [*good, ("anna-1.json", "")]:
        expect(file_status(page, name)).to_contain_text("Geaccepteerd")
    expect(file_status(page, "anna-1.json")).to_contain_text("van Anna")
    # The refused files do not count: six people.
    section = survey_section(page)
    expect(section.locator(".okr-team__responses")).to_have_text("Reacties: 6")
    team = team_of(spec, PEOPLE[:6])
    expect(section.locator(".okr-kpi--mean .okr-kpi__value")).to_have_text(ui_number(team["team"]["mean"]))

    # Remove one file with its own button (keyboard: Enter), then all of them.
    page.locator('tr[data-file="person-1.json"] .okr-team__remove').focus()
    page.keyboard.press("Enter")
    expect(page.locator('tr[data-file="copy-of-person-1.json"]')).to_contain_text("Geaccepteerd")  # no longer a duplicate
    expect(section.locator(".okr-team__responses")).to_have_text("Reacties: 6")
    expect(page.locator('tr[data-file="person-2.json"] .okr-team__remove')).to_be_focused()  # focus stays in the list
    page.locator(".okr-team__clear").click()
    expect(page.locator(".okr-team__none")).to_be_visible()
    expect(page.locator(".okr-team__survey")).to_have_count(0)


def test_gap_between_own_rating_and_the_team(page: Page) -> None:
    specs = open_team(page)
    spec, own_spec = specs[LEADERSHIP], specs[SELF]
    assert own_spec["self_assessment_of"] == LEADERSHIP and spec["self_assessed_by"] == [SELF]
    load(page, *person_files(spec, PEOPLE), ("me.json", share(own_spec, OWN, 9)))
    expect(file_status(page, "me.json")).to_contain_text("Geaccepteerd als je eigen beoordeling")
    section = survey_section(page)
    expect(section.locator(".okr-team__responses")).to_have_text("Reacties: 7")  # the own rating is not a team response

    team = team_of(spec, PEOPLE)
    own = score(own_spec, OWN)
    gap = section.locator(".okr-team__gap")
    expect(gap).to_contain_text("Je eigen beoordeling: me.json (Zelfbeoordeling voor teamleiders)")
    expect(gap.locator(".okr-team__gap-mean")).to_contain_text(f"jij {ui_number(own['mean'])}, je team {ui_number(team['team']['mean'])}")
    expect(gap.locator(".okr-team__gap-mean .okr-change")).to_have_text(ui_signed(own["mean"] - team["team"]["mean"]))
    for item in team["statements"]:
        row = gap.locator(f'tr[data-statement="{item["id"]}"]')
        mine = OWN[item["id"]]
        expect(row.locator(".okr-team__gap-own")).to_have_text(str(mine))
        if item["withheld"]:
            expect(row.locator(".okr-team__gap-team")).to_have_text("–")
            expect(row.locator(".okr-team__gap-value")).to_have_text("–")
            expect(row).to_contain_text(f"minder dan {THRESHOLD} reacties")
        else:
            expect(row.locator(".okr-team__gap-team")).to_have_text(ui_number(item["mean"]))
            expect(row.locator(".okr-team__gap-value")).to_have_text(ui_signed(mine - item["mean"]))
    chart = gap.locator("svg.okr-gap__chart")
    expect(chart).to_have_attribute("role", "img")
    label = chart.get_attribute("aria-label") or ""
    assert f"stelling 1: jij 7, team {ui_number(team['statements'][0]['mean'])}" in label
    expect(chart.locator("circle.okr-gap__team")).to_have_count(3)  # role-model withheld: no team dot
    expect(chart.locator("rect.okr-gap__own")).to_have_count(4)

    # A second own rating is refused; a leadership-quality file marked as own counts as the lead's, not the team's.
    load(page, ("me-too.json", share(spec, OWN, 10, self_assessment=True)))
    expect(file_status(page, "me-too.json")).to_contain_text("er is al een eigen beoordeling geladen (me.json)")
    page.locator('tr[data-file="me.json"] .okr-team__remove').click()
    page.locator('tr[data-file="me-too.json"] .okr-team__remove').click()
    load(page, ("me-lq.json", share(spec, OWN, 11, self_assessment=True)))
    expect(file_status(page, "me-lq.json")).to_contain_text("Geaccepteerd als je eigen beoordeling")
    expect(section.locator(".okr-team__responses")).to_have_text("Reacties: 7")
    expect(gap).to_contain_text("me-lq.json (Stemmingscheck: leiderschapskwaliteit)")
    expect(gap.locator('tr[data-statement="challenge"] .okr-team__gap-value')).to_have_text(ui_signed(3 - team["statements"][2]["mean"]))


def test_own_rating_picked_from_the_history(page: Page) -> None:
    saved = {"satisfaction": 5, "zoom-out": 5, "challenge": 5, "role-model": 5}
    seed_storage(page, result_document(saved_result("self-1", SELF, "2026-03-30T08:00:00.000Z", saved, {"challenge": "note stays home"})))
    specs = open_team(page)
    spec = specs[LEADERSHIP]
    # With an own rating but no team files yet, the page says what is missing.
    page.locator(".okr-team__own-pick").select_option("self-1")
    gap = survey_section(page).locator(".okr-team__gap")
    expect(gap.locator(".okr-team__gap-withheld")).to_contain_text("Je eigen gemiddelde is 5,0")
    load(page, *person_files(spec, PEOPLE[:5]))
    team = team_of(spec, PEOPLE[:5])
    expect(gap.locator('tr[data-statement="satisfaction"] .okr-team__gap-value')).to_have_text(ui_signed(5 - team["statements"][0]["mean"]))
    expect(gap.locator(".okr-team__gap-mean .okr-change")).to_have_text(ui_signed(5 - team["team"]["mean"]))
    expect(page.locator(".okr-team__own-used")).to_contain_text("Zelfbeoordeling voor teamleiders")
    expect(page.locator(".okr-team")).not_to_contain_text("note stays home")


def test_snapshot_is_saved_and_compared(page: Page) -> None:
    specs = open_team(page)
    spec = specs[LEADERSHIP]
    load(page, *person_files(spec, PEOPLE))
    section = survey_section(page)
    expect(section.locator(".okr-team__snapshot-none")).to_be_visible()
    section.locator(".okr-team__snapshot-save").click()
    expect(section.locator(".okr-team__snapshot-message")).to_contain_text("bewaard in deze browser")
    stored = json.loads(page.evaluate("key => localStorage.getItem(key)", SNAPSHOT_KEY))
    assert (stored["format"], stored["version"], len(stored["snapshots"])) == ("okr1on1-team-snapshots", 2, 1)
    snapshot = stored["snapshots"][0]
    before = team_of(spec, PEOPLE)
    assert snapshot["team"]["mean"] == before["team"]["mean"] and snapshot["responses"] == 7
    assert "answers" not in json.dumps(snapshot) and "person-1" not in json.dumps(snapshot)  # team figures only

    # Next quarter: a new page (the files are gone), five new files, compared with the saved snapshot.
    later = [
        {"satisfaction": 7, "zoom-out": 6, "challenge": 6, "role-model": 5},
        {"satisfaction": 5, "zoom-out": 5, "challenge": 6, "role-model": 6},
        {"satisfaction": 6, "zoom-out": 3, "challenge": 4, "role-model": 7},
        {"satisfaction": 4, "zoom-out": 6, "challenge": 5, "role-model": 4},
        {"satisfaction": 5, "zoom-out": 4, "challenge": 7, "role-model": 5},
    ]
    page.reload()
    wait_for_engine(page)
    expect(page.locator(".okr-team__survey")).to_have_count(0)
    load(page, *person_files(spec, later, first=10))
    now = team_of(spec, later)
    change = compare_teams(snapshot, now)
    expect(section.locator(".okr-team__baseline option")).to_have_count(1)
    then_and_now = f"toen {ui_number(before['team']['mean'])} (7 reacties), nu {ui_number(now['team']['mean'])}"
    expect(section.locator(".okr-team__mean-change")).to_contain_text(then_and_now)
    expect(section.locator(".okr-team__mean-change .okr-change")).to_have_text(ui_signed(change["mean_change"]))
    for item in now["statements"]:
        row = section.locator(f'.okr-team__snapshots tr[data-statement="{item["id"]}"]')
        expect(row.locator(".okr-team__now")).to_have_text(ui_number(item["mean"]))
        difference = change["statements"][item["id"]]
        expect(row.locator(".okr-team__change")).to_have_text("–" if difference is None else ui_signed(difference))
    expect(section.locator('.okr-team__snapshots tr[data-statement="role-model"] .okr-team__then')).to_have_text("–")  # withheld then

    # Save this quarter too: the comparison stays with the snapshot it showed; both can be chosen.
    section.locator(".okr-team__snapshot-save").click()
    expect(section.locator(".okr-team__baseline option")).to_have_count(2)
    expect(section.locator(".okr-team__mean-change .okr-change")).to_have_text(ui_signed(change["mean_change"]))
    section.locator(".okr-team__baseline").focus()
    section.locator(".okr-team__baseline").select_option(index=0)  # newest first: this quarter's
    expect(section.locator(".okr-team__mean-change .okr-change")).to_have_text(ui_signed(0.0))
    expect(section.locator(".okr-team__baseline")).to_be_focused()
    section.locator(".okr-team__snapshot-delete").click()
    expect(section.locator(".okr-team__snapshot-message")).to_contain_text("Momentopname gewist")
    expect(section.locator(".okr-team__baseline option")).to_have_count(1)
    assert len(json.loads(page.evaluate("key => localStorage.getItem(key)", SNAPSHOT_KEY))["snapshots"]) == 1


def test_unreadable_snapshots_are_not_overwritten(page: Page) -> None:
    page.goto("/about/")
    page.evaluate("key => localStorage.setItem(key, '{broken')", SNAPSHOT_KEY)
    spec = open_team(page)[LEADERSHIP]
    load(page, *person_files(spec, PEOPLE))
    section = survey_section(page)
    expect(section.locator(".okr-team__snapshots")).to_contain_text("onleesbaar (not JSON)")
    expect(section.locator(".okr-team__snapshot-save")).to_be_disabled()
    assert page.evaluate("key => localStorage.getItem(key)", SNAPSHOT_KEY) == "{broken"
    section.locator(".okr-team__snapshots-clear").click()
    expect(section.locator(".okr-team__snapshot-save")).to_be_enabled()


def test_files_can_be_dropped_and_picked_with_the_keyboard(page: Page) -> None:
    spec = open_team(page)[LEADERSHIP]
    files = person_files(spec, PEOPLE[:3])
    page.evaluate(
        """files => {
          const transfer = new DataTransfer();
          for (const [name, text] of files) transfer.items.add(new File([text], name, { type: "application/json" }));
          const zone = document.querySelector(".okr-team__drop");
          zone.dispatchEvent(new DragEvent("dragover", { dataTransfer: transfer, bubbles: true, cancelable: true }));
          zone.dispatchEvent(new DragEvent("drop", { dataTransfer: transfer, bubbles: true, cancelable: true }));
        }""",
        [list(item) for item in files],
    )
    expect(survey_section(page).locator(".okr-team__responses")).to_have_text("Reacties: 3")
    # The file picker is a real <input type=file multiple> in the tab order (Enter/Space open the browser's
    # own picker), and its button shows the keyboard focus.
    page.locator(".okr-team .okr-survey__status").click()
    page.keyboard.press("Tab")
    expect(page.locator(".okr-team__role:checked")).to_be_focused()  # first the choice of role (one stop for the group)
    page.keyboard.press("Tab")
    picker = page.locator(".okr-team__file")
    expect(picker).to_be_focused()
    expect(picker).to_have_attribute("multiple", "")
    assert page.evaluate("getComputedStyle(document.querySelector('.okr-team__choose')).outlineStyle") == "solid"
    load(page, *person_files(spec, PEOPLE[3:], 3))
    expect(survey_section(page).locator(".okr-team__responses")).to_have_text("Reacties: 7")


def exported(download_path: Path) -> dict[str, Any]:
    return json.loads(download_path.read_text(encoding="utf-8"))


def test_export_for_my_team_lead_is_accepted_by_the_team_page(page: Page, tmp_path: Path) -> None:
    # From the survey's result: a name typed in, no notes.
    page.goto(f"/templates/{LEADERSHIP}/")
    answer_all(page, PEOPLE[0])
    page.locator('fieldset[data-statement="challenge"] textarea').fill("Een toelichting die privé blijft")
    score_and_wait(page)
    page.locator(".okr-share__open").click()
    dialog = page.locator("dialog.okr-share__dialog")
    expect(dialog).to_be_visible()
    # Anonymous is the default: no name, no own rating; open asks for them.
    expect(dialog.locator(".okr-share__mode--anonymous")).to_be_focused()
    expect(dialog.locator(".okr-share__mode--anonymous")).to_be_checked()
    expect(dialog.locator(".okr-share__name")).to_be_hidden()
    expect(dialog.locator(".okr-share__self")).to_be_hidden()
    dialog.locator(".okr-share__mode--open").check()
    expect(dialog.locator(".okr-share__self")).to_be_visible()  # leadership quality has a self-assessment
    expect(dialog).to_contain_text("kan je antwoorden lezen")  # the dialog says who can read what
    # The name field stops where the engine's share file does (results_files.MAX_NAME).
    expect(dialog.locator(".okr-share__name")).to_have_attribute("maxlength", str(MAX_NAME))
    dialog.locator(".okr-share__name").fill("  Anna   de Vries ")
    with page.expect_download() as download_info:
        dialog.locator(".okr-share__download").click()
    first = tmp_path / "first.json"
    download_info.value.save_as(first)
    assert download_info.value.suggested_filename.startswith(f"okr1on1-share-open-{LEADERSHIP}-")
    document = exported(first)
    assert {key: document[key] for key in ("format", "version", "mode", "survey", "survey_version", "answers", "name")} == {
        "format": SHARE_FORMAT, "version": 2, "mode": "open", "survey": LEADERSHIP, "survey_version": 1,
        "answers": PEOPLE[0], "name": "Anna de Vries",
    }
    assert set(document) == {"format", "version", "mode", "survey", "survey_version", "respondent", "answers", "name", "shared_at"}
    assert "privé" not in first.read_text(encoding="utf-8")
    expect(page.locator(".okr-share__message")).to_contain_text(download_info.value.suggested_filename)

    # From a saved result on "my results": no name unless typed, no notes, no other results.
    seed_storage(page, result_document(
        saved_result("r-1", LEADERSHIP, "2026-01-05T09:00:00.000Z", PEOPLE[1], {"zoom-out": "geheim"}),
        saved_result("r-2", LEADERSHIP, "2026-02-05T09:00:00.000Z", PEOPLE[2]),
    ))
    page.goto("/results/")
    wait_for_engine(page)
    page.locator('tr[data-result="r-1"] .okr-history__share').click()
    dialog = page.locator(".okr-history dialog.okr-share__dialog")
    dialog.locator(".okr-share__mode--open").check()
    with page.expect_download() as download_info:
        dialog.locator(".okr-share__download").click()
    second = tmp_path / "second.json"
    download_info.value.save_as(second)
    document = exported(second)
    assert document["answers"] == PEOPLE[1] and "name" not in document and "notes" not in document
    assert document["respondent"] == exported(first)["respondent"]  # one browser, one person
    assert "geheim" not in second.read_text(encoding="utf-8")
    expect(page.locator(".okr-history__message")).to_contain_text(download_info.value.suggested_filename)

    # The team page takes both files, plus four made in CPython. Both exports came from one browser: one
    # person, and the newer export counts.
    spec = open_team(page)[LEADERSHIP]
    load(page, ("anna.json", first.read_bytes()), ("bert.json", second.read_bytes()), *person_files(spec, PEOPLE[2:6]))
    expect(page.locator(".okr-team__summary")).to_have_text("5 geaccepteerd, 1 geweigerd.")
    expect(file_status(page, "anna.json")).to_contain_text("een oudere export van dezelfde persoon; de nieuwste telt (bert.json)")
    team = team_of(spec, PEOPLE[1:6])
    expect_team_numbers(survey_section(page), spec, team)


def test_share_checkbox_only_where_a_self_assessment_exists(page: Page, tmp_path: Path) -> None:
    page.goto("/templates/personal-development/")
    answer_all(page, {"progress": 5, "strengths": 6})
    score_and_wait(page)
    page.locator(".okr-share__open").click()
    expect(page.locator(".okr-share__self")).to_be_hidden()
    page.keyboard.press("Escape")
    expect(page.locator("dialog.okr-share__dialog")).to_be_hidden()

    page.goto(f"/en/templates/{LEADERSHIP}/")
    answer_all(page, OWN)
    score_and_wait(page)
    page.locator(".okr-share__open").click()
    page.locator(".okr-share__mode--open").check()
    page.locator(".okr-share__self").check()
    with page.expect_download() as download_info:
        page.locator(".okr-share__download").click()
    path = tmp_path / "own.json"
    download_info.value.save_as(path)
    assert exported(path)["self_assessment"] is True and exported(path)["answers"] == OWN
    assert page.evaluate("key => localStorage.getItem(key)", STORAGE_KEY) is None  # sharing saves nothing
