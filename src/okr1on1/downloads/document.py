"""A template resolved into one language: the format-neutral input of every download writer.

Writers never see the content model. They get a `TemplateDocument` of plain strings and numbers, so
each writer only decides layout, and the document's JSON is a complete cache key for its files.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

from okr1on1.content.model import Agenda, Checkin, Content, Survey

Kind = Literal["agenda", "survey", "checkin"]

# A survey is repeated over time (quarterly, say): its spreadsheet gets one column per session.
SURVEY_SESSIONS = 8
# Blank rows of the agenda frame: last time's agreements, the employee's topics, the OKR table, the
# agreements made today. Enough for one conversation; a printed page has room to add one by hand.
PRIOR_AGREEMENT_ROWS = 3
TOPIC_SLOTS = 3
OKR_ROWS = 3
AGREEMENT_ROWS = 4
# The confidence score a check-in asks per key result, every week.
CONFIDENCE_MIN, CONFIDENCE_MAX = 1, 10


@dataclass(frozen=True)
class Labels:
    """Fixed texts the files need, in the document's language (from `content/ui/downloads.yaml`)."""

    answer: str
    why: str
    week: str
    session: str
    average: str
    notes: str
    name: str
    employee: str
    manager: str
    date: str
    duration: str
    statement: str
    statements: str
    score: str
    reverse: str
    follow_up: str
    open_questions: str
    tips: str
    bands: str
    sheet_scores: str
    sheet_notes: str
    page: str  # holds "{number}", filled in per page by the PDF writer


@dataclass(frozen=True)
class AgendaFrame:
    """What every agenda opens and closes with (from `content/ui/meeting.yaml`), around its own sections.

    Opens with last time's agreements (each with a done box) and the employee's topics, for OKR
    agendas a small OKR table; closes with today's agreements (what, who, by when, done) and the
    next date.
    """

    since_title: str
    since_hint: str
    agreement: str
    done: str
    topics_title: str
    topics_hint: str
    topics: tuple[str, ...]  # "Onderwerp 1", …: blank numbered slots
    okr: bool  # an agenda about OKRs (situation goal-setting) gets the OKR table
    okr_title: str
    okr_hint: str
    objective: str
    key_result: str
    now_target: str
    confidence: str
    agreements_title: str
    agreements_hint: str
    what: str
    who: str
    by_when: str
    next_title: str
    next_date: str
    prior_rows: int = PRIOR_AGREEMENT_ROWS
    okr_rows: int = OKR_ROWS
    agreement_rows: int = AGREEMENT_ROWS

    def heading(self, part: str) -> tuple[str, str]:
        """(title, hint) of a part of the frame (see TemplateDocument.agenda_parts); "next" has no hint."""
        return {
            "since": (self.since_title, self.since_hint),
            "topics": (self.topics_title, self.topics_hint),
            "okr": (self.okr_title, self.okr_hint),
            "agreements": (self.agreements_title, self.agreements_hint),
            "next": (self.next_title, ""),
        }[part]

    @property
    def agreement_columns(self) -> tuple[str, str, str, str]:
        return (self.what, self.who, self.by_when, self.done)

    @property
    def okr_columns(self) -> tuple[str, str, str, str]:
        return (self.objective, self.key_result, self.now_target, self.confidence)


@dataclass(frozen=True)
class QuestionItem:
    id: str
    text: str


@dataclass(frozen=True)
class SectionItem:
    id: str
    title: str
    questions: tuple[QuestionItem, ...]
    minutes: str = ""  # "10 min" when the template gives the section a time


@dataclass(frozen=True)
class ScalePoint:
    value: int
    label: str  # "" when the YAML labels only some points


@dataclass(frozen=True)
class ScaleInfo:
    min: int
    max: int
    points: tuple[ScalePoint, ...]

    @property
    def values(self) -> list[int]:
        return [point.value for point in self.points]

    @property
    def low_label(self) -> str:
        return self.points[0].label

    @property
    def high_label(self) -> str:
        return self.points[-1].label


@dataclass(frozen=True)
class StatementItem:
    id: str
    text: str
    tags: tuple[str, ...]
    reverse: bool
    follow_up: tuple[str, ...]
    name_label: str = ""  # "Doelstelling": the statement stands for something the person names in a field


@dataclass(frozen=True)
class BandItem:
    low: float
    high: float
    label: str


