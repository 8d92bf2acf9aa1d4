"""Load `content/` into a `Content` model. Every problem of every file is collected, located (file,
line, field) and reported at once, sorted, before anything is built."""

from __future__ import annotations

import dataclasses
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from okr1on1.content.model import (
    LANGUAGES,
    TEMPLATE_KINDS,
    Agenda,
    Checkin,
    Content,
    Guide,
    Localized,
    QuestionsPage,
    Survey,
    TemplateFile,
    TipsPage,
)
from okr1on1.content.yaml_lines import Location, YamlSyntaxError, line_of, load_yaml_with_lines


@dataclass(frozen=True)
class ContentError(Exception):
    """A content problem, located: `content/templates/x.yaml:12: sections.0.title: text is empty`.
    Raised for the first of several problems (in file and line order), it carries the others too."""

    path: Path
    line: int
    field: str
    message: str
    # dataclasses.field in full: the attribute `field` above hides the bare name in this class body.
    others: tuple[ContentError, ...] = dataclasses.field(default=(), compare=False)

    @property
    def problems(self) -> tuple[ContentError, ...]:
        return (self, *self.others)

    def located(self) -> str:
        return f"{self.path}:{self.line}: {self.field or '(file)'}: {self.message}"

    def __str__(self) -> str:
        return "\n".join(problem.located() for problem in self.problems)

    @staticmethod
    def collected(problems: list[ContentError]) -> ContentError:
        """One error holding every problem, sorted by file and line."""
        first, *others = sorted(problems, key=lambda p: (str(p.path), p.line, p.field))
        return ContentError(first.path, first.line, first.field, first.message, tuple(others))


def content_error_text(error: ContentError) -> str:
    """The message a build or a check prints: one line per problem, counted when there are several."""
    if not error.others:
        return f"Content error: {error}"
    lines = "\n".join(f"  {problem.located()}" for problem in error.problems)
    return f"{len(error.problems)} content errors (nothing was built):\n{lines}"


class _Problems(list[ContentError]):
    def raise_any(self) -> None:
        if self:
            raise ContentError.collected(self)


def _field_name(location: Location) -> str:
    return ".".join(str(part) for part in location)


def _read(path: Path) -> tuple[Any, dict[Location, int]]:
    try:
        data, lines = load_yaml_with_lines(path)
    except YamlSyntaxError as error:
        raise ContentError(path, error.line, "", str(error)) from error
    except (OSError, UnicodeDecodeError) as error:
        raise ContentError(path, 1, "", f"cannot read file: {error}") from error
    if data is None or data == {}:
        raise ContentError(path, 1, "", "file is empty")
    if not isinstance(data, dict):
        raise ContentError(path, 1, "", f"the file must hold a mapping of fields, not a {type(data).__name__}")
    return data, lines


def _duplicate_ids(data: Any, location: Location = ()) -> Iterator[Location]:
    """Locations of `id` values that repeat an earlier id in the same list."""
    if isinstance(data, dict):
        for key, value in data.items():
            yield from _duplicate_ids(value, (*location, key))
    elif isinstance(data, list):
        seen: set[Any] = set()
        for index, item in enumerate(data):
            if isinstance(item, dict) and "id" in item:
                if item["id"] in seen:
                    yield (*location, index, "id")
                seen.add(item["id"])
            yield from _duplicate_ids(item, (*location, index))


