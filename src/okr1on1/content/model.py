"""Typed, localized models of the YAML content; the one schema everything is checked against.

Every text field is either a string (Dutch) or a mapping `{nl: ..., en: ...}`. Text is plain text:
markup is refused at load time, and every renderer escapes it again on output.
"""

from __future__ import annotations

import re
from itertools import pairwise
from typing import Annotated, Any, Literal, cast, get_args

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    RootModel,
    StringConstraints,
    ValidationInfo,
    WithJsonSchema,
    field_validator,
    model_validator,
)
from pydantic.json_schema import SkipJsonSchema

from okr1on1.scoring import MIN_RESPONSES

Lang = Literal["nl", "en"]
LANGUAGES: tuple[str, ...] = get_args(Lang)
DEFAULT_LANGUAGE: Lang = "nl"

SLUG_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
ID_PATTERN = r"^[a-z0-9]+(?:[-_][a-z0-9]+)*$"
TAG_PATTERN = r"^#[A-Za-zÀ-ÿ]+$"
# A UI string `key` with a `{count}` has its singular form under `key.one` (the plural is `key` itself).
PLURAL_ONE = ".one"

# Markup that would turn plain text into HTML (tags, comments, character references such as
# `&lt;`, which a theme template that prints titles as HTML would decode), Markdown links or images,
# `javascript:` URLs, or template code.
_MARKUP = re.compile(r"<\s*[/?!A-Za-z]|&#?[A-Za-z0-9]+;|javascript\s*:|\]\s*\(|\{\{|\{%|!\[", re.IGNORECASE)


def _plain_text(value: str) -> str:
    if not value.strip():
        raise ValueError("text is empty")
    if _MARKUP.search(value):
        raise ValueError("text holds markup (HTML tags or character references, Markdown links or template code); write plain text")
    return value


# The longest text a field admits, in characters (code points): five times the longest paragraph of
# the guide, and what every download writer lays out (tests/build/test_content_limits.py).
MAX_TEXT_LENGTH = 2000

PlainText = Annotated[str, StringConstraints(strict=True, max_length=MAX_TEXT_LENGTH), AfterValidator(_plain_text)]
Slug = Annotated[str, StringConstraints(strict=True, pattern=SLUG_PATTERN, max_length=60)]
Id = Annotated[str, StringConstraints(strict=True, pattern=ID_PATTERN, max_length=60)]
Tag = Annotated[str, StringConstraints(strict=True, pattern=TAG_PATTERN, max_length=40)]
SiteUrl = Annotated[str, StringConstraints(strict=True, pattern=r"^https?://[^\s<>\"'?#]+/$", max_length=200)]
Situation = Literal["goal-setting", "growth", "feedback", "onboarding", "pay", "difficult"]
SITUATIONS: tuple[str, ...] = get_args(Situation)  # in this order on the templates page's filter


def _dutch_if_string(value: Any) -> Any:
    return {DEFAULT_LANGUAGE: value} if isinstance(value, str) else value


_LOCALIZED_SCHEMA = {
    "anyOf": [
        {"type": "string", "description": "Dutch text"},
        {
            "type": "object",
            "properties": {lang: {"type": "string"} for lang in LANGUAGES},
            "required": [DEFAULT_LANGUAGE],
            "additionalProperties": False,
        },
    ]
}


class Localized(RootModel[dict[Lang, PlainText]]):
    """A text in one or more languages; a bare string in YAML means Dutch."""

    model_config = ConfigDict(frozen=True)

    @model_validator(mode="after")
    def _needs_dutch(self) -> Localized:
        if DEFAULT_LANGUAGE not in self.root:
            raise ValueError("text needs a Dutch version ('nl')")
        return self

    def get(self, lang: str) -> str:
        """The text in `lang`, falling back to Dutch (the site checks completeness separately)."""
        # dict.get answers None for a key that is no Lang, as for a missing translation.
        return self.root.get(cast(Lang, lang)) or self.root[DEFAULT_LANGUAGE]

    def languages(self) -> set[str]:
        return set(self.root)


