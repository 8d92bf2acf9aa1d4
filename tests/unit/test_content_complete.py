"""The content folder holds everything the source article offers a reader, in both languages."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

from okr1on1.content import Agenda, Checkin, Content, Survey, load_content
from okr1on1.content.loader import untranslated

pytestmark = pytest.mark.content  # content fidelity: `pytest -m content` runs these alone

CONTENT = Path(__file__).parents[2] / "content"


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(CONTENT)


def _survey(content: Content, slug: str) -> Survey:
    template = content.template(slug)
    assert isinstance(template, Survey), f"{slug} should be a survey"
    return template


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def test_okr_agenda_has_the_articles_five_sections_and_twelve_questions(content: Content) -> None:
    agenda = content.template("okr-agenda")
    assert isinstance(agenda, Agenda)
    assert len(agenda.sections) == 5
    assert len(agenda.questions()) == 12
    assert agenda.sections[0].title.get("nl") == "Aan de slag"


def test_twelve_coaching_questions(content: Content) -> None:
    questions = content.questions.questions
    assert len(questions) == 12
    texts = [q.text.get("nl") for q in questions]
    assert "Heb ik je toestemming om je hierbij te helpen?" in texts
    assert all("[...]" not in text and "– is?" not in text for text in texts)
    assert texts[-1].count("…") == 1


def test_six_tips_only_the_fourth_and_fifth_say_when(content: Content) -> None:
    tips = content.tips.tips
    assert len(tips) == 6
    assert [tip.when is not None for tip in tips] == [False, False, False, True, True, False]
    assert tips[0].title.get("nl") == "Laat een verhaal ontstaan rond de OKR"
    assert "minimale OKR" in tips[3].title.get("nl")
    assert "1 tot 10" in tips[4].question.get("nl")


def test_home_quotes_three_managers_and_mood_checks_name_three_benefits(content: Content) -> None:
    assert len(content.guide.home.manager_quotes) == 3
    assert len(content.guide.mood_checks.benefits) == 3


# The tags the article puts on its statements, and only those: any other tag is this guide's and must be
# marked `source: added` in the YAML.
ARTICLE_TAGS = {
    "personal-development": {"progress": [], "address-behaviour": [], "receive-feedback": [], "career-path": ["#Groei"], "strengths": []},
    "leadership-quality": {
        "satisfaction": ["#Beroepstevredenheid"],
        "zoom-out": [],
        "challenge": ["#Feedback", "#Leiderschap"],
        "role-model": ["#Leiderschap"],
    },
}


@pytest.mark.parametrize("slug", sorted(ARTICLE_TAGS))
def test_mood_checks_keep_the_articles_statements_scale_and_tags(content: Content, slug: str) -> None:
    survey = _survey(content, slug)
    assert (survey.scale.min, survey.scale.max) == (1, 7)
    # The article's statements, in its order, each with exactly the article's tags as its source tags.
    assert {s.id: s.source_tags() for s in survey.statements} == ARTICLE_TAGS[slug]
    assert [f.get("nl") for f in survey.follow_up][:1] == ["Waarom heb je zo geantwoord?"]


def test_zoom_out_statement_keeps_the_articles_meaning(content: Content) -> None:
    statement = next(s for s in _survey(content, "leadership-quality").statements if s.id == "zoom-out")
    dutch = statement.text.get("nl")
    assert "zoomt regelmatig uit" in dutch and "teamdoelen" in dutch and "strategie" in dutch and "visie" in dutch


def test_self_assessment_can_be_compared_with_the_team_check(content: Content) -> None:
    team = _survey(content, "leadership-quality")
    self_check = _survey(content, "team-lead-self-assessment")
    assert [s.id for s in self_check.statements] == [s.id for s in team.statements]
    assert (self_check.scale.min, self_check.scale.max) == (team.scale.min, team.scale.max)
    assert self_check.statements[1].text.get("nl").startswith("Ik zoom regelmatig uit")
    assert {s.id: s.source_tags() for s in team.statements} == {s.id: s.source_tags() for s in self_check.statements}


def test_okr_progress_is_scored_from_one_to_ten(content: Content) -> None:
    progress = _survey(content, "okr-progress")
    assert (progress.scale.min, progress.scale.max) == (1, 10)
    assert progress.scale.labels[1].get("nl") == "Nog ver weg"
    assert progress.scale.labels[10].get("nl") == "Doel bereikt"
    assert progress.follow_up[0].get("nl") == "Wat zou er moeten gebeuren om een niveau hoger te komen?"


def test_weekly_checkin_tracks_confidence_per_key_result_not_the_mood_checks(content: Content) -> None:
    """OKR practice (issue 17): a confidence score per key result and a few short questions every week;
    the mood checks, which rate one's own boss too, stay quarterly."""
    checkin = content.template("weekly-checkin")
    assert isinstance(checkin, Checkin)
    assert checkin.key_results >= 1 and content.checkin_surveys(checkin) == []
    assert checkin.questions and checkin.weeks == 13


@pytest.mark.parametrize("situation", ["pay", "difficult", "onboarding"])
def test_the_articles_further_templates_exist(content: Content, situation: str) -> None:
    # The article promises templates for a conversation about pay, with a difficult employee and with a
    # new employee; how many of them the guide has is its own business.
    assert any(isinstance(t, Agenda) and situation in t.situations for t in content.templates)


def test_onboarding_checks_in_at_day_30_60_and_90(content: Content) -> None:
    agenda = content.template("onboarding-90-days")
    assert isinstance(agenda, Agenda)
    assert [s.id for s in agenda.sections] == ["day-30", "day-60", "day-90"]


def test_every_text_has_dutch_and_english() -> None:
    assert untranslated(CONTENT) == []


def test_no_vendor_login_or_click_text_and_no_ocr_slip(content: Content) -> None:
    texts = list(_strings(content.model_dump(mode="json")))
    forbidden = [
        re.compile(r"echometer", re.IGNORECASE),
        re.compile(r"\bOCR"),
        re.compile(r"inlog|ingelogd|\blog ?in\b|\blogged in\b", re.IGNORECASE),
        re.compile(r"\bklik|\bclick", re.IGNORECASE),
    ]
    hits = [(pattern.pattern, text) for text in texts for pattern in forbidden if pattern.search(text)]
    assert hits == []


def test_self_assessment_matches_its_team_survey(content: Content) -> None:
    self_survey, team_survey = _survey(content, "team-lead-self-assessment"), _survey(content, "leadership-quality")
    assert self_survey.self_assessment_of == "leadership-quality" and team_survey.self_assessment_of is None
    assert [s.id for s in self_survey.statements] == [s.id for s in team_survey.statements]
