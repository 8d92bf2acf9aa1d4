"""The editorial pass of the content: the article's wording where it is the article's, Dutch and English
that read as written by a native speaker, counts that agree with their noun, and scores that mean what
the page says they mean."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from language_check import foreign_words
from okr1on1.content import Agenda, Content, Survey, load_content
from okr1on1.content.loader import _texts
from okr1on1.content.model import PLURAL_ONE, Localized
from okr1on1.scoring import score
from okr1on1.site import pages
from okr1on1.site.edition import Edition
from okr1on1.survey_spec import survey_spec

pytestmark = pytest.mark.content  # content fidelity: `pytest -m content` runs these alone

CONTENT = Path(__file__).parents[2] / "content"
LANGS = ("nl", "en")


@pytest.fixture(scope="module")
def content() -> Content:
    return load_content(CONTENT)


def every_text(content: Content) -> list[Localized]:
    return [text for _, text in _texts(content)] + list(content.ui.values())


def _survey(content: Content, slug: str) -> Survey:
    survey = content.template(slug)
    assert isinstance(survey, Survey)
    return survey


# --- fidelity ----------------------------------------------------------------------------------


def test_key_results_are_kernresultaten_not_belangrijke_resultaten(content: Content) -> None:
    dutch = [text.get("nl") for text in every_text(content)]
    assert not [text for text in dutch if "belangrijke resultaten" in text.lower()]
    agenda = content.template("okr-agenda")
    assert any("kernresultaten" in q.text.get("nl") for q in agenda.questions())  # type: ignore[union-attr]


def test_the_guide_does_not_claim_the_articles_hundred_managers(content: Content) -> None:
    pattern = " ".join(p.get("nl") + " " + p.get("en") for p in content.guide.mood_checks.pattern)
    assert not re.search(r"honderd|hundred|\b100\b", pattern, re.IGNORECASE)
    assert "managers" in pattern


def test_the_home_page_keeps_celebrating_successes(content: Content) -> None:
    intro = [p.get("nl") for p in content.guide.home.intro], [p.get("en") for p in content.guide.home.intro]
    assert any("vieren" in p for p in intro[0])
    assert any("celebrate" in p for p in intro[1])


def test_no_sales_compliment_in_the_mood_checks_intro(content: Content) -> None:
    intro = " ".join(p.get("nl") + " " + p.get("en") for p in content.guide.mood_checks.intro)
    assert "serieus" not in intro and "seriously" not in intro


# Phrases an editor struck: the article's clauses with synonyms swapped, and wording a native reader
# stumbles on. None may come back, in any text.
STRUCK = [
    "Veel OKR's stranden omdat ze te groot zijn opgezet",
    "in het slechtste geval geen enkel doel",
    "OKR's blijven vaak abstracte getallen",
    "groeit de motivatie flink",
    "het gesprek afstemt op",
    "neem je je rol als manager serieus",
    "In gesprekken met zo'n honderd managers",
    "Dezelfde code die de site test",
    "Wil je jezelf spiegelen",
    "komen struikelblokken vroeg boven tafel",
    "over de tijd volgen",
    "Hoe bereid ben je",
    "Hoeveel controle heb je over",
    "in een hoek van gehaald of niet gehaald",
    "een beeld dat vooruit trekt",
    "vertrek bij de ergernis",
    "Vraag dus niet alleen",
    "iets waartegen verdedigd moet worden",
    "Hoe ga je de deur uit",
    "het hogere niveau, de teamdoelen en de strategie te laten zien",
    "little of them is usually left",
    "on a steady rhythm",
    "runs ahead of itself",
    "pushed into a corner of reached or not reached",
    "say thank you and ask further",
    "Score has your own browser work out",
    "questions for during the conversation",
    "struck me positively",
    "chafes",
    "stumbling blocks surface",
    "less than ideal behaviour",
    "Every time you score a mood check, this site keeps",
    "Elke keer dat je een stemmingscheck scoort, bewaart",
]


@pytest.mark.parametrize("phrase", STRUCK)
def test_struck_phrases_stay_out(content: Content, phrase: str) -> None:
    hits = [text.get(lang) for text in every_text(content) for lang in LANGS if phrase.lower() in text.get(lang).lower()]
    assert hits == []


def test_filter_label_names_difficult_conversations(content: Content) -> None:
    assert content.text("situation.difficult", "en") == "Difficult conversations"


# --- Dutch and English ---------------------------------------------------------------------------


def test_dutch_writes_een_op_eengesprek_as_one_word_and_one_verb_for_printing(content: Content) -> None:
    dutch = [text.get("nl") for text in every_text(content)]
    assert not [text for text in dutch if re.search(r"één-op-één gesprek", text, re.IGNORECASE)]
    assert not [text for text in dutch if re.search(r"\bprint|geprint", text, re.IGNORECASE)]  # afdrukken throughout


@pytest.mark.parametrize("lang", LANGS)
def test_no_text_is_in_the_other_language(content: Content, lang: str) -> None:
    """A Dutch text in the English edition (or the reverse) is a missing translation."""
    leaks = [(words, text.get(lang)) for text in every_text(content) if (words := foreign_words(text.get(lang), lang))]
    assert leaks == []


def test_no_english_text_is_a_copy_of_the_dutch(content: Content) -> None:
    # Names ("Google Docs") and units that are spelled alike may be the same; a sentence may not.
    same = [
        text.get("nl") for text in every_text(content) if text.get("nl") == text.get("en") and len(_without_placeholders(text.get("nl")).split()) > 2
    ]
    assert same == []


def _without_placeholders(text: str) -> str:
    return re.sub(r"\{\w+\}", "", text)


def test_the_language_check_finds_a_wrong_language() -> None:
    assert foreign_words("Er zijn 2 reacties op deze check", "en") == ["zijn", "op", "deze"]
    assert foreign_words("Save the result", "nl") == ["the"]
    assert foreign_words("Met OKR's, Objectives and Key Results, gaat het", "nl") == []


# --- counts --------------------------------------------------------------------------------------

# `{count}` followed by a word: that word must agree with the count. `{min}` is never below 3.
COUNTED_NOUN = re.compile(r"\{count\}\s+\w")


def test_every_count_with_a_noun_has_a_singular_form(content: Content) -> None:
    missing = [
        key
        for key, text in content.ui.items()
        if not key.endswith(PLURAL_ONE)
        and any(COUNTED_NOUN.search(text.get(lang)) or "Er zijn {count}" in text.get(lang) for lang in LANGS)
        and f"{key}{PLURAL_ONE}" not in content.ui
    ]
    assert missing == []


HIDDEN_COUNT = re.compile(r"\{(n|total|added|skipped|responses|accepted|refused)\}\s+(reacties|resultaten|stellingen|responses|results|statements)")


def test_counts_without_the_count_placeholder_are_not_hidden_in_other_names(content: Content) -> None:
    # A number placeholder before a plural noun that is not `{count}` would escape the singular form.
    hidden = [
        (key, text.get(lang))
        for key, text in content.ui.items()
        for lang in LANGS
        if HIDDEN_COUNT.search(text.get(lang))
    ]
    assert hidden == []


@pytest.mark.parametrize(
    ("key", "lang", "count", "expected"),
    [
        ("minutes", "nl", 1, "1 minuut"),
        ("minutes", "nl", 30, "30 minuten"),
        ("questions_count", "en", 1, "1 question"),
        ("questions_count", "en", 12, "12 questions"),
        ("widget.team_withheld", "nl", 1, "Er is 1 reactie"),
        ("widget.team_withheld", "en", 2, "2 responses to this check are loaded"),
        ("widget.history_count", "en", 1, "saved once"),
        ("widget.import_added", "nl", 1, "1 resultaat toegevoegd."),
    ],
)
def test_counted_texts_agree_with_their_count(content: Content, key: str, lang: str, count: int, expected: str) -> None:
    assert expected in content.counted(key, lang, count)


# --- scores that mean what they say --------------------------------------------------------------


@pytest.mark.parametrize("slug", ["personal-development", "leadership-quality", "team-lead-self-assessment"])
def test_seven_point_bands_read_as_a_practitioner_would(content: Content, slug: str) -> None:
    spec = survey_spec(_survey(content, slug), "en")
    answers = [s["id"] for s in spec["statements"]]

    def mean_of(value: int) -> dict:
        return score(spec, dict.fromkeys(answers, value))

    # A mean of 3 is below "Neutral": it needs attention, in red; a 4 is mixed, in grey; 6 and 7 are strong.
    assert (mean_of(3)["band"], mean_of(3)["tone"]) == ("Needs attention", "low")
    assert (mean_of(4)["band"], mean_of(4)["tone"]) == ("Mixed", "mid")
    assert mean_of(5)["tone"] == mean_of(6)["tone"] == "high"
    # Top-2 box: only 6 and 7 are favourable.
    assert mean_of(5)["favourable"] == 0 and mean_of(6)["favourable"] == 1 and mean_of(3)["unfavourable"] == 1


def test_progress_check_is_read_as_the_distance_to_the_goal(content: Content) -> None:
    progress = _survey(content, "okr-progress")
    assert 5 not in progress.scale.labels  # "halfway" at 5 would put the middle of 1-10 at 5, not 5.5
    spec = survey_spec(progress, "nl")
    result = score(spec, {"objective-1": 5, "objective-2": 6})
    assert result["favourable"] is None and result["distance"] == 4.5
    assert [item["id"] for item in result["focus"]] == ["objective-1"]  # 5 lies below the middle, 5.5


def edition(content: Content, lang: str) -> Edition:
    return Edition(lang=lang, content_dir=CONTENT, content=content)


def test_the_bands_table_says_its_boundaries_in_words(content: Content) -> None:
    page = pages.template_page(edition(content, "nl"), _survey(content, "personal-development"), {})
    for row in ("| lager dan 4 |", "| 4 tot 5 |", "| 6 en hoger |"):
        assert row in page
    assert " – 3)" not in page and "7]" not in page
    assert "index 75" in page  # the index explained with a worked example
    assert "6 of 7 als positief" in page and "top-2 box" in page


def test_the_survey_page_says_which_themes_the_guide_added(content: Content) -> None:
    page = pages.template_page(edition(content, "en"), _survey(content, "personal-development"), {})
    # Markdown source: "#" is escaped so a theme never becomes a heading.
    assert "| \\#Growth | 4 | from the original check |" in page
    assert "| \\#Growth | 3, 5 | added by this guide |" in page
    assert "| \\#Feedback | 2, 3 | added by this guide |" in page


@pytest.mark.parametrize("lang", LANGS)
def test_the_overview_filters_in_the_pages_language(content: Content, lang: str) -> None:
    page = pages.templates_page(edition(content, lang))
    fragments = set(re.findall(r'data-situation="([^"]+)"', page))
    assert fragments == {content.text(f"situation_fragment.{s}", lang) for t in content.templates for s in t.situations}
    if lang == "nl":
        assert "salaris" in fragments and "pay" not in fragments


# --- what a seasoned manager expects ---------------------------------------------------------------


def _agenda_text(content: Content, slug: str, lang: str) -> str:
    agenda = content.template(slug)
    assert isinstance(agenda, Agenda)
    parts = [agenda.title.get(lang), agenda.purpose.get(lang), *(p.get(lang) for p in agenda.intro), *(t.get(lang) for t in agenda.tips)]
    parts += [q.text.get(lang) for q in agenda.questions()]
    return " ".join(parts)


def test_the_guide_explains_objectives_key_results_and_their_scoring(content: Content) -> None:
    page = content.guide.okr_basics
    text = " ".join(p.get("nl") for s in page.sections for p in [s.title, *s.paragraphs])
    for term in ("doelstelling", "kernresultaat", "uitkomst", "taak", "toegezegd", "ambitieus", "0,7", "1,0", "erkenning"):
        assert term in text, term
    assert "functioneringsgesprek" in text and "beoordelingsgesprek" in text and "artikel 27" in text


def test_example_manager_okrs_include_ones_measured_by_the_mood_checks(content: Content) -> None:
    examples = content.guide.example_okrs.examples
    key_results = [kr.get("nl") for example in examples for kr in example.key_results]
    tags = {tag for survey in content.surveys() for tag in survey.tags()}
    assert any(tag in kr for kr in key_results for tag in tags)  # a theme of a check as a key result


def test_a_recurring_one_on_one_the_report_owns(content: Content) -> None:
    text = _agenda_text(content, "recurring-one-on-one", "nl")
    assert content.template("recurring-one-on-one").duration_minutes == 30
    assert "luister" in text and "advies" in text and "afspraken van de vorige keer" in text


def test_recognition_has_a_place(content: Content) -> None:
    assert any("erkenning" in s.title.get("nl").lower() for t in content.templates if isinstance(t, Agenda) for s in t.sections)


def test_the_pay_conversation_keeps_okrs_apart(content: Content) -> None:
    salary = content.template("salary-conversation")
    assert isinstance(salary, Agenda)
    assert not [q.text.get("nl") for q in salary.questions() if "OKR" in q.text.get("nl")]  # no invitation to sandbag
    text = _agenda_text(content, "salary-conversation", "nl")
    assert "cao" in text and "marktgegevens" in text and "nee" in text


def test_the_behaviour_conversation_names_behaviour_not_the_person(content: Content) -> None:
    text = _agenda_text(content, "difficult-employee", "nl")
    assert "lastige medewerker" not in content.template("difficult-employee").title.get("nl")
    for term in ("norm", "gevolgen", "schriftelijk", "HR", "bedrijfsarts", "vertrouwenspersoon"):
        assert term in text, term


def test_onboarding_asks_for_fresh_eyes_at_day_30_and_minds_the_probation(content: Content) -> None:
    agenda = content.template("onboarding-90-days")
    assert isinstance(agenda, Agenda)
    sections = {s.id: " ".join(q.text.get("nl") for q in s.questions) for s in agenda.sections}
    assert "frisse blik" in sections["day-30"] and "frisse blik" not in sections["day-90"]
    assert "proeftijd" in _agenda_text(content, "onboarding-90-days", "nl")