Text = Annotated[Localized, BeforeValidator(_dutch_if_string), WithJsonSchema(_LOCALIZED_SCHEMA)]


class Model(BaseModel):
    """Base for every content model: strict types, unknown keys refused."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True, populate_by_name=True)


def _unique(items: list[Any], attribute: str, what: str) -> None:
    seen: set[str] = set()
    for item in items:
        key = getattr(item, attribute)
        if key in seen:
            raise ValueError(f"duplicate {what} '{key}'")
        seen.add(key)


# --- guide pages -----------------------------------------------------------------------------


class Question(Model):
    id: Id
    text: Text


class Tip(Model):
    id: Id
    category: Text
    title: Text
    question: Text
    why: Text
    when: Text | None = None


class Page(Model):
    """A guide page: a title, an optional lead and paragraphs of prose."""

    title: Text
    lead: Text | None = None
    intro: list[Text] = Field(default_factory=list)


class HomePage(Page):
    why_title: Text
    why: list[Text] = Field(min_length=1)
    quotes_title: Text
    manager_quotes: list[Text] = Field(min_length=1)
    quotes_outro: Text | None = None
    conclusion_title: Text
    conclusion: list[Text] = Field(min_length=1)
    wisdom: Text


class QuestionsPage(Page):
    questions: list[Question] = Field(min_length=1)
    outro: Text | None = None

    @model_validator(mode="after")
    def _ids_unique(self) -> QuestionsPage:
        _unique(self.questions, "id", "question id")
        return self


class TipsPage(Page):
    tips: list[Tip] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique(self) -> TipsPage:
        _unique(self.tips, "id", "tip id")
        return self


class MoodChecksPage(Page):
    pattern_title: Text
    pattern: list[Text] = Field(min_length=1)
    benefits_title: Text
    benefits: list[Text] = Field(min_length=1)
    outro: list[Text] = Field(default_factory=list)


class SiteSettings(Model):
    """`settings:` in `content/guide.yaml`: choices an organisation makes for its copy of the site."""

    team_threshold: int = Field(
        default=5,
        description=f"The fewest distinct people whose answers the team page and a team bundle show a figure of "
        f"(default 5; never lower than {MIN_RESPONSES}, the range Lattice, Officevibe and re:Work use).",
    )

    @field_validator("team_threshold")
    @classmethod
    def _not_below_the_minimum(cls, value: int) -> int:
        if value < MIN_RESPONSES:
            raise ValueError(f"team_threshold is {value}, and is never lower than {MIN_RESPONSES}: fewer people could be singled out")
        if value > 50:
            raise ValueError(f"team_threshold is {value}; above 50 no team would ever see a figure")
        return value


class PageSection(Model):
    """A titled part of a guide page: paragraphs, then an optional list."""

    title: Text
    paragraphs: list[Text] = Field(default_factory=list)
    items: list[Text] = Field(default_factory=list)

    @model_validator(mode="after")
    def _not_empty(self) -> PageSection:
        if not self.paragraphs and not self.items:
            raise ValueError("a section needs paragraphs or items")
        return self


class ExampleOkr(Model):
    """An example objective with its key results, and a note on why it is built this way."""

    objective: Text
    key_results: list[Text] = Field(min_length=1)
    note: Text | None = None


class SectionsPage(Page):
    """A guide page of titled sections (what an OKR is)."""

    sections: list[PageSection] = Field(min_length=1)


class ExamplesPage(Page):
    """A page of example OKRs, with sections of prose after them."""

    examples_title: Text
    examples: list[ExampleOkr] = Field(min_length=1)
    sections: list[PageSection] = Field(default_factory=list)


class Guide(Model):
    """`content/guide.yaml`: the site's name and the prose of the guide pages."""

    site_name: Text
    site_description: Text
    site_url: SiteUrl | None = Field(
        default=None,
        description="Where the site is published, ending in '/', e.g. https://example.org/okr1on1/ "
        "(OKR1ON1_SITE_URL and `okr1on1 build --site-url` override it).",
    )
    settings: SiteSettings = SiteSettings()
    home: HomePage
    mood_checks: MoodChecksPage
    okr_basics: SectionsPage
    example_okrs: ExamplesPage
    templates: Page
    results: Page
    team: Page
    about: Page


