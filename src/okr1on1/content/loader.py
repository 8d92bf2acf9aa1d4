"""Load `content/` into a `Content` model; stop at the first problem with file, line and field."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from okr1on1.content.model import (
    LANGUAGES,
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

TEMPLATE_KINDS = ("agenda", "survey", "checkin")


@dataclass(frozen=True)
class ContentError(Exception):
    """A content problem, located: `content/templates/x.yaml:12: sections.0.title: text is empty`."""

    path: Path
    line: int
    field: str
    message: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.field or '(file)'}: {self.message}"


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


def _validate[M: BaseModel](model: type[M], path: Path) -> tuple[M, dict[Location, int]]:
    data, lines = _read(path)
    for location in _duplicate_ids(data):
        value = data
        for part in location:
            value = value[part]
        raise ContentError(path, line_of(lines, location), _field_name(location), f"duplicate id '{value}'")
    try:
        return model.model_validate(data), lines
    except ValidationError as error:
        # An unknown key is usually a misspelt one: report it before the "missing" it causes.
        errors = sorted(error.errors(include_url=False), key=lambda e: e["type"] != "extra_forbidden")
        first = errors[0]
        location = tuple(first["loc"])
        if model is TemplateFile and location and location[0] in TEMPLATE_KINDS:
            location = location[1:]  # drop the discriminator pydantic puts first
        if location[:1] == ("kind",) or first["type"] in ("union_tag_invalid", "union_tag_not_found"):
            message = f"'kind' must be one of {', '.join(TEMPLATE_KINDS)}"
            location = ("kind",)
        else:
            message = str(first["msg"]).removeprefix("Value error, ").removeprefix("Assertion failed, ")
        raise ContentError(path, line_of(lines, location), _field_name(location), message) from None


def load_template(path: Path) -> Agenda | Survey | Checkin:
    """One template file on its own, checked like `load_content` checks it."""
    return _validate(TemplateFile, path)[0].root


def load_content(root: Path) -> Content:
    """Read and check every file of the content folder; raise `ContentError` on the first problem."""
    root = Path(root)
    if not root.is_dir():
        raise ContentError(root, 1, "", "content folder not found")
    guide, _ = _validate(Guide, root / "guide.yaml")
    questions, _ = _validate(QuestionsPage, root / "questions.yaml")
    tips, _ = _validate(TipsPage, root / "tips.yaml")
    ui = _load_ui(root / "ui")

    template_dir = root / "templates"
    paths = sorted(template_dir.glob("*.yaml")) + sorted(template_dir.glob("*.yml"))
    if not paths:
        raise ContentError(template_dir, 1, "", "no templates found (expected templates/<slug>.yaml)")
    templates = []
    slug_origin: dict[str, Path] = {}
    for path in paths:
        parsed, lines = _validate(TemplateFile, path)
        template = parsed.root
        if template.slug in slug_origin:
            used_by = slug_origin[template.slug].name
            raise ContentError(path, line_of(lines, ("slug",)), "slug", f"slug '{template.slug}' is already used by {used_by}")
        slug_origin[template.slug] = path
        templates.append((template, path, lines))

    surveys = {t.slug for t, _, _ in templates if t.kind == "survey"}
    for template, path, lines in templates:
        if isinstance(template, Checkin):
            for index, slug in enumerate(template.surveys):
                if slug not in surveys:
                    raise ContentError(path, line_of(lines, ("surveys", index)), f"surveys.{index}", f"no survey with slug '{slug}'")

    by_slug = {t.slug: t for t, _, _ in templates}
    for template, path, lines in templates:
        if isinstance(template, Survey) and template.self_assessment_of is not None:
            _check_self_assessment(template, by_slug.get(template.self_assessment_of), path, lines)

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


def _load_ui(folder: Path) -> dict[str, Localized]:
    """Merge the UI string files of `content/ui/`; a key may be defined once."""
    ui: dict[str, Localized] = {}
    origin: dict[str, Path] = {}
    for path in sorted(folder.glob("*.yaml")):
        data, lines = _read(path)
        for key, value in data.items():
            if key in origin:
                raise ContentError(path, line_of(lines, (key,)), str(key), f"UI key already defined in {origin[key].name}")
            try:
                ui[key] = Localized.model_validate(value if isinstance(value, dict) else {"nl": value})
            except ValidationError as error:
                first = error.errors(include_url=False)[0]
                location: Location = (key, *first["loc"])
                message = str(first["msg"]).removeprefix("Value error, ")
                raise ContentError(path, line_of(lines, location), _field_name(location), message) from None
            origin[key] = path
    if not ui:
        raise ContentError(folder, 1, "", "no UI text files found (expected ui/*.yaml)")
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
        validated, lines = _validate(model, path)
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