@dataclass(frozen=True)
class StatementGroup:
    """The statements of one survey with its scale; a check-in holds one group per tracked survey."""

    slug: str
    title: str
    scale: ScaleInfo
    statements: tuple[StatementItem, ...]
    bands: tuple[BandItem, ...]
    hint: str  # how to answer, with the scale's ends spelled out
    input_title: str
    input_message: str
    error_title: str
    error_message: str


@dataclass(frozen=True)
class TemplateDocument:
    slug: str
    lang: str
    kind: Kind
    title: str
    purpose: str
    intro: tuple[str, ...]
    duration_minutes: int
    duration: str  # "45 minuten"
    tips: tuple[str, ...]
    labels: Labels
    sections: tuple[SectionItem, ...] = ()  # agenda
    frame: AgendaFrame | None = None  # agenda: what it opens and closes with
    groups: tuple[StatementGroup, ...] = ()  # survey (one group) and check-in (one per survey)
    follow_up: tuple[str, ...] = ()  # survey
    questions: tuple[QuestionItem, ...] = ()  # check-in: open questions asked every week
    periods: int = 0  # spreadsheet columns: weeks of a check-in, sessions of a survey
    period_label: str = ""  # "Week" / "Sessie"
    chart_title: str = ""
    updated: str = ""  # ISO date of the template's last change (SOURCE_DATE_EPOCH when set): the files' date

    @property
    def landscape(self) -> bool:
        """A check-in prints on landscape pages: its grid has a column per week."""
        return self.kind == "checkin"

    @property
    def notes_lines(self) -> int:
        """Lines to write notes on: six on a portrait page, four on a landscape one (each half as long again)."""
        return 4 if self.landscape else 6

    @property
    def answer_lines(self) -> int:
        """Lines to write an answer on: three on a portrait page, two on a landscape one, for the same room."""
        return 2 if self.landscape else 3

    @property
    def statements(self) -> list[StatementItem]:
        return [statement for group in self.groups for statement in group.statements]

    def agenda_parts(self) -> list[tuple[int, str, SectionItem | None]]:
        """An agenda in the order every format shows it: (number, part, section).

        part is "since" (last time's agreements), "topics" (the employee's), "okr" (OKR agendas only),
        "section" (the template's own, numbered 1, 2, … as its steps), "agreements", "next" (the next
        date); the frame's parts have number 0 (unnumbered headings).
        """
        steps: list[tuple[int, str, SectionItem | None]] = [(n, "section", s) for n, s in enumerate(self.sections, start=1)]
        if self.frame is None:
            return steps
        opening = ["since", "topics"] + (["okr"] if self.frame.okr else [])
        return [*((0, part, None) for part in opening), *steps, (0, "agreements", None), (0, "next", None)]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def to_json(self) -> str:
        """Stable JSON (sorted keys): equal documents give equal text, so it can key a cache."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _labels(content: Content, lang: str) -> Labels:
    def text(key: str) -> str:
        return content.text(f"download_{key}", lang)

    return Labels(**{name: text(name) for name in Labels.__dataclass_fields__})


def agenda_frame(agenda: Agenda, content: Content, lang: str) -> AgendaFrame:
    """The frame of `agenda` in `lang`; also used by the template page, so page and files agree."""

    def text(key: str) -> str:
        return content.text(f"agenda_{key}", lang)

    not_texts = ("topics", "okr", "prior_rows", "okr_rows", "agreement_rows")
    fields: dict[str, Any] = {name: text(name) for name in AgendaFrame.__dataclass_fields__ if name not in not_texts}
    topics = tuple(text("topic").format(number=n) for n in range(1, TOPIC_SLOTS + 1))
    return AgendaFrame(**fields, topics=topics, okr="goal-setting" in agenda.situations)


def _key_results_group(checkin: Checkin, content: Content, lang: str) -> StatementGroup:
    """The check-in's key result rows: each named by the person, scored on confidence every week."""

    def text(key: str) -> str:
        return content.text(key, lang)

    low, high = text("checkin_confidence_low"), text("checkin_confidence_high")
    ends = {CONFIDENCE_MIN: low, CONFIDENCE_MAX: high}
    points = tuple(ScalePoint(value, ends.get(value, "")) for value in range(CONFIDENCE_MIN, CONFIDENCE_MAX + 1))
    fill = {"min": CONFIDENCE_MIN, "max": CONFIDENCE_MAX, "min_label": low, "max_label": high}
    return StatementGroup(
        slug="key-results",
        title=text("checkin_key_results_title"),
        scale=ScaleInfo(CONFIDENCE_MIN, CONFIDENCE_MAX, points),
        statements=tuple(
            StatementItem(
                id=f"kr{n}",
                text=text("checkin_key_result").format(number=n),
                tags=(),
                reverse=False,
                follow_up=(),
                name_label=text("checkin_key_result_label"),
            )
            for n in range(1, checkin.key_results + 1)
        ),
        bands=(),
        hint=text("checkin_confidence_hint").format(**fill),
        input_title=content.text("download_input_title", lang).format(**fill),
        input_message=content.text("download_input_message", lang).format(**fill),
        error_title=content.text("download_error_title", lang).format(**fill),
        error_message=content.text("download_error_message", lang).format(**fill),
    )