def _pydantic_problems(
    model: type[BaseModel], error: ValidationError, path: Path, lines: dict[Location, int], prefix: Location = ()
) -> list[ContentError]:
    """Every error pydantic found, located; one per field."""
    errors = error.errors(include_url=False)
    # An unknown key is usually a misspelt one: the "missing" it causes beside it is not reported.
    misspelt_in = {tuple(e["loc"][:-1]) for e in errors if e["type"] == "extra_forbidden"}
    problems: dict[str, ContentError] = {}
    for item in errors:
        location = (*prefix, *item["loc"])
        if item["type"] == "missing" and tuple(item["loc"][:-1]) in misspelt_in:
            continue
        if model is TemplateFile and location and location[0] in TEMPLATE_KINDS:
            location = location[1:]  # drop the discriminator pydantic puts first
        if location[:1] == ("kind",) or item["type"] in ("union_tag_invalid", "union_tag_not_found"):
            message = f"'kind' must be one of {', '.join(TEMPLATE_KINDS)}"
            location = ("kind",)
        else:
            message = str(item["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        name = _field_name(location)
        problems.setdefault(name, ContentError(path, line_of(lines, location), name, message))
    return list(problems.values())


def _validate[M: BaseModel](model: type[M], path: Path, problems: list[ContentError] | None = None) -> tuple[M | None, dict[Location, int]]:
    """The file checked against `model`; its problems are added to `problems` (and None returned), or
    raised when no list is given."""
    if problems is None:
        found = _Problems()
        result = _validate(model, path, found)
        found.raise_any()
        return result
    try:
        data, lines = _read(path)
    except ContentError as error:
        problems.append(error)
        return None, {}
    duplicates = []
    for location in _duplicate_ids(data):
        value = data
        for part in location:
            value = value[part]
        duplicates.append(ContentError(path, line_of(lines, location), _field_name(location), f"duplicate id '{value}'"))
    if duplicates:
        problems += duplicates
        return None, lines
    try:
        return model.model_validate(data), lines
    except ValidationError as error:
        problems += _pydantic_problems(model, error, path, lines)
        return None, lines


def load_template(path: Path) -> Agenda | Survey | Checkin:
    """One template file on its own, checked like `load_content` checks it."""
    problems = _Problems()
    parsed, _ = _validate(TemplateFile, path, problems)
    problems.raise_any()
    assert parsed is not None
    return parsed.root


def load_content(root: Path) -> Content:
    """Read and check every file of the content folder; raise `ContentError` with every problem found."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError(root, 1, "", "content folder not found")
    problems = _Problems()
    guide, _ = _validate(Guide, root / "guide.yaml", problems)
    questions, _ = _validate(QuestionsPage, root / "questions.yaml", problems)
    tips, _ = _validate(TipsPage, root / "tips.yaml", problems)
    ui = _load_ui(root / "ui", problems)

    template_dir = root / "templates"
    paths = sorted(template_dir.glob("*.yaml")) + sorted(template_dir.glob("*.yml"))
    if not paths:
        problems.append(ContentError(template_dir, 1, "", "no templates found (expected templates/<slug>.yaml)"))
    templates = []
    slug_origin: dict[str, Path] = {}
    for path in paths:
        parsed, lines = _validate(TemplateFile, path, problems)
        if parsed is None:
            continue
        template = parsed.root
        if template.slug in slug_origin:
            used_by = slug_origin[template.slug].name
            problems.append(ContentError(path, line_of(lines, ("slug",)), "slug", f"slug '{template.slug}' is already used by {used_by}"))
            continue
        slug_origin[template.slug] = path
        templates.append((template, path, lines))

    surveys = {t.slug for t, _, _ in templates if t.kind == "survey"}
    broken_slugs = {path.stem for path in paths if path not in slug_origin.values()}  # their references are not reported
    for template, path, lines in templates:
        if isinstance(template, Checkin):
            for index, slug in enumerate(template.surveys):
                if slug not in surveys and slug not in broken_slugs:
                    problems.append(ContentError(path, line_of(lines, ("surveys", index)), f"surveys.{index}", f"no survey with slug '{slug}'"))

    by_slug = {t.slug: t for t, _, _ in templates}
    for template, path, lines in templates:
        if isinstance(template, Survey) and template.self_assessment_of is not None and template.self_assessment_of not in broken_slugs:
            try:
                _check_self_assessment(template, by_slug.get(template.self_assessment_of), path, lines)
            except ContentError as error:
                problems.append(error)

    problems.raise_any()
    assert guide is not None and questions is not None and tips is not None
    ordered = sorted((t for t, _, _ in templates), key=lambda t: (t.order, t.slug))
    return Content(guide=guide, questions=questions, tips=tips, ui=ui, templates=tuple(ordered))


def _check_self_assessment(survey: Survey, target: object, path: Path, lines: dict[Location, int]) -> None:
    """A self-assessment is compared statement by statement with its team survey: same ids, same scale."""
    line = line_of(lines, ("self_assessment_of",))
    slug = survey.self_assessment_of
    if not isinstance(target, Survey):
        raise ContentError(path, line, "self_assessment_of", f"no survey with slug '{slug}'")
    if target.slug == survey.slug or target.self_assessment_of is not None:
        raise ContentError(path, line, "self_assessment_of", f"'{slug}' is not a team survey")
    ids, target_ids = [s.id for s in survey.statements], [s.id for s in target.statements]
    if sorted(ids) != sorted(target_ids):
        raise ContentError(path, line, "self_assessment_of", f"statement ids differ from '{slug}' ({', '.join(target_ids)})")
    if (survey.scale.min, survey.scale.max) != (target.scale.min, target.scale.max):
        raise ContentError(path, line, "self_assessment_of", f"the scale differs from '{slug}' ({target.scale.min}..{target.scale.max})")


def _load_ui(folder: Path, problems: list[ContentError] | None = None) -> dict[str, Localized]:
    """Merge the UI string files of `content/ui/`; a key may be defined once. Problems are added to
    `problems`, or raised when no list is given."""
    if problems is None:
        found = _Problems()
        merged = _load_ui(folder, found)
        found.raise_any()
        return merged
    ui: dict[str, Localized] = {}
    origin: dict[str, Path] = {}
    paths = sorted(folder.glob("*.yaml"))
    for path in paths:
        try:
            data, lines = _read(path)
        except ContentError as error:
            problems.append(error)
            continue
        for key, value in data.items():
            if key in origin:
                problems.append(ContentError(path, line_of(lines, (key,)), str(key), f"UI key already defined in {origin[key].name}"))
                continue
            try:
                ui[key] = Localized.model_validate(value if isinstance(value, dict) else {"nl": value})
            except ValidationError as error:
                problems += _pydantic_problems(Localized, error, path, lines, prefix=(key,))
            origin[key] = path
    if not paths:
        problems.append(ContentError(folder, 1, "", "no UI text files found (expected ui/*.yaml)"))
    return ui


def untranslated(root: Path, languages: tuple[str, ...] = LANGUAGES) -> list[ContentError]:
    """Every text field of the content folder that lacks one of `languages`."""
    root = Path(root)
    problems: list[ContentError] = []
    files: list[tuple[Path, type[BaseModel]]] = [
        (root / "guide.yaml", Guide),
        (root / "questions.yaml", QuestionsPage),
        (root / "tips.yaml", TipsPage),
    ]
    files += [(path, TemplateFile) for path in sorted((root / "templates").glob("*.y*ml"))]
    for path, model in files:
        invalid = _Problems()
        validated, lines = _validate(model, path, invalid)
        invalid.raise_any()
        for location, text in _texts(validated):
            missing = [lang for lang in languages if lang not in text.languages()]
            if missing:
                problems.append(ContentError(path, line_of(lines, location), _field_name(location), f"missing language: {', '.join(missing)}"))
    for path in sorted((root / "ui").glob("*.yaml")):
        ui_data, ui_lines = _read(path)
        for key, value in ui_data.items():
            have = set(value) if isinstance(value, dict) else {"nl"}
            missing = [lang for lang in languages if lang not in have]
            if missing:
                problems.append(ContentError(path, line_of(ui_lines, (key,)), str(key), f"missing language: {', '.join(missing)}"))
    return problems


def _texts(value: Any, location: Location = ()) -> Iterator[tuple[Location, Localized]]:
    """Every `Localized` inside a validated model, with its location in the file."""
    if isinstance(value, Localized):
        yield location, value
    elif isinstance(value, BaseModel) and hasattr(value, "root") and not isinstance(value, Localized):
        yield from _texts(value.root, location)
    elif isinstance(value, BaseModel):
        for name, field in type(value).model_fields.items():
            yield from _texts(getattr(value, name), (*location, field.alias or name))
    elif isinstance(value, (list, tuple)):
        for index, item in enumerate(value):
            yield from _texts(item, (*location, index))
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _texts(item, (*location, key))
