"""A template resolved into one language: the format-neutral input of every download writer.

Writers never see the content model. They get a `TemplateDocument` of plain strings and numbers, so
each writer only decides layout, and the document's JSON is a complete cache key for its files.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Literal

from okr1on1.content.model import Agenda, Checkin, Content, Survey

Kind = Literal["agenda", "survey", "checkin"]

# A survey is repeated over time (quarterly, say): its spreadsheet gets one column per session.
SURVEY_SESSIONS = 8


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
class QuestionItem:
    id: str
    text: str


@dataclass(frozen=True)
class SectionItem:
    id: str
    title: str
    questions: tuple[QuestionItem, ...]


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
    groups: tuple[StatementGroup, ...] = ()  # survey (one group) and check-in (one per survey)
    follow_up: tuple[str, ...] = ()  # survey
    questions: tuple[QuestionItem, ...] = ()  # check-in: open questions asked every week
    periods: int = 0  # spreadsheet columns: weeks of a check-in, sessions of a survey
    period_label: str = ""  # "Week" / "Sessie"
    chart_title: str = ""

    @property
    def statements(self) -> list[StatementItem]:
        return [statement for group in self.groups for statement in group.statements]

    @property
    def agenda_questions(self) -> list[QuestionItem]:
        return [question for section in self.sections for question in section.questions]

    def to_dict(self) -> dict[str, object]:
        return asdict(self)

    def to_json(self) -> str:
        """Stable JSON (sorted keys): equal documents give equal text, so it can key a cache."""
        return json.dumps(self.to_dict(), ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def _labels(content: Content, lang: str) -> Labels:
    def text(key: str) -> str:
        return content.text(f"download_{key}", lang)

    return Labels(**{name: text(name) for name in Labels.__dataclass_fields__})


def _group(survey: Survey, content: Content, lang: str, hint_key: str) -> StatementGroup:
    scale = survey.scale
    points = tuple(ScalePoint(value, scale.labels[value].get(lang) if value in scale.labels else "") for value in range(scale.min, scale.max + 1))
    info = ScaleInfo(scale.min, scale.max, points)
    fill = {"min": scale.min, "max": scale.max, "min_label": info.low_label, "max_label": info.high_label}
    tag_labels = {tag: label.get(lang) for tag, label in survey.tag_labels.items()}

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


def build_document(template: Agenda | Survey | Checkin, content: Content, lang: str) -> TemplateDocument:
    """Resolve `template` into `lang`; surveys a check-in tracks are looked up in `content`."""
    labels = _labels(content, lang)
    common = {
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
        sections = tuple(
            SectionItem(s.id, s.title.get(lang), tuple(QuestionItem(q.id, q.text.get(lang)) for q in s.questions)) for s in template.sections
        )
        return TemplateDocument(**common, sections=sections)
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
        groups=tuple(_group(survey, content, lang, "checkin_hint") for survey in content.checkin_surveys(template)),
        questions=tuple(QuestionItem(q.id, q.text.get(lang)) for q in template.questions),
        periods=template.weeks,
        period_label=labels.week,
        chart_title=content.text("download_chart_weeks", lang),
    )
