"""The team page under hostile files (issue 12, cases 5 and 8): a share file nested thousands of
levels deep is refused like any damaged file and the view goes on; a snapshots document with a
`NaN` is said to be unreadable and can be deleted, instead of breaking the team view for good."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect
from test_team import LEADERSHIP, PEOPLE, SNAPSHOT_KEY, file_status, load, open_team, person_files, survey_section

pytestmark = pytest.mark.browser


def test_a_deeply_nested_share_file_is_refused_and_the_team_view_goes_on(page: Page) -> None:
    spec = open_team(page)[LEADERSHIP]
    load(page, *person_files(spec, PEOPLE[:3]), ("deep.json", "[" * 3000 + "]" * 3000))
    expect(page.locator(".okr-team__summary")).to_contain_text("3 geaccepteerd, 1 geweigerd")
    expect(file_status(page, "deep.json")).to_contain_text("beschadigd of geen JSON")
    load(page, *person_files(spec, PEOPLE[3:4], first=3))  # the engine still answers
    expect(page.locator(".okr-team__summary")).to_contain_text("4 geaccepteerd, 1 geweigerd")
    expect(survey_section(page)).to_contain_text("Reacties: 4")


NAN_SNAPSHOTS = (
    '{"format": "okr1on1-team-snapshots", "version": 1, "snapshots": [{"id": "s-1", "survey": "leadership-quality",'
    ' "survey_version": 1, "saved_at": "2026-01-10T09:00:00.000Z", "min_responses": 3, "responses": 3,'
    ' "team": {"n": 3, "mean": NaN, "median": 5, "sd": 1, "favourable": 1, "neutral": 0, "unfavourable": 0},'
    ' "statements": [], "by_tag": {}}]}'
)


def test_snapshots_holding_nan_are_unreadable_and_can_be_deleted(page: Page) -> None:
    page.goto("/about/")
    page.evaluate("([key, text]) => localStorage.setItem(key, text)", [SNAPSHOT_KEY, NAN_SNAPSHOTS])
    spec = open_team(page)[LEADERSHIP]
    load(page, *person_files(spec, PEOPLE))
    section = survey_section(page)
    expect(section.locator(".okr-team__snapshots")).to_contain_text("onleesbaar")
    expect(section.locator(".okr-team__snapshot-save")).to_be_disabled()
    section.locator(".okr-team__snapshots-clear").click()
    expect(section.locator(".okr-team__snapshot-save")).to_be_enabled()
    section.locator(".okr-team__snapshot-save").click()
    expect(section.locator(".okr-team__snapshots")).to_contain_text("bewaard in deze browser")