# --- templates -------------------------------------------------------------------------------


class TemplateBase(Model):
    slug: Slug
    title: Text
    purpose: Text = Field(description="One line: what the template is for (shown on cards).")
    intro: list[Text] = Field(default_factory=list)
    duration_minutes: int = Field(ge=5, le=240)
    situations: list[Situation] = Field(min_length=1)
    order: int = Field(default=100, ge=-10_000, le=10_000)
    tips: list[Text] = Field(default_factory=list)
    google_docs_url: Annotated[str, StringConstraints(strict=True, pattern=r"^https://[^\s<>\"']+$")] | None = None


class Section(Model):
    id: Id
    title: Text
    icon: Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9-]+$")] | None = None
    minutes: int | None = Field(default=None, ge=1, le=240, description="Time for this section, shown beside its title.")
    questions: list[Question] = Field(min_length=1)


class Agenda(TemplateBase):
    """A conversation template: sections of questions to work through."""

    kind: Literal["agenda"]
    sections: list[Section] = Field(min_length=1)

    @model_validator(mode="after")
    def _ids_unique(self) -> Agenda:
        _unique(self.sections, "id", "section id")
        _unique([q for s in self.sections for q in s.questions], "id", "question id")
        return self

    def questions(self) -> list[Question]:
        return [q for section in self.sections for q in section.questions]


class Scale(Model):
    min: int = Field(ge=-1000, le=1000)
    max: int = Field(ge=-1000, le=1000)
    labels: dict[int, Text] = Field(description="Label per scale point; at least the two ends.")

    @model_validator(mode="before")
    @classmethod
    def _label_keys_as_ints(cls, data: Any) -> Any:
        # YAML keys like `1:` are ints already; JSON round trips turn them into strings.
        if isinstance(data, dict) and isinstance(data.get("labels"), dict):
            data = {**data, "labels": {(int(k) if isinstance(k, str) and k.isdigit() else k): v for k, v in data["labels"].items()}}
        return data

    @model_validator(mode="after")
    def _check(self) -> Scale:
        if self.min >= self.max:
            raise ValueError(f"scale min ({self.min}) must be below max ({self.max})")
        if self.max - self.min > 20:
            raise ValueError("scale has more than 21 points")
        outside = sorted(k for k in self.labels if not self.min <= k <= self.max)
        if outside:
            raise ValueError(f"label for {outside[0]} lies outside the scale {self.min}..{self.max}")
        if self.min not in self.labels or self.max not in self.labels:
            raise ValueError("scale needs labels for both ends")
        return self


_TAGS_SCHEMA = {
    "type": "array",
    "description": "Themes of the statement. A tag this guide added (not in the source) is written {tag: '#X', source: added}.",
    "items": {
        "anyOf": [
            {"type": "string", "pattern": TAG_PATTERN},
            {
                "type": "object",
                "properties": {"tag": {"type": "string", "pattern": TAG_PATTERN}, "source": {"const": "added"}},
                "required": ["tag", "source"],
                "additionalProperties": False,
            },
        ]
    },
}