def _group(survey: Survey, content: Content, lang: str, hint_key: str) -> StatementGroup:
    scale = survey.scale
    points = tuple(ScalePoint(value, scale.labels[value].get(lang) if value in scale.labels else "") for value in range(scale.min, scale.max + 1))
    info = ScaleInfo(scale.min, scale.max, points)
    fill = {"min": scale.min, "max": scale.max, "min_label": info.low_label, "max_label": info.high_label}
    tag_labels = {tag: label.get(lang) for tag, label in survey.tag_labels.items()}
    name_label = survey.item_label.get(lang) if survey.item_label else ""

    def text(key: str) -> str:
        return content.text(f"download_{key}", lang).format(**fill)

    return StatementGroup(
        slug=survey.slug,
        title=survey.title.get(lang),
        scale=info,
        statements=tuple(
            StatementItem(
                id=s.id,
                text=s.text.get(lang),
                tags=tuple(tag_labels.get(tag, tag) for tag in s.tags),
                reverse=s.reverse,
                follow_up=tuple(f.get(lang) for f in s.follow_up),
                name_label=name_label,
            )
            for s in survey.statements
        ),
        bands=tuple(BandItem(b.from_, b.to, b.label.get(lang)) for b in survey.bands),
        hint=text(hint_key),
        input_title=text("input_title"),
        input_message=text("input_message"),
        error_title=text("error_title"),
        error_message=text("error_message"),
    )


def build_document(template: Agenda | Survey | Checkin, content: Content, lang: str, updated: str = "") -> TemplateDocument:
    """Resolve `template` into `lang`; surveys a check-in tracks are looked up in `content`.

    `updated` (an ISO date, see `okr1on1.downloads.template_date`) dates the files; without it they are
    dated 1 January 2000, so they stay reproducible.
    """
    labels = _labels(content, lang)
    common: dict[str, Any] = {  # the fields every kind shares
        "updated": updated,
        "slug": template.slug,
        "lang": lang,
        "kind": template.kind,
        "title": template.title.get(lang),
        "purpose": template.purpose.get(lang),
        "intro": tuple(p.get(lang) for p in template.intro),
        "duration_minutes": template.duration_minutes,
        "duration": content.text("download_minutes", lang).format(minutes=template.duration_minutes),
        "tips": tuple(t.get(lang) for t in template.tips),
        "labels": labels,
    }
    if isinstance(template, Agenda):
        minutes = content.text("agenda_section_minutes", lang)
        sections = tuple(
            SectionItem(
                s.id,
                s.title.get(lang),
                tuple(QuestionItem(q.id, q.text.get(lang)) for q in s.questions),
                minutes.format(minutes=s.minutes) if s.minutes else "",
            )
            for s in template.sections
        )
        return TemplateDocument(**common, sections=sections, frame=agenda_frame(template, content, lang))
    if isinstance(template, Survey):
        return TemplateDocument(
            **common,
            groups=(_group(template, content, lang, "scale_hint"),),
            follow_up=tuple(f.get(lang) for f in template.follow_up),
            periods=SURVEY_SESSIONS,
            period_label=labels.session,
            chart_title=content.text("download_chart_sessions", lang),
        )
    return TemplateDocument(
        **common,
        groups=(
            *((_key_results_group(template, content, lang),) if template.key_results else ()),
            *(_group(survey, content, lang, "checkin_hint") for survey in content.checkin_surveys(template)),
        ),
        questions=tuple(QuestionItem(q.id, q.text.get(lang)) for q in template.questions),
        periods=template.weeks,
        period_label=labels.week,
        chart_title=content.text("download_chart_weeks", lang),
    )
