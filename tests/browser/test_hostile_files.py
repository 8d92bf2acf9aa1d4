"""Imported files are data, never markup: a team share file whose person's name, file name or survey
id holds `<script>`, `<img onerror>` or a `javascript:` link, and a results export whose notes and
ids do, show those texts literally on the team page and in "my results", and nothing runs.
(test_history.py covers an <img onerror> note in a results import; this adds the team page and
`javascript:` links.)"""

from __future__ import annotations

import json

import pytest
from playwright.sync_api import Page, expect
from widget_helpers import result_document, saved_result, wait_for_engine

from okr1on1.results_files import share_file

pytestmark = pytest.mark.browser

PWN_IMG = '<img src=x onerror="window.__pwned=1">'
PWN_SCRIPT = "<script>window.__pwned=2</script>"
PWN_LINK = '<a href="javascript:window.__pwned=3">klik</a> javascript:window.__pwned=4'
PEOPLE = [
    {"satisfaction": 6, "zoom-out": 5, "challenge": 4},
    {"satisfaction": 3, "zoom-out": 4, "challenge": 6},
    {"satisfaction": 7, "zoom-out": 6, "challenge": 5},
]


def nothing_ran(page: Page) -> None:
    page.wait_for_timeout(200)  # an image error or a script would have fired by now
    assert page.evaluate("window.__pwned") is None
    assert page.locator("article img, article script:not([type='application/json']), article a[href^='javascript']").count() == 0
    on_attributes = page.evaluate(
        "() => [...document.querySelectorAll('body *')].flatMap((e) => [...e.attributes].filter((a) => a.name.startsWith('on')).map((a) => a.name))"
    )
    assert not on_attributes


def test_team_share_files_with_markup_show_it_as_text(page: Page) -> None:
    page.goto("/team/")
    wait_for_engine(page)
    spec = next(s for s in json.loads(page.locator(".okr-team__specs").text_content() or "") if s["id"] == "leadership-quality")
    names = [PWN_IMG, PWN_SCRIPT, PWN_LINK[:80]]
    files = [
        (
            f'person-{i}"><img src=x onerror=window.__pwned=5>.json',
            share_file(spec, answers, {"shared_at": f"2026-04-0{i}T09:00:00.000Z", "name": name, "mode": "open",
                                       "respondent_secret": f"secret-of-person-{i:04d}"}),
        )
        for i, (answers, name) in enumerate(zip(PEOPLE, names, strict=True), start=1)
    ]
    other_survey = json.loads(files[0][1]) | {"survey": PWN_IMG, "name": "x"}
    files.append(("evil-survey.json", json.dumps(other_survey)))
    payload = [{"name": name, "mimeType": "application/json", "buffer": text.encode()} for name, text in files]
    page.locator(".okr-team__file").set_input_files(payload)

    expect(page.locator(".okr-team__summary")).to_contain_text("3 geaccepteerd, 1 geweigerd")
    for (file_name, _), person in zip(files[:3], names, strict=True):
        row = page.locator(".okr-team__file-row").filter(has=page.get_by_text(file_name, exact=True))
        expect(row).to_have_count(1)
        expect(row).to_contain_text(person)
    expect(page.locator('tr[data-file="evil-survey.json"]')).to_contain_text(PWN_IMG)  # refused, and says which survey
    expect(page.locator(".okr-team__survey")).to_have_count(1)
    nothing_ran(page)


def test_results_import_with_javascript_links_shows_them_as_text(page: Page) -> None:
    page.goto("/results/")
    wait_for_engine(page)
    document = result_document(
        saved_result(PWN_LINK[:100], "personal-development", "2026-05-01T09:00:00Z", {"progress": 4}, {"progress": PWN_LINK, "strengths": PWN_SCRIPT})
    )
    page.locator(".okr-history__file").set_input_files(
        {"name": "links.json", "mimeType": "application/json", "buffer": json.dumps(document).encode()}
    )
    expect(page.locator(".okr-history__message")).to_contain_text("1 resultaat toegevoegd.")
    section = page.locator('.okr-history__survey[data-survey="personal-development"]')
    section.locator(".okr-history__toggle").first.click()
    expect(section.locator(".okr-history__note q")).to_have_text([PWN_LINK, PWN_SCRIPT])
    nothing_ran(page)