class Statement(Model):
    """A statement of a survey. `tags` are all its themes, in order; `added_tags` are those of them that
    this guide added for the per-theme scores (in YAML `{tag: "#X", source: added}`), not the source's."""

    id: Id
    text: Text
    tags: Annotated[list[Tag], WithJsonSchema(_TAGS_SCHEMA)] = Field(default_factory=list)
    added_tags: SkipJsonSchema[list[Tag]] = Field(default_factory=list, exclude=True)
    reverse: bool = False
    follow_up: list[Text] = Field(default_factory=list)

    @model_validator(mode="before")
    @classmethod
    def _split_tag_sources(cls, data: Any) -> Any:
        if not isinstance(data, dict):
            return data
        if "added_tags" in data:
            raise ValueError("write an added tag in 'tags' as {tag: '#X', source: added}")
        tags, added = [], []
        for item in data.get("tags", []) or []:
            if isinstance(item, dict):
                if set(item) != {"tag", "source"} or item["source"] != "added":
                    raise ValueError("a tag is a string, or {tag: '#X', source: added} for a tag this guide added")
                tags.append(item["tag"])
                added.append(item["tag"])
            else:
                tags.append(item)
        return {**data, "tags": tags, "added_tags": added} if "tags" in data else data

    def source_tags(self) -> list[str]:
        """The tags the source put on this statement."""
        return [tag for tag in self.tags if tag not in self.added_tags]


