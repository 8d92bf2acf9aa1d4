"""The widgets in every state a reader meets (engine ready, notices, results, saved, stale, history
with trend, the delete dialog, a refused import, the team view with files) pass axe-core in light
and dark, and every chart in the results has a text equivalent that says the same as the chart."""

from __future__ import annotations

import json
import re

import pytest
from a11y_helpers import axe_in_both_schemes, charts_without_text, use_scheme
from playwright.sync_api import Page, expect
from widget_helpers import PERSONAL, answer, result_document, saved_result, score_and_wait, seed_storage, wait_for_engine

from okr1on1.results_files import share_file

pytestmark = pytest.mark.browser

ANSWERS = [
    {"progress": 3, "address-behaviour": 4, "receive-feedback": 2, "career-path": 3, "strengths": 5},
    {"progress": 6, "address-behaviour": 5, "receive-feedback": 5, "career-path": 4, "strengths": 6},
    {"progress": 7, "address-behaviour": 6, "receive-feedback": 4, "career-path": 2, "strengths": 7},
]


def test_survey_states_pass_axe_and_charts_have_text(page: Page) -> None:
    use_scheme(page, "default")
    page.goto(PERSONAL)
    wait_for_engine(page)
    findings = axe_in_both_schemes(page, "engine ready")

    page.locator(".okr-survey__score").click()  # nothing answered
    expect(page.locator(".okr-survey__notice .admonition")).to_be_visible()
    findings += axe_in_both_schemes(page, "nothing answered")

    answer(page, "progress", 2, note="Het gaat traag.")
    answer(page, "strengths", 6)
    score_and_wait(page)  # with a notice about the three unanswered statements
    findings += axe_in_both_schemes(page, "results")
    assert not charts_without_text(page)
    shares = page.locator(".okr-shares__bar")
    label = shares.get_attribute("aria-label") or ""
    legend = page.locator(".okr-shares__legend").inner_text()
    assert all(percent in legend for percent in re.findall(r"\d+%", label)) and len(re.findall(r"\d+%", label)) == 3
    # Each decorative bar sits beside the number it draws.
    for row in page.locator(".okr-survey__results tr:has(svg.okr-bar)").all():
        expect(row.locator(".okr-num")).not_to_have_text("")

    page.locator(".okr-save__button").click()
    expect(page.locator(".okr-save__message")).to_contain_text("Bewaard op")
    findings += axe_in_both_schemes(page, "saved")

    answer(page, "progress", 4)  # the shown result no longer matches the form
    expect(page.locator(".okr-survey__stale")).to_be_visible()
    findings += axe_in_both_schemes(page, "stale")
    assert not findings, "\n".join(findings)


def test_my_results_states_pass_axe_and_the_trend_has_text(page: Page) -> None:
    use_scheme(page, "default")
    results = [
        saved_result(f"r-{i}", "personal-development", f"2026-0{i + 1}-12T09:00:00.000Z", a, {"progress": "Noot"}) for i, a in enumerate(ANSWERS)
    ]
    seed_storage(page, result_document(*results))
    page.goto("/results/")
    wait_for_engine(page)
    section = page.locator('.okr-history__survey[data-survey="personal-development"]')
    expect(section.locator("circle.okr-trend__point")).to_have_count(3)
    section.locator(".okr-history__toggle").first.click()
    section.locator(".okr-history__statement-changes summary").click()
    findings = axe_in_both_schemes(page, "history")

    assert not charts_without_text(page)
    # The trend's name lists the same means as the table of saved results.
    label = section.locator(".okr-trend__chart").get_attribute("aria-label") or ""
    means = section.locator("tr[data-result] td:nth-child(2)").all_inner_texts()
    assert len(means) == 3 and all(mean in label for mean in means), (label, means)

    page.locator(".okr-history__delete").click()
    dialog = page.locator("dialog.okr-dialog[open]")
    expect(dialog).to_be_visible()
    findings += axe_in_both_schemes(page, "delete dialog")
    dialog.locator(".okr-dialog__cancel").click()

    page.locator(".okr-history__file").set_input_files(
        {"name": "x.json", "mimeType": "application/json", "buffer": json.dumps({"not": "ours"}).encode()}
    )
    expect(page.locator(".okr-history__message")).to_contain_text("Import geweigerd")
    findings += axe_in_both_schemes(page, "import refused")
    assert not findings, "\n".join(findings)


def test_team_view_passes_axe_and_its_charts_have_text(page: Page) -> None:
    use_scheme(page, "default")
    page.goto("/team/")
    wait_for_engine(page)
    findings = axe_in_both_schemes(page, "team, no files")
    specs = {spec["id"]: spec for spec in json.loads(page.locator(".okr-team__specs").text_content() or "")}
    team_spec, own_spec = specs["leadership-quality"], specs["team-lead-self-assessment"]
    people = [
        {"satisfaction": 6, "zoom-out": 5, "challenge": 4},
        {"satisfaction": 3, "zoom-out": 4},
        {"satisfaction": 7, "zoom-out": 6, "challenge": 5},
        {"satisfaction": 5, "zoom-out": 2, "challenge": 6},
        {"satisfaction": 4, "zoom-out": 5, "challenge": 3},
    ]  # as many as the site's threshold (5), so the team is shown

    def options(i: int) -> dict[str, str]:
        return {"shared_at": f"2026-04-0{i}T09:00:00.000Z", "mode": "open", "respondent_secret": f"browser-secret-of-person-{i}"}

    files = [(f"person-{i}.json", share_file(team_spec, answers, options(i))) for i, answers in enumerate(people, start=1)]
    files += [("me.json", share_file(own_spec, {"satisfaction": 7, "zoom-out": 3, "challenge": 6}, options(9)))]
    files += [("broken.json", "{ not json")]
    page.locator(".okr-team__file").set_input_files([{"name": name, "mimeType": "application/json", "buffer": text.encode()} for name, text in files])
    expect(page.locator(".okr-team__summary")).to_contain_text("6 geaccepteerd, 1 geweigerd")
    expect(page.locator("svg.okr-gap__chart")).to_have_count(1)
    findings += axe_in_both_schemes(page, "team with files")
    assert not charts_without_text(page)
    assert not findings, "\n".join(findings)