class Band(Model):
    """Means from `from` (inclusive) up to `to` (exclusive; inclusive for the last band)."""

    from_: float = Field(alias="from")
    to: float
    label: Text
    tone: Literal["low", "mid", "high"] = Field(
        default="mid", description="The colour of every figure in this band: low (red), mid (grey, the default), high (green)."
    )

    @model_validator(mode="before")
    @classmethod
    def _ints_as_floats(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {k: float(v) if k in ("from", "to", "from_") and type(v) is int else v for k, v in data.items()}
        return data


class Split(Model):
    """Answers at or above `favourable_from` are favourable, below `unfavourable_below` unfavourable,
    the rest neutral."""

    favourable_from: float
    unfavourable_below: float

    @model_validator(mode="before")
    @classmethod
    def _ints_as_floats(cls, data: Any) -> Any:
        if isinstance(data, dict):
            data = {k: float(v) if type(v) is int else v for k, v in data.items()}
        return data

    @model_validator(mode="after")
    def _ordered(self) -> Split:
        if self.unfavourable_below > self.favourable_from:
            raise ValueError("unfavourable_below lies above favourable_from")
        return self


class Survey(TemplateBase):
    """A mood check: statements answered on a scale, scored in the browser."""

    kind: Literal["survey"]
    version: int = Field(ge=1, le=1_000_000)  # a safe integer in every reader (JS, JSON)
    scale: Scale
    statements: list[Statement] = Field(min_length=1)
    bands: list[Band] = Field(min_length=1)
    split: Split | None = Field(
        default=None,
        description="Which answers count as favourable / unfavourable; without it the top-2 box default applies.",
    )
    reading: Literal["agreement", "progress"] = Field(
        default="agreement",
        description="progress: a 'how close to the goal' scale, read as the distance to the goal, without a split.",
    )
    follow_up: list[Text] = Field(min_length=1)
    tag_labels: dict[Tag, Text] = Field(default_factory=dict)
    item_label: Text | None = Field(
        default=None,
        description="When each statement stands for something the person names (an objective): the label of the field to name it in.",
    )
    self_assessment_of: Slug | None = Field(
        default=None,
        description="The survey this one is the team lead's self-assessment of: same statement ids, compared on the team page.",
    )

    @field_validator("statements")
    @classmethod
    def _statement_ids_unique(cls, statements: list[Statement]) -> list[Statement]:
        _unique(statements, "id", "statement id")
        return statements

    @field_validator("bands")
    @classmethod
    def _bands_cover_scale(cls, bands: list[Band], info: ValidationInfo) -> list[Band]:
        """Bands must tile the scale: no gap, no overlap, from its minimum to its maximum."""
        scale = info.data.get("scale")
        if scale is None:
            return bands  # the scale's own error is reported
        for band in bands:
            if band.from_ >= band.to:
                raise ValueError(f"a band runs from {band.from_:g} to {band.to:g}")
        if bands[0].from_ != scale.min:
            raise ValueError(f"the first band starts at {bands[0].from_:g}, not at the scale minimum {scale.min}")
        if bands[-1].to != scale.max:
            raise ValueError(f"the last band ends at {bands[-1].to:g}, not at the scale maximum {scale.max}")
        for before, after in pairwise(bands):
            if after.from_ > before.to:
                raise ValueError(f"gap between {before.to:g} and {after.from_:g}")
            if after.from_ < before.to:
                raise ValueError(f"overlap between {after.from_:g} and {before.to:g}")
        return bands

    @field_validator("split")
    @classmethod
    def _split_inside_scale(cls, split: Split | None, info: ValidationInfo) -> Split | None:
        scale = info.data.get("scale")
        if split and scale and not scale.min <= split.unfavourable_below <= split.favourable_from <= scale.max:
            raise ValueError(f"the split lies outside the scale {scale.min}..{scale.max}")
        return split

    @model_validator(mode="after")
    def _progress_has_no_split(self) -> Survey:
        if self.reading == "progress" and self.split is not None:
            raise ValueError("a progress survey is read as the distance to the goal and has no split")
        return self

    def tags(self) -> list[str]:
        """Every tag used, in order of first appearance."""
        return list(dict.fromkeys(tag for s in self.statements for tag in s.tags))


class Checkin(TemplateBase):
    """A weekly check-in, tracked week by week: a confidence score per key result (`key_results` rows
    to name), and/or the statements of named surveys; plus short open questions."""

    kind: Literal["checkin"]
    surveys: list[Slug] = Field(default_factory=list)
    key_results: int = Field(default=0, ge=0, le=12, description="Rows for key results, each scored on confidence every week.")
    weeks: int = Field(default=13, ge=4, le=53)
    questions: list[Question] = Field(default_factory=list)

    @model_validator(mode="after")
    def _tracks_something(self) -> Checkin:
        if not self.surveys and not self.key_results:
            raise ValueError("a check-in tracks key results (key_results: 3) or surveys (surveys: [slug]), or both")
        return self


Template = Annotated[Agenda | Survey | Checkin, Field(discriminator="kind")]
# The kinds a template file may name, from each model's `kind: Literal[...]`.
TEMPLATE_KINDS: tuple[str, ...] = tuple(kind for model in (Agenda, Survey, Checkin) for kind in get_args(model.model_fields["kind"].annotation))


class TemplateFile(RootModel[Template]):
    """One file of `content/templates/`."""


class Content(Model):
    """Everything the build reads, validated and cross-checked."""

    guide: Guide
    questions: QuestionsPage
    tips: TipsPage
    ui: dict[str, Text]
    templates: tuple[Agenda | Survey | Checkin, ...]

    def template(self, slug: str) -> Agenda | Survey | Checkin:
        for template in self.templates:
            if template.slug == slug:
                return template
        raise KeyError(slug)

    def surveys(self) -> list[Survey]:
        return [t for t in self.templates if isinstance(t, Survey)]

    def checkin_surveys(self, checkin: Checkin) -> list[Survey]:
        """The surveys a check-in tracks (the loader refuses a slug that names no survey)."""
        by_slug = {survey.slug: survey for survey in self.surveys()}
        return [by_slug[slug] for slug in checkin.surveys]

    def text(self, key: str, lang: str) -> str:
        """A UI string in `lang`."""
        return self.ui[key].get(lang)

    def counted(self, key: str, lang: str, count: int) -> str:
        """A UI string with `{count}` filled in, in its singular form (`<key>.one`) when `count` is 1.
        The widgets' `t()` in ui.js makes the same choice."""
        singular = f"{key}{PLURAL_ONE}"
        chosen = singular if count == 1 and singular in self.ui else key
        return self.ui[chosen].get(lang).replace("{count}", str(count))
